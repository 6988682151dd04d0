// The built language server over stdio, spoken to in raw JSON-RPC: diagnostics per version, quick
// fixes applied as a client would, hover, completion, symbols, settings, stale versions, shutdown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initEngine, lint, RULES } from '../../server/src/engine';
import { ROOT } from '../support/cli';
import { LspClient, type Message } from '../support/lsp-client';

const OKD = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile'), 'utf8');
const OKD_FIXED = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile.fixed'), 'utf8');
const URI = 'file:///work/project/Containerfile';

const clients: LspClient[] = [];
async function started(settings: unknown = {}): Promise<LspClient> {
  const c = new LspClient();
  c.settings = settings;
  clients.push(c);
  await c.initialize();
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) {
    if (c.child.exitCode === null) c.kill();
  }
});

beforeAll(async () => {
  await initEngine();
});

/** Applies a WorkspaceEdit for URI the way an editor does, returning the new text. */
function applyWorkspaceEdit(text: string, edit: { changes: Record<string, any[]> }): string {
  const doc = TextDocument.create(URI, 'dockerfile', 0, text);
  return TextDocument.applyEdits(doc, edit.changes[URI]);
}

const codes = (m: Message) => (m.params.diagnostics as any[]).filter((d) => d.source === 'layerlint').map((d) => d.code as string);

function lineOf(text: string, needle: string): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" not in text`);
  return { line, character: lines[line].indexOf(needle) };
}

