// Every way a registry can fail the platform check (README.md, "Base-image platforms"; docs/SECURITY.md)
// against fault-injecting loopback servers; each image independent.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlatforms } from '../../server/src/cli/platforms';
import { checkImages, type CheckOptions } from '../../server/src/registry/check';
import { selfSigned, startServer, type TestServer } from './support/servers';

const INDEX = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 100, platform: { os: 'linux', architecture: 'amd64' } }],
  }),
);
const INDEX_DIGEST = `sha256:${createHash('sha256').update(INDEX).digest('hex')}`;
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const USER = 'robot';
const PASS = 's3cret:pass';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;

let work: string;
let faults: TestServer;
let other: TestServer;
let tls: TestServer;
let authFile: string;
const state = { busy: 0, inFlight: 0, maxInFlight: 0, hugeBytes: 0, chunkedBytes: 0 };

function serveIndex(res: import('node:http').ServerResponse, head = false) {
  res.writeHead(200, { 'content-type': OCI_INDEX, 'content-length': INDEX.length, 'docker-content-digest': INDEX_DIGEST });
  res.end(head ? undefined : INDEX);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-faults-'));
  other = await startServer((req, res) => serveIndex(res, req.method === 'HEAD'));
  faults = await startServer((req, res, self) => {
    const url = req.url ?? '';
    const name = /^\/v2\/([^/]+)\//.exec(url)?.[1] ?? url.split('?')[0];
    const bearer = (realm: string) => res.writeHead(401, { 'www-authenticate': `Bearer realm="${self.url}${realm}",service="faults",scope="repository:${name}:pull"` }).end();
    switch (name) {
      case '/token-ok':
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'tok-123', expires_in: 300 }));
        return;
      case '/token-500':
        res.writeHead(500).end('boom');
        return;
      case 'slow':
        return; // never answers
      case 'denied':
        res.writeHead(403, { 'content-type': 'application/json' }).end('{"errors":[{"code":"DENIED"}]}');
        return;
      case 'missing':
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
        return;
      case 'unauth':
        if (req.headers.authorization === 'Bearer tok-123') res.writeHead(401, { 'www-authenticate': 'Bearer realm="x",error="insufficient_scope"' }).end();
        else bearer('/token-ok');
        return;
      case 'tokenfail':
        bearer('/token-500');
        return;
      case 'ratelimited':
        res.writeHead(429, { 'retry-after': '1' }).end();
        return;
      case 'capped':
        res.writeHead(429, { 'retry-after': '3600' }).end();
        return;
      case 'busy':
        if (state.busy++ === 0) res.writeHead(503, { 'retry-after': '1' }).end();
        else serveIndex(res);
        return;
      case 'huge': {
        res.writeHead(200, { 'content-type': OCI_INDEX, 'content-length': 100 * 1024 * 1024 });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && state.hugeBytes < 100 * 1024 * 1024) {
            state.hugeBytes += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        pump();
        return;
      }
      case 'chunked': {
        res.writeHead(200, { 'content-type': OCI_INDEX });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && state.chunkedBytes < 100 * 1024 * 1024) {
            state.chunkedBytes += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
        };
        res.on('close', () => {});
        pump();
        return;
      }
      case 'truncated':
        res.writeHead(200, { 'content-type': OCI_INDEX, 'content-length': INDEX.length });
        res.write(INDEX.subarray(0, 40));
        setTimeout(() => res.destroy(), 20);
        return;
      case 'cutjson':
        res.writeHead(200, { 'content-type': OCI_INDEX }).end(INDEX.subarray(0, 40));
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body>Please log in to the hotel Wi-Fi</body></html>');
        return;
      case 'schema1':
        res.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' }).end('{"schemaVersion":1,"name":"x","tag":"y","fsLayers":[]}');
        return;
      case 'digest':
        serveIndex(res, req.method === 'HEAD');
        return;
      case 'basic':
        if (req.headers.authorization !== BASIC) res.writeHead(401, { 'www-authenticate': 'Basic realm="faults"' }).end();
        else res.writeHead(307, { location: `${other.url}${url}` }).end();
        return;
      case 'samehost':
        if (req.headers.authorization !== BASIC) res.writeHead(401, { 'www-authenticate': 'Basic realm="faults"' }).end();
        else res.writeHead(307, { location: url.replace('/samehost/', '/samehost-target/') }).end();
        return;
      case 'samehost-target':
        if (req.headers.authorization !== BASIC) res.writeHead(401, { 'www-authenticate': 'Basic realm="faults"' }).end();
        else serveIndex(res);
        return;
      case 'concurrent':
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        setTimeout(() => {
          state.inFlight--;
          serveIndex(res);
        }, 40);
        return;
      default:
        serveIndex(res, req.method === 'HEAD');
    }
  });
  const cert = selfSigned(work, 'tls');
  tls = await startServer((req, res) => serveIndex(res, req.method === 'HEAD'), { key: cert.key, cert: cert.cert });
  authFile = join(work, 'auth.json');
  writeFileSync(authFile, JSON.stringify({ auths: { [faults.host]: { auth: Buffer.from(`${USER}:${PASS}`).toString('base64') } } }));
}, 60_000);

