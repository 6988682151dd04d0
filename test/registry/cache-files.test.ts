// The disk cache is private to the user and bounded (issue 13 item 11): folders 0700, files 0600,
// looser ones from earlier versions tightened, old and surplus files swept. Against the real registry.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages } from '../../server/src/registry/check';
import { Pusher, startRegistry, type LocalRegistry } from './support/registry';

let work: string;
let reg: LocalRegistry;
let image: string;
let configImage: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-cache-files-'));
  reg = await startRegistry();
  const push = new Pusher(reg.host);
  await push.list('team/list', '1', true, [{ os: 'linux', architecture: 'amd64', label: 'a' }]);
  await push.image('team/single', { os: 'linux', architecture: 'amd64', label: 's', oci: true, tag: '1' });
  image = `${reg.host}/team/list:1`;
  configImage = `${reg.host}/team/single:1`;
}, 60_000);
afterAll(async () => {
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every folder and file under `dir` with its permission bits, relative paths. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      out[`${rel}${e.name}${e.isDirectory() ? '/' : ''}`] = (statSync(p).mode & 0o777).toString(8);
      if (e.isDirectory()) walk(p, `${rel}${e.name}/`);
    }
  };
  out['./'] = (statSync(dir).mode & 0o777).toString(8);
  walk(dir, '');
  return out;
}
const files = (dir: string) => Object.keys(modes(dir)).filter((k) => !k.endsWith('/'));
const check = (cacheDir: string, extra = {}) =>
  checkImages(
    [image, configImage].map((i) => ({ image: i, platforms: ['linux/amd64'] })),
    { cacheDir, ...extra },
  );

describe('the disk cache', () => {
  it('writes folders 0700 and files 0600 whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const cacheDir = join(mkdtempSync(join(work, 'xdg-')), 'layerlint');
      const results = await check(cacheDir);
      expect(results.map((r) => r.error)).toEqual([null, null]);
      const m = modes(cacheDir);
      expect(files(cacheDir).length).toBeGreaterThanOrEqual(5); // 2 tags, 2 manifests, 1 config (and the sweep marker)
      expect(Object.entries(m).filter(([k, v]) => v !== (k.endsWith('/') ? '700' : '600'))).toEqual([]);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens folders and files an earlier version left readable by others', async () => {
    const cacheDir = join(mkdtempSync(join(work, 'xdg-')), 'layerlint');
    await check(cacheDir);
    for (const [k] of Object.entries(modes(cacheDir))) chmodSync(join(cacheDir, k), k.endsWith('/') ? 0o755 : 0o644);
    // A later check within the tag TTL only reads the cache.
    const results = await check(cacheDir, { tagTtlMs: 60_000 });
    expect(results.map((r) => r.error)).toEqual([null, null]);
    const m = modes(cacheDir);
    const read = Object.entries(m).filter(([k]) => !k.startsWith('.swept'));
    expect(read.filter(([k, v]) => v !== (k.endsWith('/') ? '700' : '600'))).toEqual([]);
  });

  it('removes files over the age limit, then the oldest over the size limit', async () => {
    const cacheDir = join(mkdtempSync(join(work, 'xdg-')), 'layerlint');
    const dir = join(cacheDir, 'manifests', 'sha256');
    mkdirSync(dir, { recursive: true });
    const day = 24 * 3600;
    const now = Date.now() / 1000;
    const put = (name: string, bytes: number, ageDays: number) => {
      writeFileSync(join(dir, name), Buffer.alloc(bytes, 0x20));
      utimesSync(join(dir, name), now - ageDays * day, now - ageDays * day);
    };
    put('a'.repeat(64), 100, 40); // over the age limit
    put('b'.repeat(64), 6000, 10); // oldest of the rest: goes for the size limit
    put('c'.repeat(64), 6000, 5);
    put('d'.repeat(64), 100, 1);
    const results = await check(cacheDir, { cacheLimits: { maxAgeMs: 30 * day * 1000, maxBytes: 10_000, sweepEveryMs: 0 } });
    expect(results.map((r) => r.error)).toEqual([null, null]);
    const left = readdirSync(dir)
      .filter((n) => /^[a-d]+$/.test(n))
      .map((n) => n[0]);
    expect(left).toEqual(['c', 'd']);
    // The check's own files stay (they are the newest).
    expect(files(cacheDir).filter((f) => f.startsWith('tags/'))).toHaveLength(2);
  });
});
