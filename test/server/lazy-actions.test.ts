// Code actions computed only when asked (issue 17, item 4): a request for the actions at the cursor
// never builds the whole-file fix-all; a client that resolves code actions gets it without its edit
// and fills it in with codeAction/resolve; source.fixAll asked by kind still carries its edit;
// cancelled resolve and documentSymbol requests answer RequestCancelled; on a large document the
// Layerlint findings are published before the generic validation is awaited.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixAllEdits } from '../../server/src/engine/services/actions';
import { initEngine, OKD, REPLACE } from '../support/engine';
import { DEFAULT_CAPABILITIES, LspClient } from '../support/lsp-client';

const TEXT = `${OKD}\nRUN ${REPLACE}\nRUN echo done\n`;
const URI = 'file:///lazy/Containerfile';
const RESOLVING = {
  ...DEFAULT_CAPABILITIES,
  textDocument: { ...DEFAULT_CAPABILITIES.textDocument, codeAction: { ...DEFAULT_CAPABILITIES.textDocument.codeAction, resolveSupport: { properties: ['edit'] } } },
};
/** The cursor on the last line, where there is no finding: what a client asks on every cursor move. */
const CURSOR = { textDocument: { uri: URI }, range: { start: { line: 2, character: 3 }, end: { line: 2, character: 3 } }, context: { diagnostics: [] } };
const FIX_ALL = 'source.fixAll.layerlint';

let c: LspClient | undefined;
beforeAll(async () => {
  await initEngine();
});
afterEach(() => c?.kill());

async function start(capabilities: unknown, text = TEXT): Promise<LspClient> {
  c = new LspClient();
  await c.initialize(capabilities);
  c.open(URI, text);
  await c.diagnostics(URI, 1, 30_000);
  return c;
}

/** Sends a request and a $/cancelRequest for it in the same write. */
function cancelled(client: LspClient, method: string, params: unknown) {
  const id = (client as unknown as { nextId: number }).nextId;
  const answer = client.request(method, params, 30_000);
  client.notify('$/cancelRequest', { id });
  return answer;
}

describe('fix-all on demand', () => {
  it('a client without resolve: nothing of fix-all at the cursor; with only source.fixAll, the edit', async () => {
    const client = await start(DEFAULT_CAPABILITIES);
    const atCursor = await client.call<any[]>('textDocument/codeAction', CURSOR);
    expect(atCursor.filter((a) => a.kind === FIX_ALL)).toEqual([]);
    const asked = await client.call<any[]>('textDocument/codeAction', { ...CURSOR, context: { diagnostics: [], only: ['source.fixAll'] } });
    expect(asked.map((a) => [a.kind, a.edit.changes[URI]])).toEqual([[FIX_ALL, fixAllEdits(TEXT, {})]]);
  });

  it('a client that resolves: offered without its edit, filled in by codeAction/resolve', async () => {
    const client = await start(RESOLVING);
    const atCursor = await client.call<any[]>('textDocument/codeAction', CURSOR);
    const fixAll = atCursor.filter((a) => a.kind === FIX_ALL);
    expect(fixAll).toEqual([{ title: 'Fix all Layerlint problems', kind: FIX_ALL, data: { fixAll: { uri: URI, version: 1 } } }]);
    const resolved = await client.call('codeAction/resolve', fixAll[0]);
    expect(resolved.edit.changes[URI]).toEqual(fixAllEdits(TEXT, {}));
    expect(fixAllEdits(TEXT, {})).not.toEqual([]);
  });

  it('resolve after an edit: ContentModified, not an edit for another text', async () => {
    const client = await start(RESOLVING);
    const [fixAll] = (await client.call<any[]>('textDocument/codeAction', CURSOR)).filter((a) => a.kind === FIX_ALL);
    client.change(URI, 2, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '# x\n' }]);
    const answer = await client.request('codeAction/resolve', fixAll);
    expect(answer.error?.code).toBe(-32801);
  });
});

