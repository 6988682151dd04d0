// Other editors (issue 17, item 5): initializationOptions settings stand when the client answers
// workspace/configuration with null (Neovim with nothing configured); requests after shutdown are
// answered InvalidRequest; a clean shutdown logs no error.
import { afterEach, describe, expect, it } from 'vitest';
import { OKD, REPLACE } from '../support/engine';
import { LspClient } from '../support/lsp-client';

const URI = 'file:///lifecycle/Containerfile';
const TEXT = `${OKD}\nRUN ${REPLACE}\n`;
let c: LspClient | undefined;
afterEach(() => c?.kill());

describe('settings', () => {
  it('a null workspace/configuration answer keeps the initializationOptions settings', async () => {
    c = new LspClient();
    c.onServerRequest = (m) => (m.method === 'workspace/configuration' ? (m.params.items as unknown[]).map(() => null) : null);
    await c.initialize(undefined, { settings: { severities: { 'kernel-without-initramfs': 'off', 'missing-container-commit': 'hint' } } });
    c.open(URI, TEXT);
    const published = await c.diagnostics(URI, 1, 20_000);
    const own = published.params.diagnostics.filter((d: any) => d.source === 'layerlint');
    expect(own.map((d: any) => d.code)).not.toContain('kernel-without-initramfs');
    expect(own.find((d: any) => d.code === 'missing-container-commit')?.severity).toBe(4);
  });
});

describe('capabilities', () => {
  it('$ and { trigger completion (ARG/ENV names)', async () => {
    c = new LspClient();
    const result = await c.initialize();
    expect(result.capabilities.completionProvider.triggerCharacters).toEqual(expect.arrayContaining(['$', '{']));
    c.open(URI, `${OKD}\nARG KVER=1\nRUN echo $`);
    await c.diagnostics(URI, 1, 20_000);
    const items = await c.call<any[]>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 2, character: 10 }, context: { triggerKind: 2, triggerCharacter: '$' } });
    expect(items.map((i) => i.label)).toEqual(['KVER']);
  });
});

describe('shutdown', () => {
  it('requests after shutdown: InvalidRequest; exit ends the process with 0 and no error logged', async () => {
    c = new LspClient();
    await c.initialize();
    c.open(URI, TEXT);
    await c.diagnostics(URI, 1, 20_000);
    expect(await c.call('shutdown', null)).toBeNull();
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 6 } }],
      ['textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/documentSymbol', { textDocument: { uri: URI } }],
    ] as const) {
      const answer = await c.request(method, params);
      expect(answer.error?.code, method).toBe(-32600);
    }
    c.notify('exit', null);
    expect(await c.exited).toBe(0);
    const errors = c.received.filter((m) => m.method === 'window/logMessage' && m.params.type === 1);
    expect(errors.map((m) => m.params.message)).toEqual([]);
    expect(c.stderr).toBe('');
  });
});
