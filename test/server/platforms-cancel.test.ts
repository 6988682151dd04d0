// Cancelling layerlint/checkPlatforms ($/cancelRequest) aborts the registry work under way (issue 13
// item 10): a loopback registry that answers 429 with Retry-After; the retry must never come.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../support/lsp-client';
import { startServer, type TestServer } from '../registry/support/servers';

let registry: TestServer;
let cache: string;
let c: LspClient;
const URI = 'file:///cancel/Containerfile';

beforeAll(async () => {
  registry = await startServer((_req, res) => res.writeHead(429, { 'retry-after': '8' }).end());
  cache = mkdtempSync(join(tmpdir(), 'layerlint-lsp-cancel-'));
  c = new LspClient(['--stdio'], { ...process.env, XDG_CACHE_HOME: cache });
  await c.initialize();
});
afterAll(async () => {
  c?.kill();
  await registry?.close();
  if (cache) rmSync(cache, { recursive: true, force: true });
});

describe('layerlint/checkPlatforms cancelled', () => {
  it('stops the check: the response is RequestCancelled and the registry never sees the retry', async () => {
    c.open(URI, `FROM ${registry.host}/team/base:1\n`, 1);
    await c.diagnostics(URI, 1);
    const id = 9001;
    const answer = c.waitFor((m) => m.id === id && m.method === undefined, 30_000);
    c.write({ jsonrpc: '2.0', id, method: 'layerlint/checkPlatforms', params: { textDocument: { uri: URI }, platforms: ['linux/amd64'] } });
    for (let i = 0; i < 100 && registry.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(registry.requests).toHaveLength(1);
    c.notify('$/cancelRequest', { id });
    const m = await answer;
    expect(m.error?.code).toBe(-32800);
    expect(registry.requests.map((r) => r.url)).toEqual(['/v2/team/base/manifests/1']);
  });
});
