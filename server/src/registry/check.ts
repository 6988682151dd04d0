// Checks images × target platforms: every image independent, bounded concurrency, one network
// resolution per distinct reference.
import { RegistryCache, defaultCacheDir, type CacheLimits } from './cache';
import { RegistryError } from './errors';
import { ManifestFetcher, type ResolvedManifest } from './manifest';
import { chooseInstance, findMislabeled, formatPlatform, isAttestation, parsePlatform, singleMatches, type Mislabel, type ConfigFacts } from './platform';
import { parseReference, type ImageReference } from './reference';
import { RegistryTransport, type Budget, type TransportOptions } from './transport';

export interface SourceLocation {
  path: string;
  /** 1-based line of the FROM instruction. */
  line: number;
}

export interface ImageToCheck {
  /** The reference as written, ARGs resolved. */
  image: string;
  /** Target platforms (`os/arch[/variant]`). */
  platforms: string[];
  source?: SourceLocation | null;
}

export type TargetStatus = 'ok' | 'missing' | 'error';

export interface TargetResult {
  platform: string;
  status: TargetStatus;
  /** Digest of the chosen instance (the manifest itself for a single-platform image). */
  instance: string | null;
  message: string;
}

export interface ImageResult {
  image: string;
  reference: string | null;
  source: SourceLocation | null;
  digest: string | null;
  mediaType: string | null;
  /** What the image offers, as labelled (attestations left out). */
  platforms: string[];
  error: string | null;
  results: TargetResult[];
  /** Entries labelled with names no runtime matches. */
  mislabeled: Array<{ label: string; canonical: string; digest: string }>;
  /** True when the reference is a single-platform manifest (no list). */
  single: boolean;
  /** Base labels of the image config (`containers.bootc`, `ostree.bootable`, `ostree.linux`), where the check read it: single-platform images. */
  labels?: Record<string, string>;
}

export interface CheckOptions extends TransportOptions {
  /** Cache directory; null for memory only. Default `$XDG_CACHE_HOME/layerlint`. */
  cacheDir?: string | null;
  /** How long a tag → digest answer is reused without asking the registry. Default 5 min. */
  tagTtlMs?: number;
  /** Age and size bounds of the disk cache. Default 30 days, 64 MiB, swept at most daily. */
  cacheLimits?: CacheLimits;
  /** Images checked at the same time. Default 16. */
  concurrency?: number;
}

interface Resolved {
  ref: ImageReference;
  manifest: ResolvedManifest;
  /** Config platform and base labels for a single-platform image. */
  config?: ConfigFacts;
}

/** Runs `fn` over `items` with at most `limit` at a time; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export class PlatformChecker {
  readonly transport: RegistryTransport;
  readonly fetcher: ManifestFetcher;
  private readonly concurrency: number;

  constructor(options: CheckOptions = {}) {
    this.transport = new RegistryTransport(options);
    const dir = options.cacheDir === undefined ? defaultCacheDir(options.env ?? process.env) : options.cacheDir;
    this.fetcher = new ManifestFetcher(this.transport, new RegistryCache(dir, options.tagTtlMs, options.cacheLimits));
    this.concurrency = options.concurrency ?? 16;
  }

  /** Closes connections. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  /** One image, within one deadline (the timeout) from its start, redirects, retries and waits included. */
  private async resolve(text: string, signal: AbortSignal | undefined): Promise<Resolved> {
    const ref = parseReference(text);
    const budget: Budget = { deadline: Date.now() + this.transport.timeoutMs, signal };
    const manifest = await this.fetcher.resolve(ref, budget);
    if (manifest.manifest.kind === 'image') {
      return { ref, manifest, config: await this.fetcher.configPlatform(ref, manifest.manifest.config.digest, budget) };
    }
    return { ref, manifest };
  }

  /**
   * Checks every image against its targets; never throws for registry trouble (it lands in `error`).
   * `signal` cancels the work under way (the results then say `check cancelled`).
   */
  async check(images: readonly ImageToCheck[], signal?: AbortSignal): Promise<ImageResult[]> {
    const memo = new Map<string, Promise<Resolved>>();
    const resolveOnce = (text: string) => {
      let p = memo.get(text);
      if (!p) {
        p = this.resolve(text, signal);
        p.catch(() => {});
        memo.set(text, p);
      }
      return p;
    };
    return mapLimit(images, this.concurrency, async (img) => {
      try {
        return evaluate(img, await resolveOnce(img.image));
      } catch (e) {
        const message = e instanceof RegistryError ? e.message : `internal error: ${(e as Error)?.message ?? e}`;
        let reference: string | null = null;
        try {
          reference = parseReference(img.image).normalized;
        } catch {
          // reported in message
        }
        return {
          image: img.image,
          reference,
          source: img.source ?? null,
          digest: null,
          mediaType: null,
          platforms: [],
          error: message,
          results: img.platforms.map((platform) => ({ platform, status: 'error' as const, instance: null, message })),
          mislabeled: [],
          single: false,
        };
      }
    });
  }
}

function mislabelsOf(list: Mislabel[]): ImageResult['mislabeled'] {
  return list.map((m) => ({ label: m.label, canonical: m.canonical, digest: m.entry.digest }));
}

/** The verdicts for one resolved image. */
export function evaluate(img: ImageToCheck, r: Resolved): ImageResult {
  const base = {
    image: img.image,
    reference: r.ref.normalized,
    source: img.source ?? null,
    digest: r.manifest.digest,
    mediaType: r.manifest.mediaType,
    error: null,
  };
  const m = r.manifest.manifest;
  if (m.kind === 'list') {
    const entries = m.entries.filter((e) => !isAttestation(e));
    const offered = entries.map((e) => formatPlatform(e.platform ?? {}));
    const results = img.platforms.map((platform): TargetResult => {
      const target = parsePlatform(platform)!;
      const choice = chooseInstance(m.listKind, entries, target);
      if ('error' in choice) return { platform, status: 'missing', instance: null, message: choice.error };
      return { platform, status: 'ok', instance: choice.instance.digest, message: `chooses ${formatPlatform(choice.instance.platform ?? {})}` };
    });
    return { ...base, platforms: offered, results, mislabeled: mislabelsOf(findMislabeled(entries)), single: false };
  }
  const config = r.config!;
  const label = formatPlatform(config);
  const results = img.platforms.map((platform): TargetResult => {
    const target = parsePlatform(platform)!;
    if (singleMatches(config, target)) return { platform, status: 'ok', instance: r.manifest.digest, message: `single-platform image for ${label}` };
    return {
      platform,
      status: 'missing',
      instance: null,
      message: `single-platform image for ${label}, not ${platform}: the pull succeeds (Podman only warns), but the container then fails with "exec format error"`,
    };
  });
  const mis = findMislabeled([{ digest: r.manifest.digest, platform: config }]);
  return { ...base, platforms: [label], results, mislabeled: mislabelsOf(mis), single: true, ...(config.labels ? { labels: config.labels } : {}) };
}

/** One-shot check with a fresh checker (closed afterwards). */
export async function checkImages(images: readonly ImageToCheck[], options: CheckOptions = {}): Promise<ImageResult[]> {
  const checker = new PlatformChecker(options);
  try {
    return await checker.check(images);
  } finally {
    await checker.close();
  }
}
