// The bundled dist/extension.js loads and activates outside VS Code with a stand-in `vscode` module
// (activation-probe.cjs, in a fresh process): every command, provider and listener is registered.
// How long that takes is a benchmark figure (`npm run bench`, scripts/bench/activation.mjs), not a
// test assertion.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const probe = join(__dirname, 'activation-probe.cjs');

describe('activation', () => {
  it('loads and activates, registering its commands, providers and listeners', () => {
    const run = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as { loadMs: number; activateMs: number; subscriptions: number };
    expect(run.subscriptions).toBeGreaterThanOrEqual(8);
    expect(Number.isFinite(run.loadMs) && Number.isFinite(run.activateMs)).toBe(true);
  });
});
