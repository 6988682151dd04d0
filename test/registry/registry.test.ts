// Against a real registry (Debian's docker-registry) with skopeo (containers/image) as the oracle.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsUrl } from '../../server/src/engine/catalog';
import { lintPlatformCheck, runPlatforms } from '../../server/src/cli/platforms';
import { checkImages, mapLimit, PlatformChecker, type ImageResult } from '../../server/src/registry/check';
import { lint } from '../../server/src/engine';
import { lintTextPlatforms } from '../../server/src/platform-check/check-text';
import { Pusher, requireCommand, startRegistry, type LocalRegistry } from './support/registry';
import { PROXIED_DOMAIN, startProxy } from './support/servers';

type Entry = { os: string; architecture: string; variant?: string; label: string; attestation?: boolean };
const e = (spec: string, attestation = false): Entry => {
  const [os, architecture, variant] = spec.split('/');
  return { os, architecture, ...(variant ? { variant } : {}), label: spec + (attestation ? '+att' : ''), ...(attestation ? { attestation } : {}) };
};
const CASES: Record<string, Entry[]> = {
  amd64: [e('linux/amd64')],
  'amd64-arm64v8': [e('linux/amd64'), e('linux/arm64/v8')],
  'arm64-arm64v8': [e('linux/arm64'), e('linux/arm64/v8')],
  'arm64v8-arm64': [e('linux/arm64/v8'), e('linux/arm64')],
  'armv6-armv7': [e('linux/arm/v6'), e('linux/arm/v7')],
  armv5: [e('linux/arm/v5')],
  arm: [e('linux/arm')],
  arm64v9: [e('linux/arm64/v9')],
  amd64v3: [e('linux/amd64/v3')],
  'amd64v2-amd64': [e('linux/amd64/v2'), e('linux/amd64')],
  aarch64: [e('linux/aarch64')],
  'windows-linux': [e('windows/amd64'), e('linux/amd64')],
  attestation: [e('linux/amd64'), e('unknown/unknown', true), e('linux/arm64/v8')],
  'mislabeled-os': [e('Linux/amd64'), e('linux/x86_64')],
};
const TARGETS = ['linux/amd64', 'linux/arm64', 'linux/arm64/v8', 'linux/arm', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5', 'windows/amd64'];

let reg: LocalRegistry;
let push: Pusher;
let work: string;
const singles: Record<string, string> = {};

function skopeo(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('skopeo', args, { env: { PATH: process.env.PATH, HOME: work }, timeout: 30_000 }, (err, stdout, stderr) => resolve({ ok: !err, stdout, stderr }));
  });
}

function overrideArgs(target: string): string[] {
  const [os, arch, variant] = target.split('/');
  return ['--override-os', os, '--override-arch', arch, ...(variant ? ['--override-variant', variant] : [])];
}

