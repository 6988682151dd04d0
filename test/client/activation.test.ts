// Issue 5: the extension activates in under 200 ms. VS Code's activation time is the time to load
// the extension's code plus the time `activate` takes; both are measured on the bundled
// dist/extension.js with a stand-in `vscode` module, in fresh Node processes (best of three, so a
// busy machine running the other test files does not decide the figure). The server starts
// asynchronously and is not part of it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = join(__dirname, 'activation-probe.cjs');

describe('activation', () => {
  it('loads and activates in under 200 ms', () => {
    const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as { loadMs: number; activateMs: number; subscriptions: number });
    const best = runs.reduce((a, b) => (a.loadMs + a.activateMs <= b.loadMs + b.activateMs ? a : b));
    console.log(`dist/extension.js: load ${best.loadMs.toFixed(1)} ms + activate ${best.activateMs.toFixed(1)} ms (best of ${runs.length})`);
    expect(best.subscriptions).toBeGreaterThanOrEqual(8);
    expect(best.loadMs + best.activateMs).toBeLessThan(200);
  });
});
