// The bearer-token path against the real registry with `auth: token` and a real token service.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages, PlatformChecker } from '../../server/src/registry/check';
import { Pusher, startRegistry, type LocalRegistry } from './support/registry';
import { selfSigned, startTokenService, type TokenService } from './support/servers';

let work: string;
let open: LocalRegistry;
let guarded: LocalRegistry;
let tokens: TokenService;
const USER = 'ci-bot';
const PASS = 'pa:ss';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-token-'));
  const cert = selfSigned(work, 'token-signer', 'layerlint token signer');
  tokens = await startTokenService({ key: cert.key, cert: cert.cert, issuer: 'layerlint-test', service: 'layerlint-registry', users: { [USER]: PASS } });
  open = await startRegistry();
  const push = new Pusher(open.host);
  await push.list('public/base', 'v1', true, [
    { os: 'linux', architecture: 'amd64', label: 'a' },
    { os: 'linux', architecture: 'arm64', variant: 'v8', label: 'b' },
  ]);
  await push.list('private/base', 'v1', false, [{ os: 'linux', architecture: 'amd64', label: 'a' }]);
  // A second registry over the same storage, behind token auth.
  guarded = await startRegistry({
    storage: open.storage,
    tokenAuth: { realm: tokens.realm, service: 'layerlint-registry', issuer: 'layerlint-test', rootCertBundle: cert.certPath },
  });
}, 60_000);

afterAll(async () => {
  await guarded?.stop();
  await open?.stop();
  await tokens?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

function authFile(): string {
  const p = join(mkdtempSync(join(work, 'auth-')), 'auth.json');
  writeFileSync(p, JSON.stringify({ auths: { [guarded.host]: { auth: Buffer.from(`${USER}:${PASS}`).toString('base64') } } }));
  return p;
}

describe('bearer token auth (registry auth: token)', () => {
  it('anonymous token for a public repository; the token is cached per host and scope', async () => {
    tokens.requests.length = 0;
    const checker = new PlatformChecker({ cacheDir: null, env: { HOME: work } });
    try {
      const [r] = await checker.check([{ image: `${guarded.host}/public/base:v1`, platforms: ['linux/arm64'] }]);
      expect(r.error).toBeNull();
      expect(r.results[0]).toMatchObject({ status: 'ok', message: 'chooses linux/arm64/v8' });
      expect(tokens.requests).toHaveLength(1);
      expect(tokens.requests[0].headers.authorization).toBeUndefined();
      expect(new URL(tokens.requests[0].url, 'http://x').searchParams.get('scope')).toBe('repository:public/base:pull');
      expect(new URL(tokens.requests[0].url, 'http://x').searchParams.get('service')).toBe('layerlint-registry');
      // Same checker, same scope: no new token request (the manifest is fetched again: no disk cache).
      const [again] = await checker.check([{ image: `${guarded.host}/public/base:v1`, platforms: ['linux/arm64'] }]);
      expect(again.error).toBeNull();
      expect(tokens.requests).toHaveLength(1);
    } finally {
      await checker.close();
    }
  });

  it('a private repository: authentication required without credentials, found with the auth file', async () => {
    const image = `${guarded.host}/private/base:v1`;
    const [anon] = await checkImages([{ image, platforms: ['linux/amd64'] }], { cacheDir: null, env: { HOME: work } });
    expect(anon.error).toBe(`authentication required by ${guarded.host}`);
    tokens.requests.length = 0;
    const [authed] = await checkImages([{ image, platforms: ['linux/amd64'] }], { cacheDir: null, env: { HOME: work, REGISTRY_AUTH_FILE: authFile() } });
    expect(authed.error).toBeNull();
    expect(authed.results[0].status).toBe('ok');
    expect(tokens.requests.map((r) => r.headers.authorization)).toEqual([`Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`]);
  });

  it('credentials from a docker-credential helper', async () => {
    const home = mkdtempSync(join(work, 'home-'));
    mkdirSync(join(home, '.docker'));
    mkdirSync(join(home, 'bin'));
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ credHelpers: { [guarded.host]: 'layerlint-test' } }));
    const helper = join(home, 'bin', 'docker-credential-layerlint-test');
    writeFileSync(helper, `#!/bin/sh\nread host\n[ "$host" = "${guarded.host}" ] || exit 1\necho '{"ServerURL":"${guarded.host}","Username":"${USER}","Secret":"${PASS}"}'\n`);
    chmodSync(helper, 0o755);
    const [r] = await checkImages([{ image: `${guarded.host}/private/base:v1`, platforms: ['linux/amd64'] }], {
      cacheDir: null,
      env: { HOME: home, PATH: `${join(home, 'bin')}:${process.env.PATH}` },
    });
    expect(r.error).toBeNull();
  });

  it('token service failure → token service at <realm> failed: <status>; other images still checked', async () => {
    tokens.failWith = 503;
    try {
      const res = await checkImages(
        [
          { image: `${guarded.host}/public/base:v1`, platforms: ['linux/amd64'] },
          { image: `${open.host}/public/base:v1`, platforms: ['linux/amd64'] },
        ],
        { cacheDir: null, env: { HOME: work } },
      );
      expect(res[0].error).toBe(`token service at ${tokens.realm} failed: 503`);
      expect(res[1].error).toBeNull();
    } finally {
      tokens.failWith = 0;
    }
  });
});
