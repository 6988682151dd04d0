// `layerlint platforms` as built: its own bundle (dist/cli-platforms.js) with undici's dispatchers
// only, picked by path, and without node:http2 (scripts/build.mjs): verified HTTPS, a host marked
// insecure, and a proxy.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli';
import { amd64Index, OCI_INDEX, sha256 } from '../registry/support/registry';
import { PROXIED_DOMAIN, selfSigned, startProxy, startServer, type TestServer } from '../registry/support/servers';

const work = mkdtempSync(join(tmpdir(), 'layerlint-platforms-bundle-'));
const index = amd64Index('3');
let server: TestServer;

interface CheckedImage {
  error: string | null;
  results: Array<{ platform: string; status: string }>;
}

beforeAll(async () => {
  server = await startServer(
    (req, res) => {
      if (req.url !== '/v2/base/manifests/1') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(index) });
      res.end(index);
    },
    selfSigned(work, 'registry'),
  );
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('layerlint platforms from dist/', () => {
  // Asynchronous: the registry answers from this process.
  const check = (extra: string[] = [], env: NodeJS.ProcessEnv = {}, host = server.host) =>
    new Promise<{ status: number | null; image: CheckedImage; stderr: string }>((resolve, reject) => {
      const args = ['platforms', '--format', 'json', '--platform', 'linux/amd64', '--platform', 'linux/arm64', ...extra, `${host}/base:1`];
      const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env: { ...process.env, XDG_CACHE_HOME: work, ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, image: JSON.parse(stdout).images[0], stderr }));
    });

  it('refuses a self-signed certificate on a host not marked insecure', async () => {
    const r = await check();
    expect(r.status).toBe(2);
    expect(r.image.error).toMatch(/^TLS: .*\(127\.0\.0\.1:\d+\); mark the host insecure/);
  });

  it('checks a host marked insecure, without TLS verification', async () => {
    const r = await check(['--insecure-registry', server.host]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.image.error).toBeNull();
    expect(r.image.results.map((x) => `${x.platform} ${x.status}`)).toEqual(['linux/amd64 ok', 'linux/arm64 missing']);
  });

  it('goes through HTTPS_PROXY (a CONNECT tunnel)', async () => {
    const proxy = await startProxy();
    try {
      // A name only the proxy resolves (to 127.0.0.1): loopback registries are never proxied.
      const host = `registry.${PROXIED_DOMAIN}:${server.port}`;
      const r = await check(['--insecure-registry', host], { HTTPS_PROXY: proxy.url, NO_PROXY: '', XDG_CACHE_HOME: mkdtempSync(join(work, 'cache-')) }, host);
      expect(r.status, r.stderr).toBe(1);
      expect(r.image.error).toBeNull();
      expect(proxy.requests.map((x) => `${x.method} ${x.url}`)).toContain(`CONNECT ${host}`);
    } finally {
      await proxy.close();
    }
  });

  it('does not load node:http2 (undici’s HTTP/2 client is left out)', () => {
    const bundle = readFileSync(join(CLI, '..', 'cli-platforms.js'), 'utf8');
    expect(bundle).toContain('Agent');
    expect(bundle).not.toMatch(/require\(["']node:http2["']\)/);
  });
});