describe('language server over stdio', () => {
  it("answers layerlint/rules with every rule of the catalogue, in its order (the editor's rule list)", async () => {
    const c = await started();
    const { result } = await c.request('layerlint/rules', null);
    expect(result).toEqual(RULES.map((r) => ({ code: r.code, defaultSeverity: r.defaultSeverity, title: r.title, registry: r.registry === true })));
    expect(result.filter((r: { registry: boolean }) => r.registry).map((r: { code: string }) => r.code)).toEqual(['base-platform-missing', 'base-platform-mislabeled']);
  });

  it('answers layerlint/registryHosts with the registries a check of the open document contacts, ARGs resolved from the settings', async () => {
    const c = await started({ buildArgs: { REGISTRY: 'registry.example:5000' } });
    const text =
      'ARG REGISTRY=quay.io\nARG TAG\nFROM ${REGISTRY}/fedora/fedora-coreos:stable\nFROM --platform=linux/arm64 ghcr.io/acme/tool:1 AS tool\nFROM docker.io/library/fedora:${TAG}\nFROM tool\n';
    c.open(URI, text);
    const { result } = await c.request('layerlint/registryHosts', { textDocument: { uri: URI }, platforms: ['linux/amd64'] });
    expect(result).toEqual(['registry.example:5000', 'ghcr.io', 'docker.io/library/fedora:${TAG}']);
    const unknown = await c.request('layerlint/registryHosts', { textDocument: { uri: 'file:///nowhere' }, platforms: ['linux/amd64'] });
    expect(unknown.error?.message).toBe('layerlint/registryHosts: no open document file:///nowhere');
  });

  it('answers initialize with its capabilities and identity', async () => {
    const c = new LspClient();
    clients.push(c);
    const result = await c.initialize();
    expect(result.serverInfo.name).toBe('layerlint-language-server');
    expect(result.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(result.capabilities.codeActionProvider.codeActionKinds).toEqual(['quickfix', 'source.fixAll.layerlint']);
    expect(result.capabilities.hoverProvider).toBe(true);
    expect(result.capabilities.documentSymbolProvider).toBe(true);
  });

  it('publishes the OKD kernel-swap findings for the opened version, with codes and documentation links', async () => {
    const c = await started();
    c.open(URI, OKD, 7);
    const published = await c.diagnostics(URI, 7);
    expect(codes(published)).toEqual(lint(OKD).map((d) => d.code));
    expect(codes(published)).toContain('kernel-without-initramfs');
    const d = published.params.diagnostics.find((x: any) => x.code === 'kernel-without-initramfs');
    expect(d.severity).toBe(1);
    expect(d.codeDescription.href).toMatch(/docs\/rules\/kernel-without-initramfs\.md$/);
    expect(d.message).toMatch(/cannot open root device/);
  });

  it('fixes the kernel swap with the preferred code action; the finding disappears in the next version', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    const before = await c.diagnostics(URI, 1);
    const target = before.params.diagnostics.find((x: any) => x.code === 'kernel-without-initramfs');
    const actions = await c.call('textDocument/codeAction', { textDocument: { uri: URI }, range: target.range, context: { diagnostics: [target] } });
    const fix = actions.find((a: any) => a.isPreferred && a.diagnostics[0].code === 'kernel-without-initramfs');
    expect(fix.kind).toBe('quickfix');
    expect(fix.command).toBeUndefined();
    const after = applyWorkspaceEdit(OKD, fix.edit);
    expect(after).toMatch(/dracut --no-hostonly --kver 6\.\d[^ ]* .*--add ostree/);
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: after }] });
    const published = await c.diagnostics(URI, 2);
    expect(codes(published)).not.toContain('kernel-without-initramfs');
    expect(codes(published).filter((x) => x.startsWith('dracut-'))).toEqual([]);
  });

  it('offers "disable for this instruction" and "for this file" that silence the rule', async () => {
    const c = await started();
    const text = `# escape=\\\n${OKD}`;
    c.open(URI, text, 1);
    const before = await c.diagnostics(URI, 1);
    const target = before.params.diagnostics.find((x: any) => x.code === 'kernel-without-initramfs');
    const actions = await c.call('textDocument/codeAction', { textDocument: { uri: URI }, range: target.range, context: { diagnostics: [target], only: ['quickfix'] } });
    const local = actions.find((a: any) => a.title === 'Disable kernel-without-initramfs for this instruction');
    const global = actions.find((a: any) => a.title === 'Disable kernel-without-initramfs for this file');
    const localText = applyWorkspaceEdit(text, local.edit);
    const runLine = lineOf(text, 'RUN rpm-ostree cliwrap').line;
    expect(localText.split('\n')[runLine]).toMatch(/^\s*# layerlint ignore=kernel-without-initramfs$/);
    expect(lint(localText).map((d) => d.code)).not.toContain('kernel-without-initramfs');
    const globalText = applyWorkspaceEdit(text, global.edit);
    expect(globalText.split('\n').slice(0, 2)).toEqual(['# escape=\\', '# layerlint global ignore=kernel-without-initramfs']);
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: globalText }] });
    expect(codes(await c.diagnostics(URI, 2))).not.toContain('kernel-without-initramfs');
  });

  it('merges a second disabled code into the existing ignore comment', async () => {
    const c = await started();
    const text = OKD.replace(/^RUN rpm-ostree cliwrap/m, '# layerlint ignore=cliwrap-deprecated\nRUN rpm-ostree cliwrap');
    c.open(URI, text, 1);
    const before = await c.diagnostics(URI, 1);
    const target = before.params.diagnostics.find((x: any) => x.code === 'cliwrap-same-run');
    expect(target).toBeDefined();
    const actions = await c.call('textDocument/codeAction', { textDocument: { uri: URI }, range: target.range, context: { diagnostics: [target] } });
    const local = actions.find((a: any) => a.title === 'Disable cliwrap-same-run for this instruction');
    const after = applyWorkspaceEdit(text, local.edit);
    expect(after).toContain('# layerlint ignore=cliwrap-deprecated,cliwrap-same-run\n');
    expect(after.split('\n').length).toBe(text.split('\n').length);
  });

  it('source.fixAll.layerlint fixes every fixable finding at once', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    await c.diagnostics(URI, 1);
    const actions = await c.call('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions.map((a: any) => a.kind)).toEqual(['source.fixAll.layerlint']);
    const fixed = applyWorkspaceEdit(OKD, actions[0].edit);
    expect(lint(fixed).filter((d) => d.severity === 1)).toEqual([]);
    expect(lint(OKD).filter((d) => d.severity === 1).length).toBeGreaterThan(0);
  });

  it('includes generic Dockerfile diagnostics under their own source, and drops them when switched off', async () => {
    const text = `${OKD}\nworkdir relative/path\n`;
    const c = await started();
    c.open(URI, text, 1);
    const on = await c.diagnostics(URI, 1);
    const generic = on.params.diagnostics.filter((d: any) => d.source === 'dockerfile-utils');
    expect(generic.length).toBeGreaterThan(0);
    // The full default settings reach the validator: both the casing and the relative-WORKDIR checks report.
    expect(generic.map((d: any) => d.message).join('\n')).toMatch(/uppercase/i);
    expect(generic.map((d: any) => d.message).join('\n')).toMatch(/WORKDIR paths should be absolute/);
    const actions = await c.call('textDocument/codeAction', { textDocument: { uri: URI }, range: generic[0].range, context: { diagnostics: generic } });
    const upper = actions.find((a: any) => /uppercase/i.test(a.title));
    expect(upper.edit.changes[URI][0].newText).toBe('WORKDIR');
    expect(generic[0].range).toEqual(on.params.diagnostics.find((d: any) => d.source === 'dockerfile-utils').range);

    c.settings = { dockerfile: { diagnostics: false } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const since = c.received.length;
    const off = await c.diagnostics(URI, 1, 10_000, since);
    expect(off.params.diagnostics.filter((d: any) => d.source === 'dockerfile-utils')).toEqual([]);
    expect(codes(off)).toEqual(codes(on));
  });

  it('publishes the Layerlint findings of each version at once; generic findings follow, moved through the edit until then', async () => {
    const text = `${OKD}\nworkdir relative/path\n`;
    const c = await started();
    c.open(URI, text, 1);
    await c.waitFor((m) => m.method === 'layerlint/validated' && m.params.version === 1);
    const since = c.received.length;
    // A blank line at the top: every finding moves one line down.
    c.notify('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }] });
    const validated = await c.waitFor((m) => m.method === 'layerlint/validated' && m.params.version === 2, 10_000, since);
    const after = c.received.slice(since, c.received.indexOf(validated));
    const publications = after.filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.version === 2);
    expect(publications.length).toBeGreaterThanOrEqual(1);
    const workdirLine = `\n${text}`.split('\n').findIndex((l) => l.startsWith('workdir'));
    for (const p of publications) {
      expect(codes(p)).toEqual(lint(`\n${text}`).map((d) => d.code));
      const generic = p.params.diagnostics.filter((d: any) => d.source === 'dockerfile-utils');
      expect(generic.length).toBeGreaterThan(0);
      for (const d of generic) expect(d.range.start.line).toBe(workdirLine);
    }
    // The last publication before layerlint/validated is the complete one.
    expect(publications[publications.length - 1].params.diagnostics.length).toBe(validated.params.diagnostics);
  });

  it('applies per-rule severity overrides and build args from the settings, re-pulled on change', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    const first = await c.diagnostics(URI, 1);
    expect(first.params.diagnostics.find((d: any) => d.code === 'kernel-without-initramfs').severity).toBe(1);
    c.settings = { severities: { 'kernel-without-initramfs': 'hint', 'cliwrap-deprecated': 'off' } };
    const since = c.received.length;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    const second = await c.diagnostics(URI, 1, 10_000, since);
    expect(second.params.diagnostics.find((d: any) => d.code === 'kernel-without-initramfs').severity).toBe(4);
    expect(codes(second)).not.toContain('cliwrap-deprecated');
  });

  it('uses initializationOptions settings for clients that cannot answer workspace/configuration', async () => {
    const c = new LspClient();
    clients.push(c);
    await c.initialize({ textDocument: {} }, { settings: { severities: { 'kernel-without-initramfs': 'off' } } });
    c.open(URI, OKD, 1);
    const published = await c.diagnostics(URI, 1);
    expect(codes(published)).not.toContain('kernel-without-initramfs');
    expect(codes(published)).toContain('cliwrap-same-run');
    expect(c.received.some((m) => m.method === 'workspace/configuration')).toBe(false);
  });

  it('never publishes results of an older version: rapid edits end with the latest text', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    await c.diagnostics(URI, 1);
    const texts = new Map<number, string>([[1, OKD]]);
    let text = OKD;
    const since = c.received.length;
    for (let v = 2; v <= 40; v++) {
      // Alternate between the broken and the fixed recipe, one full-text change per version.
      text = v % 2 ? OKD : OKD_FIXED;
      texts.set(v, text);
      c.notify('textDocument/didChange', { textDocument: { uri: URI, version: v }, contentChanges: [{ text }] });
    }
    const last = await c.diagnostics(URI, 40, 10_000, since);
    expect(codes(last)).toEqual(lint(OKD_FIXED).map((d) => d.code));
    const publishes = c.received.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics');
    let previous = 1;
    for (const p of publishes) {
      expect(p.params.version).toBeGreaterThanOrEqual(previous);
      previous = p.params.version;
      expect(codes(p)).toEqual(lint(texts.get(p.params.version)!).map((d) => d.code));
    }
    // Debounced: far fewer publications than versions.
    expect(publishes.length).toBeLessThan(39);
  });

  it('applies incremental changes', async () => {
    const c = await started();
    c.open(URI, OKD_FIXED, 1);
    expect(codes(await c.diagnostics(URI, 1))).toEqual([]);
    const at = lineOf(OKD_FIXED, '--add ostree');
    // Delete "--add ostree " in place: dracut-missing-ostree must appear.
    c.change(URI, 2, [{ range: { start: at, end: { line: at.line, character: at.character + '--add ostree '.length } }, text: '' }]);
    expect(codes(await c.diagnostics(URI, 2))).toContain('dracut-missing-ostree');
  });

  it('hovers a kernel RPM URL with its NEVRA, kver and initramfs path', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    await c.diagnostics(URI, 1);
    // The URL names four packages by brace expansion: kernel-{,core-,modules-,modules-core-}6.4.15-….rpm
    const at = lineOf(OKD, 'https://kojipkgs');
    const hover = await c.call('textDocument/hover', { textDocument: { uri: URI }, position: { line: at.line, character: at.character + 3 } });
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toContain('**Kernel package** `kernel-modules-core`');
    const kver = '6.4.15-200.fc38.x86_64';
    expect(hover.contents.value).toContain(`kver: \`${kver}\``);
    expect(hover.contents.value).toContain(`/usr/lib/modules/${kver}/initramfs.img`);
  });

  it('hovers a dracut option, the FROM image and a diagnostic', async () => {
    const c = await started();
    c.open(URI, OKD_FIXED, 1);
    await c.diagnostics(URI, 1);
    const add = lineOf(OKD_FIXED, '--add');
    const option = await c.call('textDocument/hover', { textDocument: { uri: URI }, position: { line: add.line, character: add.character + 2 } });
    expect(option.contents.value).toMatch(/dracut `--add \/ -a`/);
    expect(option.contents.value).toMatch(/rpm-ostree passes it too/);
    const from = lineOf(OKD_FIXED, 'FROM ');
    const base = await c.call('textDocument/hover', { textDocument: { uri: URI }, position: { line: from.line, character: from.character + 8 } });
    expect(base.contents.value).toMatch(/\*\*Base:\*\* OKD/);
    expect(base.contents.value).toMatch(/not\*\* regenerated/);

    c.open(`${URI}.broken`, OKD, 1);
    const d = (await c.diagnostics(`${URI}.broken`, 1)).params.diagnostics.find((x: any) => x.code === 'kernel-without-initramfs');
    const onDiag = await c.call('textDocument/hover', { textDocument: { uri: `${URI}.broken` }, position: d.range.start });
    expect(onDiag.contents.value).toContain('**kernel-without-initramfs** — Kernel changed without regenerating the initramfs');
  });

  it('completes dracut options, the stage kver after --kver, rpm-ostree verbs and ignore codes', async () => {
    const c = await started();
    const text = [
      'FROM quay.io/openshift/okd-content@sha256:0000000000000000000000000000000000000000000000000000000000000000',
      'RUN rpm-ostree override replace https://kojipkgs.fedoraproject.org/packages/kernel/6.4.15/200.fc38/x86_64/kernel-core-6.4.15-200.fc38.x86_64.rpm && \\',
      '    dracut --kver ',
      'RUN dracut --no-host',
      'RUN rpm-ostree ',
      '# layerlint ignore=dracut-hostonly,',
      'RUN true',
    ].join('\n');
    c.open(URI, text, 1);
    await c.diagnostics(URI, 1);
    const complete = (line: number, character: number) =>
      c.call('textDocument/completion', { textDocument: { uri: URI }, position: { line, character } }).then((items: any[]) => items.map((i) => i.label));
    expect(await complete(2, 18)).toEqual(['6.4.15-200.fc38.x86_64']);
    const options = await complete(3, 20);
    expect(options).toContain('--no-hostonly');
    expect(options).toContain('--kver');
    const verbs = await complete(4, 15);
    expect(verbs).toEqual(expect.arrayContaining(['install', 'override replace', 'cleanup', 'initramfs']));
    const ignore = await complete(5, 35);
    expect(ignore).toContain('kernel-without-initramfs');
    expect(ignore).not.toContain('dracut-hostonly');
  });

  it('adds generic instruction completion, but never inside a FROM image reference', async () => {
    const c = await started();
    c.open(URI, 'FROM registry.fedoraproject.org/fedora:\nR', 1);
    await c.diagnostics(URI, 1);
    const labels = (line: number, character: number) =>
      c.call('textDocument/completion', { textDocument: { uri: URI }, position: { line, character } }).then((items: any[]) => items.map((i) => i.label));
    expect(await labels(1, 1)).toContain('RUN');
    expect(await labels(0, 'FROM registry.fedoraproject.org/fedora:'.length)).toEqual([]);
    c.settings = { dockerfile: { completion: false } };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    expect(await labels(1, 1)).toEqual([]);
  });

  it('lists one symbol per stage with its instructions, and folds stages', async () => {
    const c = await started();
    const text = 'FROM quay.io/fedora/fedora-coreos:stable AS build\nRUN echo a && \\\n  echo b\nFROM build\nRUN true\n';
    c.open(URI, text, 1);
    const symbols = await c.call('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(symbols.map((s: any) => s.name)).toEqual(['build (quay.io/fedora/fedora-coreos:stable)', 'stage 1: build']);
    expect(symbols[0].children.map((s: any) => s.name)).toEqual(['RUN']);
    expect(symbols[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 2, character: 8 } });
    const folds = await c.call('textDocument/foldingRange', { textDocument: { uri: URI } });
    expect(folds).toEqual(expect.arrayContaining([expect.objectContaining({ startLine: 0, endLine: 2 }), expect.objectContaining({ startLine: 1, endLine: 2 })]));
  });

  it('answers unknown documents and malformed params with empty results or errors, and stays up', async () => {
    const c = await started();
    const unknown = { textDocument: { uri: 'file:///nowhere' }, position: { line: 0, character: 0 } };
    expect(await c.call('textDocument/hover', unknown)).toBeNull();
    expect(await c.call('textDocument/completion', unknown)).toEqual([]);
    expect(await c.call('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere' } })).toEqual([]);
    expect(await c.call('textDocument/codeAction', { textDocument: { uri: 'file:///nowhere' }, range: null, context: null })).toEqual([]);
    expect(await c.call('textDocument/hover', { bogus: true })).toBeNull();
    // vscode-languageserver itself rejects null params before any handler runs: an error, not a crash.
    expect((await c.request('textDocument/hover', null)).error?.code).toBe(-32603);
    const platforms = await c.request('layerlint/checkPlatforms', { textDocument: { uri: 'file:///nowhere' } });
    expect(platforms.error?.code).toBe(-32602);
    expect(platforms.error?.message).toContain('file:///nowhere');
    const badTargets = await c.request('layerlint/checkPlatforms', { textDocument: { uri: URI }, platforms: ['amd64'] });
    expect(badTargets.error?.code).toBe(-32602);
    const unknownMethod = await c.request('layerlint/noSuchThing', {});
    expect(unknownMethod.error?.code).toBe(-32601);
    // A body that is not JSON at all, then a normal exchange.
    c.writeRaw('Content-Length: 9\r\n\r\n{not json');
    c.open(URI, OKD, 1);
    expect(codes(await c.diagnostics(URI, 1))).toContain('kernel-without-initramfs');
    expect(c.child.exitCode).toBeNull();
  });

  it('clears diagnostics when a document closes', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    await c.diagnostics(URI, 1);
    const since = c.received.length;
    c.notify('textDocument/didClose', { textDocument: { uri: URI } });
    const cleared = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === URI, 10_000, since);
    expect(cleared.params.diagnostics).toEqual([]);
  });

  it('shuts down and exits with status 0', async () => {
    const c = await started();
    c.open(URI, OKD, 1);
    await c.diagnostics(URI, 1);
    expect(await c.shutdown()).toBe(0);
  });

  it('exits with status 1 on exit without shutdown, as the protocol says', async () => {
    const c = await started();
    c.notify('exit', null);
    expect(await c.exited).toBe(1);
  });
});
