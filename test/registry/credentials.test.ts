// Credentials go only to the host they belong to (issue 13): a challenge from a host a redirect led
// to is not answered, token redirects drop credentials on a change of scheme or host, and loopback
// registries are never reached through a proxy. Loopback servers that record every request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages } from '../../server/src/registry/check';
import { amd64Index, OCI_INDEX, sha256 } from './support/registry';
import { PROXIED_DOMAIN, selfSigned, startProxy, startServer, type TestServer } from './support/servers';

const USER = 'robot';
const PASS = 'registry-a-secret';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`;
const INDEX = amd64Index('5');

let work: string;
const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startServer>) => {
  const s = await startServer(...args);
  servers.push(s);
  return s;
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-credentials-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(work, { recursive: true, force: true });
});

function authFileFor(host: string): string {
  const p = join(mkdtempSync(join(work, 'auth-')), 'auth.json');
  writeFileSync(p, JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${USER}:${PASS}`).toString('base64') } } }));
  return p;
}

const log = (s: TestServer) => s.requests.map((r) => `${r.method} ${r.url}${r.headers.authorization ? ` [${r.headers.authorization.split(' ')[0]}]` : ''}`);

describe('a challenge from the host a redirect led to', () => {
  it("is not answered with registry A's credentials: authentication required by A", async () => {
    // B: answers everything with a Bearer challenge naming its own token service, which would issue a token.
    const b = await start((req, res, self) => {
      if (req.url?.startsWith('/token')) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"b-token"}');
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${self.url}/token",service="b"` }).end();
    });
    // A: the registry the user has credentials for; it redirects manifests to B.
    const a = await start((req, res) => {
      res.writeHead(307, { location: `${b.url}${req.url}` }).end();
    });
    const [r] = await checkImages([{ image: `${a.host}/team/base:1`, platforms: ['linux/amd64'] }], {
      cacheDir: null,
      env: { HOME: work, REGISTRY_AUTH_FILE: authFileFor(a.host) },
    });
    expect(r.error).toBe(`authentication required by ${a.host}`);
    expect(log(b)).toEqual(['GET /v2/team/base/manifests/1']);
    expect(b.requests.every((x) => x.headers.authorization === undefined)).toBe(true);
    expect(log(a)).toEqual(['GET /v2/team/base/manifests/1']);
  });

  it("still answers the registry's own challenge after a same-host redirect", async () => {
    const a = await start((req, res, self) => {
      const url = req.url ?? '';
      if (url.startsWith('/token')) {
        return res.writeHead(200, { 'content-type': 'application/json' }).end(req.headers.authorization === BASIC ? '{"token":"a-token"}' : '{}');
      }
      if (url === '/v2/team/base/manifests/1') return res.writeHead(307, { location: '/v2/team/base/manifests/moved' }).end();
      if (req.headers.authorization !== 'Bearer a-token') return res.writeHead(401, { 'www-authenticate': `Bearer realm="${self.url}/token",service="a"` }).end();
      res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) }).end(INDEX);
    });
    const [r] = await checkImages([{ image: `${a.host}/team/base:1`, platforms: ['linux/amd64'] }], {
      cacheDir: null,
      env: { HOME: work, REGISTRY_AUTH_FILE: authFileFor(a.host) },
    });
    expect(r.error).toBeNull();
    expect(log(a)).toEqual([
      'GET /v2/team/base/manifests/1',
      'GET /v2/team/base/manifests/moved',
      'GET /token?service=a&scope=repository%3Ateam%2Fbase%3Apull [Basic]',
      'GET /v2/team/base/manifests/1 [Bearer]',
      'GET /v2/team/base/manifests/moved [Bearer]',
    ]);
  });
});

describe('a loopback registry with a proxy in the environment', () => {
  it('is reached directly, never through HTTP_PROXY / HTTPS_PROXY, credentials included', async () => {
    const proxy = await startProxy();
    servers.push(proxy);
    const a = await start((req, res) => {
      if (req.headers.authorization !== BASIC) return res.writeHead(401, { 'www-authenticate': 'Basic realm="a"' }).end();
      res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) }).end(INDEX);
    });
    for (const host of [a.host, `localhost:${a.port}`]) {
      a.requests.length = 0;
      const [r] = await checkImages([{ image: `${host}/team/base:1`, platforms: ['linux/amd64'] }], {
        cacheDir: null,
        env: { HOME: work, REGISTRY_AUTH_FILE: authFileFor(host), HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, http_proxy: proxy.url, https_proxy: proxy.url },
      });
      expect(r.error).toBeNull();
      expect(log(a)).toEqual(['GET /v2/team/base/manifests/1', 'GET /v2/team/base/manifests/1 [Basic]']);
    }
    expect(proxy.requests).toEqual([]);
  });
});

describe('token service redirects (one redirect loop for manifests and tokens)', () => {
  // The realm is https://token.proxied.test/token (default port): a name only the test proxy resolves,
  // routed to a loopback HTTPS server that redirects to http://token.proxied.test/token (default port
  // again), routed to a loopback plain-HTTP server. URL.host is the same for both URLs.
  async function setup() {
    const cert = selfSigned(work, 'token-tls');
    const plain = await start((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}'));
    const tls = await start((req, res) => res.writeHead(302, { location: `http://token.${PROXIED_DOMAIN}${req.url}` }).end(), cert);
    const proxy = await startProxy({ [`token.${PROXIED_DOMAIN}:443`]: tls.port, [`token.${PROXIED_DOMAIN}:80`]: plain.port });
    servers.push(proxy);
    const registry = await start((req, res) => {
      if (req.headers.authorization !== 'Bearer t') return res.writeHead(401, { 'www-authenticate': `Bearer realm="https://token.${PROXIED_DOMAIN}/token",service="a"` }).end();
      res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) }).end(INDEX);
    });
    const options = {
      cacheDir: null,
      ca: cert.cert,
      env: { HOME: work, REGISTRY_AUTH_FILE: authFileFor(registry.host), HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url },
    };
    return { plain, tls, registry, options };
  }

  it('refuses https → http to a host not allowed plain HTTP, and sends it nothing', async () => {
    const { plain, tls, registry, options } = await setup();
    const [r] = await checkImages([{ image: `${registry.host}/team/base:1`, platforms: ['linux/amd64'] }], options);
    expect(r.error).toBe(`token service at https://token.${PROXIED_DOMAIN}/token failed: token.${PROXIED_DOMAIN} redirected to http://token.${PROXIED_DOMAIN}, which is not allowed over plain HTTP`);
    expect(log(tls)).toEqual(['GET /token?service=a&scope=repository%3Ateam%2Fbase%3Apull [Basic]']);
    expect(plain.requests).toEqual([]);
  });

  it('drops the Basic credentials on https → http to the same host where plain HTTP is allowed', async () => {
    const { plain, tls, registry, options } = await setup();
    const [r] = await checkImages([{ image: `${registry.host}/team/base:1`, platforms: ['linux/amd64'] }], { ...options, insecureRegistries: [`token.${PROXIED_DOMAIN}`] });
    expect(r.error).toBeNull();
    expect(log(tls)).toEqual(['GET /token?service=a&scope=repository%3Ateam%2Fbase%3Apull [Basic]']);
    expect(log(plain)).toEqual(['GET /token?service=a&scope=repository%3Ateam%2Fbase%3Apull']);
  });
});