class Sink extends Writable {
  text = '';
  _write(chunk: Buffer, _enc: string, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

beforeAll(async () => {
  requireCommand('skopeo', 'skopeo');
  work = mkdtempSync(join(tmpdir(), 'layerlint-reg-test-'));
  reg = await startRegistry();
  push = new Pusher(reg.host);
  for (const [name, entries] of Object.entries(CASES)) {
    await push.list(`oracle/${name}`, 'docker', false, entries);
    await push.list(`oracle/${name}`, 'oci', true, entries);
  }
  for (const spec of ['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']) {
    const name = spec.replaceAll('/', '-');
    singles[spec] = (await push.image('single', { ...e(spec), oci: spec !== 'linux/amd64', tag: name })).digest;
  }
}, 120_000);

afterAll(async () => {
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('instance choice against skopeo (containers/image)', () => {
  it('agrees with skopeo for every list, media type and target', async () => {
    const images = Object.keys(CASES).flatMap((name) => ['docker', 'oci'].map((tag) => `${reg.host}/oracle/${name}:${tag}`));
    const ours = await checkImages(
      images.map((image) => ({ image, platforms: TARGETS })),
      { cacheDir: null },
    );
    const jobs = images.flatMap((image, i) => TARGETS.map((target) => ({ image, target, mine: ours[i].results.find((r) => r.platform === target)!, result: ours[i] })));
    const verdicts = await mapLimit(jobs, 8, async (job) => {
      const r = await skopeo(['inspect', '--tls-verify=false', ...overrideArgs(job.target), `docker://${job.image}`]);
      let theirs: string;
      if (r.ok) theirs = `ok ${JSON.parse(r.stdout).Labels.instance}`;
      else {
        // logrus: msg="Error parsing manifest for image: choosing image instance: … variant \"v8\", OS linux"
        const msg = /msg="((?:[^"\\]|\\.)*)"/.exec(r.stderr);
        const text = msg ? (JSON.parse(`"${msg[1]}"`) as string) : r.stderr;
        const at = text.indexOf('choosing image instance: ');
        theirs = at >= 0 ? `missing ${text.slice(at)}` : `skopeo failed: ${r.stderr}`;
      }
      const entries = CASES[job.image.split('/oracle/')[1].split(':')[0]];
      const mine = job.mine.status === 'ok' ? `ok ${entries.find((_x, k) => job.result.results && k === indexOfDigest(job.result, job.mine.instance!))?.label}` : `missing ${job.mine.message}`;
      return { key: `${job.image.split('/oracle/')[1]} → ${job.target}`, mine, theirs };
    });
    // Not vacuous: both outcomes occur.
    expect(verdicts.filter((v) => v.theirs.startsWith('ok')).length).toBeGreaterThan(20);
    expect(verdicts.filter((v) => v.theirs.startsWith('missing')).length).toBeGreaterThan(20);
    expect(verdicts.map((v) => `${v.key}: ${v.mine}`)).toEqual(verdicts.map((v) => `${v.key}: ${v.theirs}`));
  }, 120_000);

  it('matches the verdicts observed with containers/image (https://github.com/containers/image)', async () => {
    const cases: Array<[string, string, string]> = [
      ['amd64:docker', 'linux/arm64/v8', 'choosing image instance: no image found in manifest list for architecture arm64, variant "v8", OS linux'],
      ['amd64:oci', 'linux/arm64/v8', 'choosing image instance: no image found in image index for architecture arm64, variant "v8", OS linux'],
      ['amd64-arm64v8:oci', 'linux/arm64', 'linux/arm64/v8'],
      ['arm64-arm64v8:oci', 'linux/arm64', 'linux/arm64'],
      ['arm64-arm64v8:oci', 'linux/arm64/v8', 'linux/arm64/v8'],
      ['armv6-armv7:docker', 'linux/arm', 'linux/arm/v7'],
      ['armv6-armv7:docker', 'linux/arm/v5', 'choosing image instance: no image found in manifest list for architecture arm, variant "v5", OS linux'],
      ['armv5:docker', 'linux/arm/v7', 'linux/arm/v5'],
      ['arm:docker', 'linux/arm/v6', 'linux/arm'],
      ['arm64v9:docker', 'linux/arm64', 'choosing image instance: no image found in manifest list for architecture arm64, variant "", OS linux'],
      ['amd64v3:docker', 'linux/amd64', 'choosing image instance: no image found in manifest list for architecture amd64, variant "", OS linux'],
      ['amd64v2-amd64:docker', 'linux/amd64', 'linux/amd64'],
      ['aarch64:docker', 'linux/arm64', 'choosing image instance: no image found in manifest list for architecture arm64, variant "", OS linux'],
      ['windows-linux:oci', 'windows/amd64', 'windows/amd64'],
    ];
    const res = await checkImages(
      cases.map(([img, t]) => ({ image: `${reg.host}/oracle/${img}`, platforms: [t] })),
      { cacheDir: null },
    );
    const got = res.map((r) => (r.results[0].status === 'ok' ? r.results[0].message.replace('chooses ', '') : r.results[0].message));
    expect(got).toEqual(cases.map((c) => c[2]));
  });

  it('leaves attestation entries out and reports mislabelled ones', async () => {
    const [att, mis, aarch] = await checkImages(
      [`oracle/attestation:oci`, `oracle/mislabeled-os:docker`, `oracle/aarch64:oci`].map((p) => ({ image: `${reg.host}/${p}`, platforms: ['linux/amd64', 'linux/arm64'] })),
      { cacheDir: null },
    );
    expect(att.platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
    expect(att.mislabeled).toEqual([]);
    expect(att.results.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(mis.mislabeled.map((m) => `${m.label}→${m.canonical}`)).toEqual(['Linux/amd64→linux/amd64', 'linux/x86_64→linux/amd64']);
    expect(mis.results[0]).toMatchObject({ status: 'missing', message: 'choosing image instance: no image found in manifest list for architecture amd64, variant "", OS linux' });
    expect(aarch.mislabeled.map((m) => m.canonical)).toEqual(['linux/arm64']);
  });

  it('reads the config of a single-platform manifest, as skopeo reports it', async () => {
    const res = await checkImages(
      Object.keys(singles).map((spec) => ({ image: `${reg.host}/single:${spec.replaceAll('/', '-')}`, platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] })),
      { cacheDir: null },
    );
    for (const [i, spec] of Object.keys(singles).entries()) {
      const r = await skopeo(['inspect', '--tls-verify=false', '--config', `docker://${reg.host}/single:${spec.replaceAll('/', '-')}`]);
      const j = JSON.parse(r.stdout);
      expect(res[i].platforms).toEqual([[j.os, j.architecture, j.variant].filter(Boolean).join('/')]);
      expect(res[i].single).toBe(true);
      expect(res[i].digest).toBe(singles[spec]);
    }
    expect(res[0].results.map((r) => r.status)).toEqual(['ok', 'missing', 'missing']);
    expect(res[0].results[1].message).toMatch(/single-platform image for linux\/amd64, not linux\/arm64.*exec format error/);
    expect(res[1].results.map((r) => r.status)).toEqual(['missing', 'ok', 'missing']);
    expect(res[2].results.map((r) => r.status)).toEqual(['missing', 'missing', 'ok']);
  });
});

function indexOfDigest(result: ImageResult, digest: string): number {
  // The order of entries in the list is the order of CASES' entries (attestations included).
  const name = result.image.split('/oracle/')[1].split(':')[0];
  return listDigests.get(`${name}:${result.image.split(':').pop()}`)!.indexOf(digest);
}
const listDigests = new Map<string, string[]>();
beforeAll(async () => {
  for (const name of Object.keys(CASES)) {
    for (const tag of ['docker', 'oci']) {
      const r = await fetch(`http://${reg.host}/v2/oracle/${name}/manifests/${tag}`, {
        headers: { accept: 'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json' },
      });
      listDigests.set(
        `${name}:${tag}`,
        ((await r.json()) as { manifests: Array<{ digest: string }> }).manifests.map((m) => m.digest),
      );
    }
  }
});

describe('caches', () => {
  const manifestRequests = (log: string, repo: string, method: string) => log.split('\n').filter((l) => l.includes(`"${method} /v2/${repo}/manifests/`)).length;

  it('cold: one GET per image; warm inside the TTL: nothing; after the TTL: HEAD only; a moved tag: HEAD + GET by digest', async () => {
    const cacheDir = mkdtempSync(join(work, 'cache-'));
    const images = ['a', 'b', 'c'].map((t) => `${reg.host}/cachetest:${t}`);
    for (const t of ['a', 'b', 'c']) await push.list('cachetest', t, true, [e('linux/amd64'), e('linux/arm64/v8')]);
    const seen: string[] = [];
    const opts = { cacheDir, onRequest: (m: string, u: string) => seen.push(`${m} ${u.replace(/^https?:\/\/[^/]+/, '')}`) };
    const cold = await checkImages(
      images.map((image) => ({ image, platforms: ['linux/arm64'] })),
      opts,
    );
    expect(cold.map((r) => r.results[0].status)).toEqual(['ok', 'ok', 'ok']);
    expect(seen.filter((s) => s.startsWith('GET /v2/cachetest/manifests/')).sort()).toEqual(
      // the first request to the host also probes HTTPS before plain HTTP on loopback
      expect.arrayContaining(['GET /v2/cachetest/manifests/a', 'GET /v2/cachetest/manifests/b', 'GET /v2/cachetest/manifests/c']),
    );
    const logBefore = reg.log();
    seen.length = 0;
    const warm = await checkImages(
      images.map((image) => ({ image, platforms: ['linux/arm64'] })),
      opts,
    );
    expect(warm).toEqual(cold);
    expect(seen).toEqual([]);
    seen.length = 0;
    const stale = await checkImages(
      images.map((image) => ({ image, platforms: ['linux/arm64'] })),
      { ...opts, tagTtlMs: 0 },
    );
    expect(stale).toEqual(cold);
    expect(seen.filter((s) => !s.startsWith('HEAD'))).toEqual([]);
    expect(seen.filter((s) => s.startsWith('HEAD /v2/cachetest/manifests/')).length).toBeGreaterThanOrEqual(3);
    // The registry's own log agrees: no manifest GETs since the cold run.
    await new Promise((r) => setTimeout(r, 100));
    const newLog = reg.log().slice(logBefore.length);
    expect(manifestRequests(newLog, 'cachetest', 'GET')).toBe(0);
    expect(manifestRequests(newLog, 'cachetest', 'HEAD')).toBe(3);
    // Move tag a to an amd64-only list: the HEAD sees the new digest, a GET by digest fetches it.
    const moved = await push.list('cachetest', 'a', true, [e('linux/amd64')]);
    seen.length = 0;
    const after = await checkImages([{ image: images[0], platforms: ['linux/arm64'] }], { ...opts, tagTtlMs: 0 });
    expect(after[0].digest).toBe(moved.list.digest);
    expect(after[0].results[0].status).toBe('missing');
    expect(seen.filter((s) => !s.startsWith('GET /v2/cachetest/manifests/a') && !s.startsWith('GET https'))).toEqual(
      expect.arrayContaining([`HEAD /v2/cachetest/manifests/a`, `GET /v2/cachetest/manifests/${moved.list.digest}`]),
    );
  });

  it('a digest reference is served from the disk cache without any request', async () => {
    const cacheDir = mkdtempSync(join(work, 'cache-'));
    const digest = listDigests.get('amd64:oci') && (await push.list('digestref', 'x', true, [e('linux/amd64')])).list.digest;
    let n = 0;
    const image = `${reg.host}/digestref@${digest}`;
    const first = await checkImages([{ image, platforms: ['linux/amd64'] }], { cacheDir, onRequest: () => n++ });
    expect(first[0]).toMatchObject({ digest, error: null });
    expect(n).toBeGreaterThan(0);
    n = 0;
    const second = await checkImages([{ image, platforms: ['linux/amd64'] }], { cacheDir, tagTtlMs: 0, onRequest: () => n++ });
    expect(second).toEqual(first);
    expect(n).toBe(0);
  });
});

describe('proxies', () => {
  it('goes through HTTP_PROXY, but never for a loopback registry', async () => {
    const proxy = await startProxy();
    try {
      // A name only the proxy resolves (to 127.0.0.1): not loopback to the client. Plain HTTP for it
      // needs the user's word.
      const host = `registry.${PROXIED_DOMAIN}:${reg.port}`;
      const image = `${host}/oracle/amd64:oci`;
      const via = await checkImages([{ image, platforms: ['linux/amd64'] }], { cacheDir: null, insecureRegistries: [host], env: { HTTP_PROXY: proxy.url } });
      expect(via[0].results[0].status).toBe('ok');
      // undici's ProxyAgent tunnels every request (CONNECT), plain HTTP included.
      expect(proxy.requests.map((r) => `${r.method} ${r.url}`)).toContain(`CONNECT ${host}`);
      proxy.requests.length = 0;
      const direct = await checkImages([{ image: `${reg.host}/oracle/amd64:oci`, platforms: ['linux/amd64'] }], { cacheDir: null, env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url } });
      expect(direct[0].results[0].status).toBe('ok');
      expect(proxy.requests).toEqual([]);
      // A host that is neither loopback nor listed insecure is only ever asked over HTTPS.
      const [remote] = await checkImages([{ image: 'registry.invalid:8080/x/y:1', platforms: ['linux/amd64'] }], { cacheDir: null, env: { HTTP_PROXY: proxy.url } });
      expect(remote.error).toMatch(/^cannot reach registry\.invalid:8080/);
      expect(proxy.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['CONNECT registry.invalid:8080']);
    } finally {
      await proxy.close();
    }
  });
});

describe('layerlint platforms (CLI)', () => {
  async function run(args: string[]) {
    const stdout = new Sink();
    const stderr = new Sink();
    const code = await runPlatforms(args, { stdout, stderr }, { cacheDir: mkdtempSync(join(work, 'cli-cache-')) });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }
  function containerfile(text: string): string {
    const p = join(mkdtempSync(join(work, 'cf-')), 'Containerfile');
    writeFileSync(p, text);
    return p;
  }

  it('JSON: the documented shape, ARGs resolved, exit 1 when a target is missing', async () => {
    const cf = containerfile(`ARG REG=${reg.host}\nARG TAG=oci\nFROM \${REG}/oracle/amd64-arm64v8:\${TAG} AS base\nFROM base\nFROM scratch\nFROM $REG/oracle/amd64:docker\n`);
    const r = await run(['--format', 'json', '--platform', 'linux/amd64', '--platform', 'linux/arm64/v8', cf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(['version', 'images']);
    expect(j.version).toBe(1);
    expect(j.images).toHaveLength(2);
    const [a, b] = j.images;
    expect(Object.keys(a)).toEqual(['image', 'reference', 'source', 'digest', 'mediaType', 'platforms', 'error', 'results']);
    expect(a).toMatchObject({
      image: `${reg.host}/oracle/amd64-arm64v8:oci`,
      reference: `${reg.host}/oracle/amd64-arm64v8:oci`,
      source: { path: cf, line: 3 },
      mediaType: 'application/vnd.oci.image.index.v1+json',
      platforms: ['linux/amd64', 'linux/arm64/v8'],
      error: null,
    });
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.results.map((x: { status: string }) => x.status)).toEqual(['ok', 'ok']);
    expect(a.results[1].instance).toBe(listDigests.get('amd64-arm64v8:oci')![1]);
    expect(Object.keys(a.results[0])).toEqual(['platform', 'status', 'instance', 'message']);
    expect(b.source).toEqual({ path: cf, line: 6 });
    expect(b.results[1]).toEqual({
      platform: 'linux/arm64/v8',
      status: 'missing',
      instance: null,
      message: 'choosing image instance: no image found in manifest list for architecture arm64, variant "v8", OS linux',
    });
  });

  it('text: a table per image with ✓/✗ and the runtime error; exit 0 when all targets are found', async () => {
    const ok = await run([`${reg.host}/oracle/amd64-arm64v8:docker`]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/✓ linux\/amd64 +sha256:[0-9a-f]{64} +chooses linux\/amd64\n/);
    expect(ok.stdout).toMatch(/✓ linux\/arm64 +sha256:[0-9a-f]{64} +chooses linux\/arm64\/v8\n/);
    const miss = await run([`${reg.host}/oracle/aarch64:docker`, '--platform', 'linux/arm64']);
    expect(miss.code).toBe(1);
    expect(miss.stdout).toContain('✗ linux/arm64  choosing image instance: no image found in manifest list for architecture arm64, variant "", OS linux');
    expect(miss.stdout).toContain('! linux/aarch64 is matched by no runtime');
  });

  it('exit 2 when an image cannot be checked, the others are still checked; usage errors exit 2', async () => {
    const r = await run(['--format', 'json', `${reg.host}/nothing/here:1`, `${reg.host}/oracle/amd64:oci`]);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.images[0]).toMatchObject({ error: 'no such image or tag', digest: null, platforms: [] });
    expect(j.images[0].results).toEqual([
      { platform: 'linux/amd64', status: 'error', instance: null, message: 'no such image or tag' },
      { platform: 'linux/arm64', status: 'error', instance: null, message: 'no such image or tag' },
    ]);
    expect(j.images[1].results.map((x: { status: string }) => x.status)).toEqual(['ok', 'missing']);
    for (const bad of [['--platform', 'arm64', 'x'], ['--format', 'xml', 'x'], ['--timeout', '0', 'x'], ['--build-arg', 'NOEQ', 'x'], []]) {
      const u = await run(bad);
      expect(u.code).toBe(2);
      expect(u.stderr).toMatch(/^layerlint platforms: /);
    }
    const missingFile = await run(['./no/such/Containerfile']);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain('cannot read ./no/such/Containerfile');
  });
});

describe('diagnostics', () => {
  it('base-platform-missing (error) and base-platform-mislabeled (warning) on the image reference', async () => {
    const text = `FROM ${reg.host}/oracle/amd64:oci AS a\nFROM --platform=linux/amd64 ${reg.host}/oracle/aarch64:docker\nFROM ${reg.host}/oracle/amd64-arm64v8:oci\n`;
    const checker = new PlatformChecker({ cacheDir: null });
    try {
      const { diagnostics } = await lintTextPlatforms(text, { platforms: ['linux/amd64', 'linux/arm64'] }, checker, 'Containerfile');
      const brief = diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]);
      const ref0 = `${reg.host}/oracle/amd64:oci`;
      expect(brief).toEqual([
        ['base-platform-missing', 1, 0, 5, 5 + ref0.length],
        ['base-platform-missing', 1, 1, 28, 28 + `${reg.host}/oracle/aarch64:docker`.length],
        ['base-platform-mislabeled', 2, 1, 28, 28 + `${reg.host}/oracle/aarch64:docker`.length],
      ]);
      expect(diagnostics[0].message).toBe(
        `${ref0} has no instance for linux/arm64; it offers linux/amd64. CRI-O/Podman: choosing image instance: no image found in image index for architecture arm64, variant "", OS linux`,
      );
      expect(diagnostics[1].message).toContain('linux/aarch64 (should be linux/arm64)');
      for (const d of diagnostics) {
        expect(d.source).toBe('layerlint');
        expect(d.codeDescription).toEqual({ href: docsUrl(d.code) });
      }
    } finally {
      await checker.close();
    }
  });

