// The documents of a virtual workspace (Remote Repositories: vscode-vfs:) and untitled editors are
// linted like files: the server reads the text the client sends, whatever the URI scheme. This is
// what makes the extension's virtual-workspace claim true (client/src/selector.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../support/lsp-client';
import { SERVED_SCHEMES } from '../../client/src/selector';

const TEXT = 'FROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree install vim\n';
let c: LspClient;

beforeAll(async () => {
  c = new LspClient();
  await c.initialize();
});
afterAll(() => c?.kill());

describe('documents of every served scheme', () => {
  const uris: Record<(typeof SERVED_SCHEMES)[number], string> = {
    file: 'file:///work/Containerfile',
    untitled: 'untitled:Untitled-1',
    'vscode-vfs': 'vscode-vfs://github/org/repo/images/Containerfile',
  };

  it.each(SERVED_SCHEMES.map((s) => [s, uris[s]] as const))('%s: %s is linted', async (_scheme, uri) => {
    c.open(uri, TEXT, 1);
    const published = await c.diagnostics(uri, 1);
    const ours = (published.params.diagnostics as { source: string; code: string; range: unknown }[]).filter((d) => d.source === 'layerlint');
    expect(ours.map((d) => d.code)).toEqual(['missing-container-commit']);
    expect(ours[0].range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 22 } });
  });
});
