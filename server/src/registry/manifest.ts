// Manifests: the Accept header, media-type validation, digest verification, the cache protocol
// (tags: nothing inside the TTL, a HEAD after it; digests: immutable), and config blobs.
import { RegistryCache, digestWithAlgorithm, sha256Digest } from './cache';
import { RegistryError } from './errors';
import type { ConfigFacts, IndexEntry, ListKind } from './platform';
import type { ImageReference } from './reference';
import { MAX_MANIFEST_BYTES, type Budget, type RegistryResponse, type RegistryTransport, type RequestTarget } from './transport';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const ACCEPT = [OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');
const KNOWN = new Set([OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST]);
const GENERIC = new Set(['', 'application/json', 'application/octet-stream', 'text/plain']);

export type ParsedManifest = { kind: 'list'; listKind: ListKind; mediaType: string; entries: IndexEntry[] } | { kind: 'image'; mediaType: string; config: { digest: string } };

export interface ResolvedManifest {
  digest: string;
  mediaType: string;
  manifest: ParsedManifest;
}

/**
 * The digests the client uses (in URLs, cache paths and reports): anything else from a registry is
 * refused when the manifest is read (containers/image CVE-2024-3727: a digest `../../x?y` is a path).
 */
const VALID_DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
export const isValidDigest = (d: string) => VALID_DIGEST.test(d);
const DIGEST_FORM = 'sha256:<64 hex digits> or sha512:<128 hex digits>';

function contentTypeOf(header: string | null): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

function notManifest(contentType: string, why?: string): RegistryError {
  return new RegistryError('not-manifest', `not a manifest (content type ${contentType || 'missing'}${why ? `; ${why}` : ''})`);
}

/** Reads a manifest body; anything but the four accepted manifest kinds is `not a manifest`. */
export function parseManifest(body: Buffer, contentTypeHeader: string | null): ParsedManifest {
  const ct = contentTypeOf(contentTypeHeader);
  let j: { mediaType?: unknown; schemaVersion?: unknown; manifests?: unknown; config?: unknown };
  try {
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    j = parsed as typeof j;
  } catch {
    throw notManifest(ct, body.length === 0 ? 'empty body' : 'body is not JSON');
  }
  let mediaType: string | undefined;
  if (KNOWN.has(ct)) mediaType = ct;
  else if (GENERIC.has(ct)) {
    if (typeof j.mediaType === 'string' && KNOWN.has(j.mediaType)) mediaType = j.mediaType;
    else if (j.mediaType === undefined && j.schemaVersion === 2) mediaType = Array.isArray(j.manifests) ? OCI_INDEX : j.config ? OCI_MANIFEST : undefined;
  }
  if (!mediaType) throw notManifest(ct, typeof j.mediaType === 'string' && j.mediaType !== ct ? `media type ${j.mediaType}` : undefined);
  if (mediaType === OCI_INDEX || mediaType === DOCKER_LIST) {
    if (!Array.isArray(j.manifests)) throw notManifest(ct, 'no manifests array');
    const entries: IndexEntry[] = [];
    for (const m of j.manifests as unknown[]) {
      if (!m || typeof m !== 'object') continue;
      const e = m as { digest?: unknown; mediaType?: unknown; platform?: unknown; annotations?: unknown };
      if (typeof e.digest !== 'string') continue;
      if (!isValidDigest(e.digest)) throw notManifest(ct, `an entry's digest is not ${DIGEST_FORM}`);
      const p = e.platform && typeof e.platform === 'object' ? (e.platform as Record<string, unknown>) : undefined;
      entries.push({
        digest: e.digest,
        mediaType: typeof e.mediaType === 'string' ? e.mediaType : undefined,
        platform: p
          ? {
              os: typeof p.os === 'string' ? p.os : undefined,
              architecture: typeof p.architecture === 'string' ? p.architecture : undefined,
              variant: typeof p.variant === 'string' ? p.variant : undefined,
            }
          : undefined,
        annotations: e.annotations && typeof e.annotations === 'object' ? (e.annotations as Record<string, string>) : undefined,
      });
    }
    return { kind: 'list', listKind: mediaType === OCI_INDEX ? 'image index' : 'manifest list', mediaType, entries };
  }
  const config = j.config as { digest?: unknown } | undefined;
  if (!config || typeof config.digest !== 'string') throw notManifest(ct, 'no config');
  if (!isValidDigest(config.digest)) throw notManifest(ct, `the config digest is not ${DIGEST_FORM}`);
  return { kind: 'image', mediaType, config: { digest: config.digest } };
}

function registryErrorCodes(res: RegistryResponse): string[] {
  try {
    const j = JSON.parse(res.body.toString('utf8')) as { errors?: Array<{ code?: unknown }> };
    return (j.errors ?? []).map((e) => String(e.code ?? ''));
  } catch {
    return [];
  }
}

function statusError(target: RequestTarget, res: RegistryResponse, what: string): RegistryError {
  const codes = registryErrorCodes(res);
  if (res.status === 404 || codes.some((c) => c === 'MANIFEST_UNKNOWN' || c === 'NAME_UNKNOWN' || c === 'BLOB_UNKNOWN')) {
    return new RegistryError('not-found', what === 'manifest' ? 'no such image or tag' : `no such ${what} on ${target.host}`);
  }
  return new RegistryError('http', `${target.host} answered ${res.status}${codes.length ? ` (${codes.join(', ')})` : ''} for the ${what}`);
}

const tooLarge = (size: number | undefined) => `manifest too large (${size !== undefined ? `${size} bytes` : 'over the limit'}; containers/image refuses manifests over 4 MiB)`;

/** Image config labels that name a base family (bootc, ostree) or its kernel. */
export const BASE_LABELS: readonly string[] = ['containers.bootc', 'ostree.bootable', 'ostree.linux'];

function baseLabels(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const name of BASE_LABELS) {
    const v = (raw as Record<string, unknown>)[name];
    if (typeof v === 'string' && v.length <= 256) out[name] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

export class ManifestFetcher {
  constructor(
    private readonly transport: RegistryTransport,
    readonly cache: RegistryCache,
  ) {}

  private target(ref: ImageReference): RequestTarget {
    return { host: ref.apiHost, registry: ref.registry, repository: ref.repository };
  }

  /** GET a manifest by tag or digest; verifies a digest reference; caches by digest. */
  private async get(ref: ImageReference, tagOrDigest: string, budget?: Budget): Promise<ResolvedManifest> {
    const target = this.target(ref);
    const res = await this.transport.request(target, `/v2/${ref.repository}/manifests/${tagOrDigest}`, { method: 'GET', budget, accept: ACCEPT, maxBody: MAX_MANIFEST_BYTES, tooLarge });
    if (res.status !== 200) throw statusError(target, res, 'manifest');
    let digest: string;
    if (tagOrDigest.includes(':')) {
      const actual = digestWithAlgorithm(tagOrDigest, res.body);
      if (actual === undefined) throw new RegistryError('digest-mismatch', `digest mismatch: cannot verify ${tagOrDigest} (unsupported algorithm); content refused`);
      if (actual !== tagOrDigest) throw new RegistryError('digest-mismatch', `digest mismatch: expected ${tagOrDigest}, got ${actual}; content refused`);
      digest = tagOrDigest;
    } else {
      digest = sha256Digest(res.body);
    }
    const manifest = parseManifest(res.body, res.headers.get('content-type'));
    this.cache.putManifest(digest, { mediaType: manifest.mediaType, body: res.body });
    return { digest, mediaType: manifest.mediaType, manifest };
  }

  private fromCache(digest: string): ResolvedManifest | undefined {
    const m = this.cache.getManifest(digest);
    if (!m) return undefined;
    try {
      const manifest = parseManifest(m.body, m.mediaType);
      return { digest, mediaType: manifest.mediaType, manifest };
    } catch {
      return undefined;
    }
  }

  /** The manifest a reference points at, using the caches (README.md, "Base-image platforms": manifests by digest, tags for minutes). */
  async resolve(ref: ImageReference, budget?: Budget): Promise<ResolvedManifest> {
    if (ref.digest) return this.fromCache(ref.digest) ?? (await this.get(ref, ref.digest, budget));
    const key = `${ref.registry}/${ref.repository}:${ref.tag}`;
    const known = this.cache.getTag(key);
    if (known) {
      const cached = this.fromCache(known.digest);
      if (cached && this.cache.isFresh(known)) return cached;
      if (cached) {
        // Stale tag: a HEAD tells whether it still points at the cached digest.
        const target = this.target(ref);
        const head = await this.transport.request(target, `/v2/${ref.repository}/manifests/${ref.tag}`, { method: 'HEAD', budget, accept: ACCEPT, maxBody: 0, tooLarge });
        if (head.status === 404) throw statusError(target, head, 'manifest');
        const digest = head.status === 200 ? head.headers.get('docker-content-digest') : null;
        if (digest && isValidDigest(digest)) {
          const again = this.fromCache(digest) ?? (await this.get(ref, digest, budget));
          this.cache.putTag(key, digest);
          return again;
        }
      }
    }
    const got = await this.get(ref, ref.tag!, budget);
    this.cache.putTag(key, got.digest);
    return got;
  }

  /** os/architecture/variant and the base labels from an image's config blob (cached by digest). */
  async configPlatform(ref: ImageReference, digest: string, budget?: Budget): Promise<ConfigFacts> {
    const cached = this.cache.getConfigPlatform(digest);
    if (cached) return cached;
    const target = this.target(ref);
    const res = await this.transport.request(target, `/v2/${ref.repository}/blobs/${digest}`, {
      method: 'GET',
      budget,
      maxBody: MAX_MANIFEST_BYTES,
      tooLarge: (n) => `image config too large (${n ?? 'over 4 MiB'} bytes)`,
    });
    if (res.status !== 200) throw statusError(target, res, 'image config');
    const actual = digestWithAlgorithm(digest, res.body);
    if (actual !== digest) throw new RegistryError('digest-mismatch', `digest mismatch: image config expected ${digest}, got ${actual ?? 'an unverifiable body'}; content refused`);
    let j: { os?: unknown; architecture?: unknown; variant?: unknown; config?: { Labels?: unknown } | null };
    try {
      j = JSON.parse(res.body.toString('utf8')) as typeof j;
    } catch {
      throw new RegistryError('not-manifest', `not an image config (content type ${contentTypeOf(res.headers.get('content-type')) || 'missing'}; body is not JSON)`);
    }
    const labels = baseLabels(j.config?.Labels);
    const platform: ConfigFacts = {
      os: typeof j.os === 'string' ? j.os : '',
      architecture: typeof j.architecture === 'string' ? j.architecture : '',
      variant: typeof j.variant === 'string' ? j.variant : '',
      ...(labels ? { labels } : {}),
    };
    this.cache.putConfigPlatform(digest, platform);
    return platform;
  }
}
