import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialLookup } from '../../server/src/registry/auth';
import { isLoopback, parseReference } from '../../server/src/registry/reference';

describe('image references (distribution/reference)', () => {
  it.each([
    ['fedora', 'docker.io', 'registry-1.docker.io', 'library/fedora', 'latest', undefined, 'docker.io/library/fedora:latest'],
    ['fedora:40', 'docker.io', 'registry-1.docker.io', 'library/fedora', '40', undefined, 'docker.io/library/fedora:40'],
    ['bitnami/nginx', 'docker.io', 'registry-1.docker.io', 'bitnami/nginx', 'latest', undefined, 'docker.io/bitnami/nginx:latest'],
    ['docker.io/fedora', 'docker.io', 'registry-1.docker.io', 'library/fedora', 'latest', undefined, 'docker.io/library/fedora:latest'],
    ['index.docker.io/library/fedora:40', 'docker.io', 'registry-1.docker.io', 'library/fedora', '40', undefined, 'docker.io/library/fedora:40'],
    ['quay.io/fedora/fedora-coreos:stable', 'quay.io', 'quay.io', 'fedora/fedora-coreos', 'stable', undefined, 'quay.io/fedora/fedora-coreos:stable'],
    ['localhost/x', 'localhost', 'localhost', 'x', 'latest', undefined, 'localhost/x:latest'],
    ['localhost:5000/a/b:1', 'localhost:5000', 'localhost:5000', 'a/b', '1', undefined, 'localhost:5000/a/b:1'],
    ['127.0.0.1:5000/a', '127.0.0.1:5000', '127.0.0.1:5000', 'a', 'latest', undefined, '127.0.0.1:5000/a:latest'],
    ['Registry/a', 'Registry', 'Registry', 'a', 'latest', undefined, 'Registry/a:latest'],
    [`fedora@sha256:${'a'.repeat(64)}`, 'docker.io', 'registry-1.docker.io', 'library/fedora', undefined, `sha256:${'a'.repeat(64)}`, `docker.io/library/fedora@sha256:${'a'.repeat(64)}`],
    [`quay.io/x/y:1@sha256:${'b'.repeat(64)}`, 'quay.io', 'quay.io', 'x/y', '1', `sha256:${'b'.repeat(64)}`, `quay.io/x/y:1@sha256:${'b'.repeat(64)}`],
  ])('%s', (text, registry, apiHost, repository, tag, digest, normalized) => {
    expect(parseReference(text)).toEqual({ registry, apiHost, repository, tag, digest, normalized });
  });
  it.each(['', 'Fedora', 'fedora:', 'a b', 'fedora@sha256:abc', 'quay.io/UPPER/x', 'x:-bad'])('rejects %j', (text) => {
    expect(() => parseReference(text)).toThrow(/invalid image reference/);
  });
  it('knows loopback hosts', () => {
    for (const h of ['localhost', 'localhost:5000', '127.0.0.1', '127.1.2.3:80', '[::1]:5000']) expect(isLoopback(h)).toBe(true);
    for (const h of ['quay.io', '10.0.0.1:5000', '128.0.0.1', 'localhost.example.com']) expect(isLoopback(h)).toBe(false);
  });
});

