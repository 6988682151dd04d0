// layerlint/checkPlatforms over LSP against a real registry (Debian's docker-registry on loopback):
// results in the response, diagnostics merged into the published ones and kept across edits, and
// a re-check of an unchanged file without manifest downloads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../support/lsp-client';
import { Pusher, startRegistry, type LocalRegistry } from '../registry/support/registry';

let reg: LocalRegistry;
let cache: string;
let c: LspClient;
const URI = 'file:///platforms/Containerfile';

beforeAll(async () => {
  reg = await startRegistry();
  const push = new Pusher(reg.host);
  await push.list('okd/amd64-only', '4.14', true, [{ os: 'linux', architecture: 'amd64', label: 'amd64' }]);
  await push.list('okd/multi', '4.14', false, [
    { os: 'linux', architecture: 'amd64', label: 'amd64' },
    { os: 'linux', architecture: 'arm64', variant: 'v8', label: 'arm64' },
  ]);
  cache = mkdtempSync(join(tmpdir(), 'layerlint-lsp-cache-'));
  c = new LspClient(['--stdio'], { ...process.env, XDG_CACHE_HOME: cache });
  await c.initialize();
}, 60_000);

afterAll(async () => {
  c?.kill();
  await reg?.stop();
  if (cache) rmSync(cache, { recursive: true, force: true });
});

const manifestRequests = (log: string, method: string) => log.split('\n').filter((l) => l.includes(`"${method} /v2/okd/`) && l.includes('/manifests/')).length;

describe('layerlint/checkPlatforms', () => {
  it('reports the missing arm64 instance with the runtime error text and publishes it on the FROM image', async () => {
    const text = `FROM ${reg.host}/okd/multi:4.14 AS base\nRUN true\nFROM ${reg.host}/okd/amd64-only:4.14\nRUN true\n`;
    c.open(URI, text, 1);
    const first = await c.diagnostics(URI, 1);
    expect(first.params.diagnostics.filter((d: any) => d.code?.startsWith?.('base-platform'))).toEqual([]);

    const since = c.received.length;
    const result = await c.call('layerlint/checkPlatforms', { textDocument: { uri: URI }, platforms: ['linux/amd64', 'linux/arm64'] }, 30_000);
    expect(result.version).toBe(1);
    expect(result.images.map((i: any) => [i.image, i.line, i.results.map((r: any) => `${r.platform}:${r.status}`)])).toEqual([
      [`${reg.host}/okd/multi:4.14`, 0, ['linux/amd64:ok', 'linux/arm64:ok']],
      [`${reg.host}/okd/amd64-only:4.14`, 2, ['linux/amd64:ok', 'linux/arm64:missing']],
    ]);
    const miss = result.images[1].results[1];
    // containers/image's own words; the target linux/arm64 names no variant.
    expect(miss.message).toBe('choosing image instance: no image found in image index for architecture arm64, variant "", OS linux');
    expect(result.images[1].platforms).toEqual(['linux/amd64']);

    const published = await c.diagnostics(URI, 1, 10_000, since);
    const platform = published.params.diagnostics.filter((d: any) => d.code === 'base-platform-missing');
    expect(platform).toHaveLength(1);
    const start = `FROM `.length;
    expect(platform[0].range).toEqual({ start: { line: 2, character: start }, end: { line: 2, character: start + `${reg.host}/okd/amd64-only:4.14`.length } });
    expect(platform[0].severity).toBe(1);
    expect(platform[0].message).toContain(miss.message);
  });

  it('keeps the results on the moved FROM line while editing, without contacting the registry', async () => {
    const before = reg.log().length;
    const since = c.received.length;
    c.change(URI, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# comment\n' }]);
    const published = await c.diagnostics(URI, 2, 10_000, since);
    const platform = published.params.diagnostics.filter((d: any) => d.code === 'base-platform-missing');
    expect(platform.map((d: any) => d.range.start.line)).toEqual([3]);
    expect(reg.log().length).toBe(before);
  });

  it('re-checks an unchanged file without downloading a manifest', async () => {
    const before = reg.log();
    const result = await c.call('layerlint/checkPlatforms', { textDocument: { uri: URI } }, 30_000);
    expect(result.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(result.images[1].results[1].status).toBe('missing');
    const log = reg.log().slice(before.length);
    expect(manifestRequests(log, 'GET')).toBe(0);
  });
});
