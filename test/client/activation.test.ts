// The bundled dist/extension.js loads and activates outside VS Code with a stand-in `vscode` module
// (activation-probe.cjs, in a fresh process): every command, provider and listener is registered.
// How long that takes is a benchmark figure (`npm run bench`, scripts/bench/activation.mjs), not a
// test assertion.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_SELECTOR } from '../../client/src/selector';

const probe = join(__dirname, 'activation-probe.cjs');

interface Run {
  loadMs: number;
  activateMs: number;
  subscriptions: number;
  calls: { name: string; args: unknown[] }[];
}

describe('activation', () => {
  it('loads and activates, registering its commands, providers and listeners', () => {
    const run = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as Run;
    expect(run.subscriptions).toBeGreaterThanOrEqual(8);
    expect(Number.isFinite(run.loadMs) && Number.isFinite(run.activateMs)).toBe(true);
  });

  it('shows its status as a language status item for Containerfile editors, not in the whole status bar', () => {
    const run = JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })) as Run;
    const served = DOCUMENT_SELECTOR;
    expect(run.calls.filter((c) => c.name === 'vscode.languages.createLanguageStatusItem').map((c) => c.args)).toEqual([['layerlint.status', served]]);
    expect(run.calls.filter((c) => c.name === 'vscode.window.createStatusBarItem')).toEqual([]);
    // The code lenses serve the same documents as the language client.
    expect(run.calls.filter((c) => c.name === 'vscode.languages.registerCodeLensProvider').map((c) => c.args[0])).toEqual([served]);
  });
});
