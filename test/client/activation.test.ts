// Issue 5: the extension activates in under 200 ms. VS Code's activation time is the time to load
// the extension's code plus the time `activate` takes; both are measured here on the bundled
// dist/extension.js with a stub `vscode` module (the server start is asynchronous and not part of it).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vscodeStub, withVscode } from './vscode-stub';

const bundle = join(__dirname, '..', '..', 'dist', 'extension.js');

describe('activation', () => {
  it('loads and activates in under 200 ms', async () => {
    const vscode = vscodeStub();
    const context = {
      subscriptions: [] as { dispose(): unknown }[],
      asAbsolutePath: (p: string) => join(__dirname, '..', '..', p),
      extension: { packageJSON: { version: 'test' } },
    };
    const req = createRequire(__filename);
    const { load, activate, api } = withVscode(vscode, () => {
      const t0 = performance.now();
      const ext = req(bundle) as { activate(c: unknown): { activationMs: number; serverReady: Promise<void> } };
      const t1 = performance.now();
      const result = ext.activate(context);
      const t2 = performance.now();
      return { load: t1 - t0, activate: t2 - t1, api: result };
    });
    await api.serverReady.catch(() => undefined); // no real VS Code: the client cannot start
    console.log(`dist/extension.js: load ${load.toFixed(1)} ms, activate ${activate.toFixed(1)} ms (activate's own count ${api.activationMs.toFixed(1)} ms)`);
    expect(context.subscriptions.length).toBeGreaterThanOrEqual(8);
    expect(load + activate).toBeLessThan(200);
  });
});
