// The language server reads the `.layerlint.yaml` above each document, lets the editor's settings
// override it, registers a watcher for such files and reads them again when the client reports a change.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { DEFAULT_CAPABILITIES, LspClient, type Message } from '../support/lsp-client';

const OKD = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile'), 'utf8');
const clients: LspClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) if (c.child.exitCode === null) c.kill();
});

const CAPABILITIES = { ...DEFAULT_CAPABILITIES, workspace: { ...DEFAULT_CAPABILITIES.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };

async function started(): Promise<LspClient> {
  const c = new LspClient();
  clients.push(c);
  await c.initialize(CAPABILITIES);
  return c;
}

const ours = (m: Message) => (m.params.diagnostics as { source: string; code: string; severity: number }[]).filter((d) => d.source === 'layerlint').map((d) => `${d.code}:${d.severity}`);

/** Waits for a publication of exactly these Layerlint findings (earlier validations may still publish meanwhile). */
function published(c: LspClient, uri: string, expected: string[], since: number): Promise<Message> {
  const want = JSON.stringify(expected);
  return c
    .waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && JSON.stringify(ours(m)) === want, 10_000, since)
    .catch((e) => {
      throw new Error(`${want} not in ${JSON.stringify(c.received.slice(since).map((m) => (m.method === 'textDocument/publishDiagnostics' ? ours(m) : m.method)))}: ${e.message}`);
    });
}

function project(config: string): { dir: string; uri: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-lsp-config-'));
  writeFileSync(join(dir, '.layerlint.yaml'), config);
  writeFileSync(join(dir, 'Containerfile'), OKD);
  return { dir, uri: pathToFileURL(join(dir, 'Containerfile')).href, config: join(dir, '.layerlint.yaml') };
}

describe('.layerlint.yaml in the language server', () => {
  it('applies the file, lets editor settings win, and follows changes reported by the watcher', async () => {
    const p = project('ignore: [cliwrap-same-run]\nseverities:\n  cliwrap-deprecated: hint\n');
    const c = await started();
    const registration = await c.waitFor((m) => m.method === 'client/registerCapability' && m.params.registrations.some((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles'));
    const watcher = registration.params.registrations.find((r: { method: string }) => r.method === 'workspace/didChangeWatchedFiles');
    expect(watcher.registerOptions).toEqual({ watchers: [{ globPattern: '**/.layerlint.{yaml,yml}' }] });

    c.open(p.uri, OKD, 1);
    expect(ours(await c.diagnostics(p.uri, 1))).toEqual(['cliwrap-deprecated:4', 'kernel-without-initramfs:1']);

    // The editor's setting for one rule wins over the file; the file's other entries stay.
    c.settings = { severities: { 'cliwrap-deprecated': 'error' } };
    let since = c.received.length;
    c.notify('workspace/didChangeConfiguration', { settings: null });
    await published(c, p.uri, ['cliwrap-deprecated:1', 'kernel-without-initramfs:1'], since);

    writeFileSync(p.config, 'ignore: [kernel-without-initramfs]\n');
    since = c.received.length;
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(p.config).href, type: 2 }] });
    await published(c, p.uri, ['cliwrap-same-run:1', 'cliwrap-deprecated:1'], since);
  });

  it('a broken file is named in a warning (file, line, key) and ignored', async () => {
    const p = project('severities:\n  cliwrap-deprecated: fatal\n');
    const c = await started();
    c.open(p.uri, OKD, 1);
    expect(ours(await c.diagnostics(p.uri, 1))).toEqual(['cliwrap-same-run:1', 'cliwrap-deprecated:2', 'kernel-without-initramfs:1']);
    const shown = await c.waitFor((m) => m.method === 'window/showMessageRequest' || m.method === 'window/showMessage', 10_000, 0);
    expect(shown.params.message).toBe(`Layerlint: configuration ignored: ${p.config}:2:23: severities.cliwrap-deprecated: must be one of off, error, warning, information, hint (got "fatal")`);
  });

  it('never takes registry trust from the file', async () => {
    const p = project('insecureRegistries: [registry.example.com]\n');
    const c = await started();
    c.open(p.uri, OKD, 1);
    await c.diagnostics(p.uri, 1);
    const shown = await c.waitFor((m) => m.method === 'window/showMessageRequest' || m.method === 'window/showMessage', 10_000, 0);
    expect(shown.params.message).toContain(`${p.config}:1:1: insecureRegistries: insecure registries are a user-level setting`);
  });
});

describe('.layerlint.yaml bases and platforms in the language server (issue 15, item 1)', () => {
  const RUN = 'RUN dnf -y install vim && ostree container commit\n';

  it('takes base families by image glob; a # layerlint base= comment in the file wins', async () => {
    const p = project('bases:\n  "registry.corp.example/*/rhel-bootc-base:*": bootc\n');
    const c = await started();
    const text = `FROM registry.corp.example/platform/rhel-bootc-base:9.4\n${RUN}`;
    c.open(p.uri, text, 1);
    const first = await c.diagnostics(p.uri, 1);
    expect(ours(first)).toEqual(['ostree-commit-on-bootc:2']);
    expect((first.params.diagnostics as { range: unknown }[])[0].range).toEqual({ start: { line: 1, character: 26 }, end: { line: 1, character: 49 } });
    const since = c.received.length;
    c.change(p.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# layerlint base=fcos\n' }]);
    await published(c, p.uri, [], since);
  });

  it("platforms: the editor's list wins (even the default list written out), else the file's, else the default", async () => {
    const p = project('platforms: [linux/s390x]\n');
    writeFileSync(join(p.dir, 'Containerfile'), 'FROM scratch\n');
    const c = await started();
    c.open(p.uri, 'FROM scratch\n', 1);
    await c.diagnostics(p.uri, 1);
    const checked = async () => (await c.call('layerlint/checkPlatforms', { textDocument: { uri: p.uri } }, 10_000)).platforms;
    expect(await checked()).toEqual(['linux/s390x']);
    c.settings = { platforms: ['linux/amd64', 'linux/arm64'] };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    expect(await checked()).toEqual(['linux/amd64', 'linux/arm64']);
    c.settings = { platforms: ['linux/ppc64le'] };
    c.notify('workspace/didChangeConfiguration', { settings: null });
    expect(await checked()).toEqual(['linux/ppc64le']);
    writeFileSync(p.config, 'severities: {}\n');
    c.settings = {};
    c.notify('workspace/didChangeConfiguration', { settings: null });
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(p.config).href, type: 2 }] });
    expect(await checked()).toEqual(['linux/amd64', 'linux/arm64']);
  });
});
