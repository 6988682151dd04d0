// Caches: manifests and config platforms by digest on disk (immutable), tag → digest for a short TTL
// in memory and on disk. Corrupt or foreign files are ignored, writes are atomic (rename). Private to
// the user (folders 0700, files 0600, looser ones tightened when met) and bounded: files older than
// the age limit, then the oldest beyond the size limit, are removed by a sweep at most once a day.
// Synchronous file calls: the files are small, and fs/promises with its streams costs a one-shot
// CLI more at start-up than the writes take.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { ConfigFacts } from './platform';

export interface CachedManifest {
  mediaType: string;
  body: Buffer;
}

export interface TagEntry {
  digest: string;
  /** When the tag was last confirmed against the registry (ms since epoch). */
  checked: number;
}

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache'), 'layerlint');
}

export function sha256Digest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** Digest of `body` with the algorithm of `digest` (sha256, sha512); undefined when unsupported. */
export function digestWithAlgorithm(digest: string, body: Buffer): string | undefined {
  const algo = digest.slice(0, digest.indexOf(':'));
  if (algo !== 'sha256' && algo !== 'sha512') return undefined;
  return `${algo}:${createHash(algo).update(body).digest('hex')}`;
}

function digestPath(digest: string): string | undefined {
  const m = /^(sha256|sha512):([0-9a-f]{64,128})$/.exec(digest);
  return m ? join(m[1], m[2]) : undefined;
}

export interface CacheLimits {
  /** Files written longer ago than this are removed. Default 30 days. */
  maxAgeMs: number;
  /** Above this many bytes the oldest files are removed. Default 64 MiB. */
  maxBytes: number;
  /** Least time between two sweeps (the `.swept` file's time). Default one day. */
  sweepEveryMs: number;
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxAgeMs: 30 * 24 * 3600_000, maxBytes: 64 * 1024 * 1024, sweepEveryMs: 24 * 3600_000 };
const CONFIG_ENTRY_VERSION = 2;
const SUBDIRS = ['manifests', 'configs', 'tags'];
const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

/** Makes `dir` (and missing parents) and leaves it private to the user, whatever it was. */
function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if ((statSync(dir).mode & 0o777) !== PRIVATE_DIR) chmodSync(dir, PRIVATE_DIR);
}

export class RegistryCache {
  private readonly manifests = new Map<string, CachedManifest>();
  private readonly configs = new Map<string, ConfigFacts>();
  private readonly tags = new Map<string, TagEntry>();

  /**
   * @param dir cache directory (`…/layerlint`), or null for memory only
   * @param tagTtlMs how long a tag → digest answer is trusted without asking the registry
   */
  constructor(
    readonly dir: string | null,
    readonly tagTtlMs = 5 * 60_000,
    readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS,
  ) {}

  private readonly madeDirs = new Set<string>();
  private seq = 0;
  private swept = false;

  /** Writes atomically (by rename); a cache that cannot be written is only slower. */
  private write(sub: string, name: string, data: string | Buffer): void {
    if (!this.dir) return;
    const file = join(this.dir, sub, name);
    const dir = dirname(file);
    const tmp = `${file}.${process.pid}.${(this.seq++).toString(36)}.tmp`;
    try {
      if (!this.madeDirs.has(dir)) {
        this.privateDirs(dir);
        this.madeDirs.add(dir);
      }
      writeFileSync(tmp, data, { mode: PRIVATE_FILE });
      renameSync(tmp, file);
    } catch {
      // Not cached, then.
      rmSync(tmp, { force: true });
    }
    this.sweepOnce();
  }

  /** The cache root and every folder below it down to `dir`, made and private. */
  private privateDirs(dir: string): void {
    let d = this.dir!;
    privateDir(d);
    for (const part of relative(d, dir).split(sep).filter(Boolean)) privateDir((d = join(d, part)));
  }

