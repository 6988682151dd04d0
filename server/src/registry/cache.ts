// Caches: manifests and config platforms by digest on disk (immutable), tag → digest for a short TTL
// in memory and on disk. Corrupt or foreign files are ignored, writes are atomic (rename).
// Synchronous file calls: the files are small, and fs/promises with its streams costs a one-shot
// CLI more at start-up than the writes take.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Platform } from './platform';

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

export class RegistryCache {
  private readonly manifests = new Map<string, CachedManifest>();
  private readonly configs = new Map<string, Platform>();
  private readonly tags = new Map<string, TagEntry>();

  /**
   * @param dir cache directory (`…/layerlint`), or null for memory only
   * @param tagTtlMs how long a tag → digest answer is trusted without asking the registry
   */
  constructor(
    readonly dir: string | null,
    readonly tagTtlMs = 5 * 60_000,
  ) {}

  private readonly madeDirs = new Set<string>();
  private seq = 0;

  /** Writes atomically (by rename); a cache that cannot be written is only slower. */
  private write(sub: string, name: string, data: string | Buffer): void {
    if (!this.dir) return;
    const file = join(this.dir, sub, name);
    const dir = dirname(file);
    const tmp = `${file}.${process.pid}.${(this.seq++).toString(36)}.tmp`;
    try {
      if (!this.madeDirs.has(dir)) {
        mkdirSync(dir, { recursive: true });
        this.madeDirs.add(dir);
      }
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    } catch {
      // Not cached, then.
      rmSync(tmp, { force: true });
    }
  }

  private read(sub: string, name: string): Buffer | undefined {
    if (!this.dir) return undefined;
    try {
      return readFileSync(join(this.dir, sub, name));
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

  getConfigPlatform(digest: string): Platform | undefined {
    const c = this.configs.get(digest);
    if (c) return c;
    const p = digestPath(digest);
    const raw = p && this.read('configs', p);
    if (!raw) return undefined;
    try {
      const j = JSON.parse(raw.toString('utf8')) as Platform;
      if (typeof j.os !== 'string' || typeof j.architecture !== 'string' || typeof j.variant !== 'string') return undefined;
      this.configs.set(digest, j);
      return j;
    } catch {
      return undefined;
    }
  }

  putConfigPlatform(digest: string, platform: Platform): void {
    this.configs.set(digest, platform);
    const p = digestPath(digest);
    if (p) this.write('configs', p, JSON.stringify(platform));
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