afterAll(async () => {
  await Promise.all([faults?.close(), other?.close(), tls?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

const opts = (extra: CheckOptions = {}): CheckOptions => ({ cacheDir: null, timeoutMs: 2000, retryAfterCapMs: 2000, env: { REGISTRY_AUTH_FILE: authFile, HOME: work }, ...extra });
async function one(repo: string, extra: CheckOptions = {}, host = faults.host) {
  const [r] = await checkImages([{ image: `${host}/${repo}:t`, platforms: ['linux/amd64'] }], opts(extra));
  return r;
}

describe('failure behaviour', () => {
  it('no answer within the timeout → timed out after Ns, for that image only', async () => {
    const t0 = Date.now();
    const res = await checkImages(
      [`${faults.host}/slow:t`, `${faults.host}/fine:t`].map((image) => ({ image, platforms: ['linux/amd64'] })),
      opts({ timeoutMs: 300 }),
    );
    expect(res[0].error).toBe('timed out after 0.3s');
    expect(res[0].results).toEqual([{ platform: 'linux/amd64', status: 'error', instance: null, message: 'timed out after 0.3s' }]);
    expect(res[1].error).toBeNull();
    expect(res[1].results[0].status).toBe('ok');
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('401 after the token dance → authentication required; 403 → access denied; both name the host', async () => {
    expect((await one('unauth')).error).toBe(`authentication required by ${faults.host}`);
    expect((await one('denied')).error).toBe(`access denied by ${faults.host}`);
  });

  it('404 / MANIFEST_UNKNOWN → no such image or tag', async () => {
    expect((await one('missing')).error).toBe('no such image or tag');
  });

  it('429 with Retry-After → one retry after the delay, then rate limited; 503 then success → ok', async () => {
    const before = faults.requests.filter((r) => r.url.startsWith('/v2/ratelimited/')).length;
    const t0 = Date.now();
    const r = await one('ratelimited');
    expect(r.error).toMatch(/^rate limited by 127\.0\.0\.1:\d+ \(429/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(faults.requests.filter((x) => x.url.startsWith('/v2/ratelimited/')).length - before).toBe(2);
    const busy = await one('busy');
    expect(busy.error).toBeNull();
    expect(busy.results[0].status).toBe('ok');
  });

  it('caps Retry-After', async () => {
    const t0 = Date.now();
    const r = await one('capped', { retryAfterCapMs: 200 });
    expect(r.error).toMatch(/^rate limited/);
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it('body over 4 MiB → manifest too large, without reading it all', async () => {
    const r = await one('huge');
    expect(r.error).toMatch(/^manifest too large/);
    const c = await one('chunked');
    expect(c.error).toMatch(/^manifest too large/);
    await new Promise((res) => setTimeout(res, 100));
    expect(state.hugeBytes).toBeLessThan(32 * 1024 * 1024);
    expect(state.chunkedBytes).toBeLessThan(32 * 1024 * 1024);
  });

  it('truncated, non-JSON, HTML or unknown media type → not a manifest, with the content type', async () => {
    expect((await one('truncated')).error).toBe(`not a manifest (content type ${OCI_INDEX}; body truncated)`);
    expect((await one('cutjson')).error).toBe(`not a manifest (content type ${OCI_INDEX}; body is not JSON)`);
    expect((await one('html')).error).toBe('not a manifest (content type text/html; body is not JSON)');
    expect((await one('schema1')).error).toBe('not a manifest (content type application/vnd.docker.distribution.manifest.v1+prettyjws)');
  });

  it('a digest reference whose body hashes differently → digest mismatch, content refused', async () => {
    const wanted = `sha256:${'ab'.repeat(32)}`;
    const [r] = await checkImages([{ image: `${faults.host}/digest@${wanted}`, platforms: ['linux/amd64'] }], opts({ cacheDir: mkdtempSync(join(work, 'c-')) }));
    expect(r.error).toBe(`digest mismatch: expected ${wanted}, got ${INDEX_DIGEST}; content refused`);
    const [ok] = await checkImages([{ image: `${faults.host}/digest@${INDEX_DIGEST}`, platforms: ['linux/amd64'] }], opts());
    expect(ok.error).toBeNull();
  });

  it('token service fails → token service at <realm> failed: <status>', async () => {
    expect((await one('tokenfail')).error).toBe(`token service at ${faults.url}/token-500 failed: 500`);
  });

  it('TLS failure → TLS: <reason> with the insecure hint; trusted as insecure it works', async () => {
    const r = await one('x', {}, tls.host);
    expect(r.error).toBe(`TLS: self-signed certificate (${tls.host}); mark the host insecure (--insecure-registry ${tls.host}) only if you trust it`);
    const ok = await one('x', { insecureRegistries: [tls.host] }, tls.host);
    expect(ok.error).toBeNull();
    expect(ok.results[0].status).toBe('ok');
    // The same through registries.conf.
    const conf = join(work, 'registries.conf');
    writeFileSync(conf, `[[registry]]\nlocation = "${tls.host}"\ninsecure = true\n`);
    const viaConf = await one('x', { env: { HOME: work, CONTAINERS_REGISTRIES_CONF: conf } }, tls.host);
    expect(viaConf.error).toBeNull();
  });

  it('basic auth; a redirect to another host gets no credentials, the same host keeps them', async () => {
    other.requests.length = 0;
    const r = await one('basic');
    expect(r.error).toBeNull();
    expect(r.results[0].status).toBe('ok');
    const sent = faults.requests.filter((x) => x.url.startsWith('/v2/basic/'));
    expect(sent.map((x) => x.headers.authorization)).toEqual([undefined, BASIC]);
    expect(other.requests.length).toBeGreaterThan(0);
    for (const x of other.requests) expect(x.headers.authorization).toBeUndefined();
    const same = await one('samehost');
    expect(same.error).toBeNull();
    expect(faults.requests.filter((x) => x.url.startsWith('/v2/samehost-target/')).map((x) => x.headers.authorization)).toEqual([BASIC]);
  });

  it('no credentials for a Basic challenge → authentication required', async () => {
    const r = await one('basic', { env: { HOME: work } });
    expect(r.error).toBe(`authentication required by ${faults.host}`);
  });

  it('bounds concurrency across images', async () => {
    state.maxInFlight = 0;
    const images = Array.from({ length: 12 }, (_, i) => ({ image: `${faults.host}/concurrent:t${i}`, platforms: ['linux/amd64'] }));
    const res = await checkImages(images, opts({ concurrency: 3 }));
    expect(res.every((r) => r.error === null)).toBe(true);
    expect(state.maxInFlight).toBe(3);
  });

  it('CLI: --timeout and the error in the text table, exit 2; credentials never printed', async () => {
    let out = '';
    let err = '';
    const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, cb) => (f(String(c)), cb()) });
    const code = await runPlatforms(['--timeout', '0.5', `${faults.host}/slow:t`, `${faults.host}/basic:t`], { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) }, opts());
    expect(code).toBe(2);
    expect(out).toContain('✗ linux/amd64  not checked: timed out after 0.5s');
    expect(out).toContain('✓ linux/amd64');
    expect(out + err).not.toContain(PASS);
    expect(out + err).not.toContain(BASIC.slice(6));
  });
});