  it('honours ignore comments (local, continuation lines, global) and severity overrides', async () => {
    const amd64 = `${reg.host}/oracle/amd64:oci`;
    const aarch64 = `${reg.host}/oracle/aarch64:docker`;
    const checker = new PlatformChecker({ cacheDir: null });
    const codes = async (text: string, severities = {}) =>
      (await lintTextPlatforms(text, { platforms: ['linux/arm64'], severities }, checker, 'Containerfile')).diagnostics.map((d) => [d.code, d.range.start.line, d.severity]);
    try {
      const plain = `FROM ${amd64} AS a\nFROM ${aarch64}\n`;
      expect(await codes(plain)).toEqual([
        ['base-platform-missing', 0, 1],
        ['base-platform-missing', 1, 1],
        ['base-platform-mislabeled', 1, 2],
      ]);
      expect(await codes(`# layerlint ignore=base-platform-missing\n${plain}`)).toEqual([
        ['base-platform-missing', 2, 1],
        ['base-platform-mislabeled', 2, 2],
      ]);
      expect(await codes(`FROM ${amd64} AS a\n# layerlint ignore=base-platform-mislabeled,base-platform-missing\nFROM \\\n  ${aarch64}\n`)).toEqual([['base-platform-missing', 0, 1]]);
      expect(await codes(`${plain}# layerlint global ignore=base-platform-mislabeled\n`)).toEqual([
        ['base-platform-missing', 0, 1],
        ['base-platform-missing', 1, 1],
      ]);
      expect(await codes(plain, { 'base-platform-missing': 'warning', 'base-platform-mislabeled': 'off' })).toEqual([
        ['base-platform-missing', 0, 2],
        ['base-platform-missing', 1, 2],
      ]);
    } finally {
      await checker.close();
    }
  });

  it('lint --check-platforms hook adds the diagnostics to each file', async () => {
    const files = [
      { path: 'A', text: `FROM ${reg.host}/oracle/amd64:docker\n`, diagnostics: [] },
      { path: 'B', text: `FROM ${reg.host}/oracle/amd64-arm64v8:docker\n`, diagnostics: [] },
    ];
    const verdicts = await lintPlatformCheck({ cacheDir: null })(files, { platforms: ['linux/arm64'], buildArgs: {} });
    expect(lint(files[0].text, { platformVerdicts: verdicts[0] }).map((d) => d.code)).toEqual(['base-platform-missing']);
    expect(lint(files[1].text, { platformVerdicts: verdicts[1] })).toEqual([]);
  });
});