describe('credentials', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  function home() {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-auth-'));
    mkdirSync(join(dir, '.docker'), { recursive: true });
    mkdirSync(join(dir, 'run', 'containers'), { recursive: true });
    mkdirSync(join(dir, '.config', 'containers'), { recursive: true });
    return dir;
  }
  it('reads auth files in containers/image order; longest repository key wins', async () => {
    const h = home();
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ auths: { 'quay.io': { auth: b64('docker:d') }, 'https://index.docker.io/v1/': { auth: b64('hub:h') } } }));
    writeFileSync(
      join(h, 'run', 'containers', 'auth.json'),
      JSON.stringify({ auths: { 'quay.io': { auth: b64('runtime:r') }, 'quay.io/org': { auth: b64('org:o') }, 'quay.io/org/repo': { auth: b64('repo:p:with:colons') } } }),
    );
    const env = { HOME: h, XDG_RUNTIME_DIR: join(h, 'run'), PATH: process.env.PATH };
    const look = credentialLookup(env);
    expect(await look('quay.io', 'org/repo')).toEqual({ username: 'repo', password: 'p:with:colons' });
    expect(await look('quay.io', 'org/other')).toEqual({ username: 'org', password: 'o' });
    expect(await look('quay.io', 'orga/x')).toEqual({ username: 'runtime', password: 'r' });
    expect(await look('docker.io', 'library/fedora')).toEqual({ username: 'hub', password: 'h' });
    expect(await look('ghcr.io', 'x/y')).toBeUndefined();
    // REGISTRY_AUTH_FILE comes first.
    const override = join(h, 'override.json');
    writeFileSync(override, JSON.stringify({ auths: { 'quay.io': { auth: b64('override:x') } } }));
    expect(await credentialLookup({ ...env, REGISTRY_AUTH_FILE: override })('quay.io', 'org/repo')).toEqual({ username: 'override', password: 'x' });
  });
  it('asks docker-credential-<name> helpers (credHelpers, then credsStore)', async () => {
    const h = home();
    const bin = join(h, 'bin');
    mkdirSync(bin);
    const helper = (name: string, user: string) => {
      const p = join(bin, `docker-credential-${name}`);
      writeFileSync(p, `#!/bin/sh\n[ "$1" = get ] || exit 3\nread host\nprintf '{"ServerURL":"%s","Username":"${user}","Secret":"s-%s"}' "$host" "$host"\n`);
      chmodSync(p, 0o755);
    };
    helper('one', 'helper-user');
    helper('store', 'store-user');
    writeFileSync(join(h, '.docker', 'config.json'), JSON.stringify({ credHelpers: { 'reg.example:5000': 'one' }, credsStore: 'store' }));
    const look = credentialLookup({ HOME: h, PATH: `${bin}:${process.env.PATH}` });
    expect(await look('reg.example:5000', 'a')).toEqual({ username: 'helper-user', password: 's-reg.example:5000' });
    expect(await look('other.example', 'a')).toEqual({ username: 'store-user', password: 's-other.example' });
  });
});

describe('registries.conf insecure entries', () => {
  it('reads v2 [[registry]] tables (prefix, location) and the v1 insecure list', async () => {
    const { parseRegistriesConf } = await import('../../server/src/registry/registries-conf');
    const text = [
      'unqualified-search-registries = ["docker.io"]',
      '[[registry]]',
      'location = "reg.internal:5000/"',
      'insecure = true # lab registry',
      '[[registry]]',
      'location = "quay.io"',
      'insecure = false',
      '[[registry]]',
      'prefix = "x.internal/team"',
      "location = 'other.internal/org/repo'",
      'insecure = true',
      '[[registry]]',
      'location = "https://schemes.are.refused"',
      'insecure = true',
      '[registries.insecure]',
      "registries = ['v1.internal',",
      '  "v1b.internal:8443"]',
    ].join('\n');
    expect(parseRegistriesConf(text)).toEqual([
      { prefix: 'reg.internal:5000', location: 'reg.internal:5000', insecure: true },
      { prefix: 'quay.io', location: 'quay.io', insecure: false },
      { prefix: 'x.internal/team', location: 'other.internal/org/repo', insecure: true },
      { prefix: 'v1.internal', location: 'v1.internal', insecure: true },
      { prefix: 'v1b.internal:8443', location: 'v1b.internal:8443', insecure: true },
    ]);
  });

  it('matches by prefix: a path covers only its namespace, a host without port no other port, the longest prefix decides', async () => {
    const { insecureByRegistriesConf: insecure } = await import('../../server/src/registry/registries-conf');
    const entries = [
      { prefix: 'lab.internal', location: 'lab.internal', insecure: true },
      { prefix: 'reg.internal:5000/team', location: 'reg.internal:5000/team', insecure: true },
      { prefix: 'mixed.internal', location: 'mixed.internal', insecure: true },
      { prefix: 'mixed.internal/secure', location: 'mixed.internal/secure', insecure: false },
      { prefix: '*.dev.internal', location: '*.dev.internal', insecure: true },
      { prefix: 'mirror.internal', location: 'elsewhere.internal', insecure: true },
    ];
    const cases: Array<[string, boolean]> = [
      ['lab.internal', true],
      ['lab.internal/a/b', true],
      ['lab.internal:5000/a', false],
      ['lab.internalx/a', false],
      ['reg.internal:5000/team/base', true],
      ['reg.internal:5000/team', true],
      ['reg.internal:5000/teamx/base', false],
      ['reg.internal:5000/other', false],
      ['reg.internal:5000', false],
      ['mixed.internal/app', true],
      ['mixed.internal/secure/app', false],
      ['a.dev.internal/x', true],
      ['a.b.dev.internal:8443/x', true],
      ['dev.internal/x', false],
      ['mirror.internal/x', false],
    ];
    expect(cases.map(([ref]) => [ref, insecure(entries, ref)])).toEqual(cases);
  });
});
