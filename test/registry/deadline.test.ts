// One deadline per image (the --timeout) over redirects, retries and Retry-After waits (issue 13
// item 10): a loopback server that answers slowly with a redirect chain that ends in 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages } from '../../server/src/registry/check';
import { startServer, type TestServer } from './support/servers';

let registry: TestServer;
beforeAll(async () => {
  // Every answer takes 700 ms: /v2/…/manifests/1 → /hop/1 → /hop/2 → /hop/3 → 429, Retry-After 3 s.
  registry = await startServer((req, res) => {
    const url = req.url ?? '';
    setTimeout(() => {
      const hop = /^\/hop\/(\d+)$/.exec(url);
      const n = hop ? Number(hop[1]) : 0;
      if (n < 3) res.writeHead(307, { location: `/hop/${n + 1}` }).end();
      else res.writeHead(429, { 'retry-after': '3' }).end();
    }, 700);
  });
});
afterAll(() => registry?.close());

describe('the --timeout', () => {
  it('bounds the whole check of an image, not each request', async () => {
    const started = Date.now();
    const [r] = await checkImages([{ image: `${registry.host}/slow/base:1`, platforms: ['linux/amd64'] }], { cacheDir: null, timeoutMs: 2000 });
    expect(r.error).toBe('timed out after 2s');
    // 0.7 s + 0.7 s, then the third request is given up at 2 s: no 429 wait, no retry.
    expect(registry.requests.map((x) => x.url)).toEqual(['/v2/slow/base/manifests/1', '/hop/1', '/hop/2']);
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('ends a Retry-After wait that would pass the deadline', async () => {
    registry.requests.length = 0;
    const [r] = await checkImages([{ image: `${registry.host}/slow/base:1`, platforms: ['linux/amd64'] }], { cacheDir: null, timeoutMs: 3500 });
    expect(r.error).toBe('timed out after 3.5s');
    expect(registry.requests.map((x) => x.url)).toEqual(['/v2/slow/base/manifests/1', '/hop/1', '/hop/2', '/hop/3']);
  });
});