  /** Removes what is over the limits, at most once per `sweepEveryMs` (over all processes). */
  private sweepOnce(): void {
    if (this.swept || !this.dir) return;
    this.swept = true;
    const marker = join(this.dir, '.swept');
    const now = Date.now();
    try {
      if (now - statSync(marker).mtimeMs < this.limits.sweepEveryMs) return;
    } catch {
      // never swept
    }
    try {
      writeFileSync(marker, '', { mode: PRIVATE_FILE });
      utimesSync(marker, now / 1000, now / 1000);
    } catch {
      return;
    }
    const files: Array<{ path: string; size: number; mtimeMs: number }> = [];
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          try {
            privateDir(path);
          } catch {
            // not ours to change
          }
          walk(path);
        } else if (e.isFile()) {
          try {
            const st = statSync(path);
            if ((st.mode & 0o077) !== 0) chmodSync(path, PRIVATE_FILE);
            files.push({ path, size: st.size, mtimeMs: st.mtimeMs });
          } catch {
            // gone meanwhile
          }
        }
      }
    };
    for (const sub of SUBDIRS) walk(join(this.dir, sub));
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = files.reduce((n, f) => n + f.size, 0);
    for (const f of files) {
      if (now - f.mtimeMs <= this.limits.maxAgeMs && total <= this.limits.maxBytes) break;
      rmSync(f.path, { force: true });
      total -= f.size;
    }
  }

  private read(sub: string, name: string): Buffer | undefined {
    if (!this.dir) return undefined;
    const file = join(this.dir, sub, name);
    try {
      const body = readFileSync(file);
      // Written by an earlier version, or by hand: made private when met.
      if ((statSync(file).mode & 0o077) !== 0) {
        this.privateDirs(dirname(file));
        chmodSync(file, PRIVATE_FILE);
      }
      return body;
    } catch {
      return undefined;
    }
  }

  getManifest(digest: string): CachedManifest | undefined {
    const m = this.manifests.get(digest);
    if (m) return m;
    const p = digestPath(digest);
    const raw = p && this.read('manifests', p);
    if (!raw) return undefined;
    try {
      const j = JSON.parse(raw.toString('utf8')) as { mediaType?: unknown; body?: unknown };
      if (typeof j.mediaType !== 'string' || typeof j.body !== 'string') return undefined;
      const body = Buffer.from(j.body, 'base64');
      if (digestWithAlgorithm(digest, body) !== digest) return undefined;
      const entry = { mediaType: j.mediaType, body };
      this.manifests.set(digest, entry);
      return entry;
    } catch {
      return undefined;
    }
  }

  /** Stores a manifest whose body the caller has verified to hash to `digest`. */
  putManifest(digest: string, entry: CachedManifest): void {
    this.manifests.set(digest, entry);
    const p = digestPath(digest);
    if (p) this.write('manifests', p, JSON.stringify({ mediaType: entry.mediaType, body: entry.body.toString('base64') }));
  }

  getConfigPlatform(digest: string): ConfigFacts | undefined {
    const c = this.configs.get(digest);
    if (c) return c;
    const p = digestPath(digest);
    const raw = p && this.read('configs', p);
    if (!raw) return undefined;
    try {
      const j = JSON.parse(raw.toString('utf8')) as ConfigFacts & { v?: number };
      // Entries from before the base labels were kept (no `v`) are read again from the registry.
      if (j.v !== CONFIG_ENTRY_VERSION || typeof j.os !== 'string' || typeof j.architecture !== 'string' || typeof j.variant !== 'string') return undefined;
      if (j.labels !== undefined && (typeof j.labels !== 'object' || j.labels === null || !Object.values(j.labels).every((v) => typeof v === 'string'))) return undefined;
      const facts: ConfigFacts = { os: j.os, architecture: j.architecture, variant: j.variant, ...(j.labels ? { labels: j.labels } : {}) };
      this.configs.set(digest, facts);
      return facts;
    } catch {
      return undefined;
    }
  }

  putConfigPlatform(digest: string, facts: ConfigFacts): void {
    this.configs.set(digest, facts);
    const p = digestPath(digest);
    if (p) this.write('configs', p, JSON.stringify({ v: CONFIG_ENTRY_VERSION, ...facts }));
  }

  private tagFile(key: string): string {
    return `${createHash('sha256').update(key).digest('hex')}.json`;
  }

  /** The tag's last known digest, fresh or not. */
  getTag(key: string): TagEntry | undefined {
    const t = this.tags.get(key);
    if (t) return t;
    const raw = this.read('tags', this.tagFile(key));
    if (!raw) return undefined;
    try {
      const j = JSON.parse(raw.toString('utf8')) as { key?: unknown; digest?: unknown; checked?: unknown };
      if (j.key !== key || typeof j.digest !== 'string' || typeof j.checked !== 'number') return undefined;
      const entry = { digest: j.digest, checked: j.checked };
      this.tags.set(key, entry);
      return entry;
    } catch {
      return undefined;
    }
  }

  isFresh(entry: TagEntry, now = Date.now()): boolean {
    return now - entry.checked >= 0 && now - entry.checked < this.tagTtlMs;
  }

  putTag(key: string, digest: string, checked = Date.now()): void {
    this.tags.set(key, { digest, checked });
    this.write('tags', this.tagFile(key), JSON.stringify({ key, digest, checked }));
  }
}
