import { describe, expect, it } from 'vitest';
import { RestartBackoff } from '../../client/src/backoff';

describe('RestartBackoff', () => {
  const opts = { initialMs: 500, maxMs: 4000, maxRestarts: 5, windowMs: 60_000 };

  it('doubles the delay per crash up to the maximum, then gives up', () => {
    let t = 0;
    const b = new RestartBackoff(opts, () => t);
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(b.next());
      t += 1000;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, undefined]);
  });

  it('forgets crashes older than the window, and on reset', () => {
    let t = 0;
    const b = new RestartBackoff(opts, () => t);
    b.next();
    b.next();
    t = 61_000;
    expect(b.next()).toBe(500);
    b.next();
    b.reset();
    expect(b.count).toBe(0);
    expect(b.next()).toBe(500);
  });
});