describe('cancellation', () => {
  it('codeAction/resolve cancelled: RequestCancelled', async () => {
    const client = await start(RESOLVING);
    const [fixAll] = (await client.call<any[]>('textDocument/codeAction', CURSOR)).filter((a) => a.kind === FIX_ALL);
    const answer = await cancelled(client, 'codeAction/resolve', fixAll);
    expect(answer.error?.code).toBe(-32800);
  });

  it('fix-all asked by kind (a client without resolve) cancelled: RequestCancelled', async () => {
    const client = await start(DEFAULT_CAPABILITIES);
    const answer = await cancelled(client, 'textDocument/codeAction', { ...CURSOR, context: { diagnostics: [], only: ['source.fixAll'] } });
    expect(answer.error?.code).toBe(-32800);
  });

  it('documentSymbol cancelled: RequestCancelled; asked again: the symbols', async () => {
    const client = await start(DEFAULT_CAPABILITIES);
    const answer = await cancelled(client, 'textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(answer.error?.code).toBe(-32800);
    expect((await client.call<any[]>('textDocument/documentSymbol', { textDocument: { uri: URI } })).length).toBe(1);
  });
});

describe('a large document', () => {
  // The generic validation in its worker thread, and on the server's thread (no worker, or after the
  // worker failed): either way it comes after the Layerlint findings.
  it.each([
    ['in the worker', {}],
    ['on the main thread', { LAYERLINT_GENERIC_WORKER: '0' }],
  ])('its Layerlint findings are published without waiting for the generic validation (%s), which follows', async (_where, env) => {
    // 300 KB: the findings of the first version come before the generic ones.
    const text = `${OKD}\nRUN ${REPLACE}\n${'workdir /tmp\n'.repeat(23_000)}`;
    expect(text.length).toBeGreaterThan(256 * 1024);
    c = new LspClient(['--stdio'], { ...process.env, ...env });
    await c.initialize();
    c.open(URI, text);
    const first = await c.diagnostics(URI, 1, 60_000);
    const sources = (m: any) => [...new Set(m.params.diagnostics.map((d: any) => d.source))];
    expect(sources(first)).toEqual(['layerlint']);
    const complete = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 1 && m !== first, 120_000);
    expect(sources(complete)).toContain('dockerfile-utils');
  });
});

describe('a document the validation worker runs out of memory on', () => {
  it('is published without generic findings (not validated on the server thread), and the restarted worker validates the next document', async () => {
    c = new LspClient();
    await c.initialize();
    // 3.9 MB: past the worker's heap (the generic validation of it took 44 s on the server thread).
    const huge = `${OKD}\nRUN ${REPLACE}\n${'workdir /tmp\n'.repeat(300_000)}`;
    c.open(URI, huge);
    const validated = await c.waitFor((m) => m.method === 'layerlint/validated' && m.params.uri === URI && m.params.version === 1, 60_000);
    const last = c.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI && m.params.version === 1).at(-1)!;
    expect(last.params.diagnostics.map((d: any) => d.code)).toEqual(['kernel-without-initramfs', 'missing-container-commit']);
    expect(validated.params.diagnostics).toBe(2);
    const logs = c.received.filter((m) => m.method === 'window/logMessage').map((m) => m.params.message as string);
    expect(logs.some((l) => l.startsWith('layerlint: Dockerfile validation worker stopped (Error [ERR_WORKER_OUT_OF_MEMORY]') && l.endsWith('started again'))).toBe(true);
    expect(logs).toContain('layerlint: generic Dockerfile diagnostics skipped for a document of 3.7 MB (too large to validate)');
    const small = 'file:///lazy/small/Containerfile';
    c.open(small, 'FROM quay.io/fedora/fedora-coreos:stable\nworkdir /tmp\n');
    await c.waitFor((m) => m.method === 'layerlint/validated' && m.params.uri === small, 30_000);
    const published = c.received.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === small).at(-1)!;
    expect(published.params.diagnostics.map((d: any) => d.source)).toEqual(['dockerfile-utils']);
  });
});
