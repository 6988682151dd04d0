// Choosing an image instance exactly as containers/image does (https://github.com/containers/image,
// its platform matcher; docs/rules/base-platform-missing.md).
import { formatPlatform, parsePlatform, type Platform } from '../reference/platform-name';

/** What the platform check keeps of an image config: its platform, and the labels that say what kind of base it is. */
export interface ConfigFacts extends Platform {
  labels?: Record<string, string>;
}

export { formatPlatform, parsePlatform, type Platform };

/** One entry of a manifest list / image index. */
export interface IndexEntry {
  digest: string;
  mediaType?: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export type ListKind = 'manifest list' | 'image index';

/** Variant compatibility: a target variant accepts the variants after it. */
const COMPATIBILITY: Record<string, string[]> = { arm: ['v7', 'v6', 'v5'], arm64: ['v8'] };

/** The wanted platforms, most preferred first, for a target as --override-os/-arch/-variant mean it. */
export function wantedPlatforms(target: Platform): Platform[] {
  const table = COMPATIBILITY[target.architecture];
  let variants: string[];
  if (target.variant) {
    const i = table ? table.indexOf(target.variant) : -1;
    variants = i >= 0 ? [...table!.slice(i), ''] : [target.variant, ''];
  } else {
    variants = ['', ...(table ?? [])];
  }
  return variants.map((variant) => ({ os: target.os, architecture: target.architecture, variant }));
}

/** Attestation entries (BuildKit provenance/SBOM) are not platforms. */
export function isAttestation(entry: IndexEntry): boolean {
  return entry.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}

function sameAs(entry: IndexEntry['platform'], want: Platform): boolean {
  return !!entry && entry.os === want.os && entry.architecture === want.architecture && (entry.variant ?? '') === want.variant;
}

export type Choice = { instance: IndexEntry; platform: Platform } | { error: string };

/** The runtime's error text when nothing matches (containers/image wording). */
export function noMatchError(kind: ListKind, target: Platform): string {
  const first = wantedPlatforms(target)[0];
  return `choosing image instance: no image found in ${kind} for architecture ${first.architecture}, variant ${JSON.stringify(first.variant)}, OS ${first.os}`;
}

/**
 * For each wanted platform in order, the first entry (in list order) whose os, architecture and
 * variant are exactly equal wins. Entries are never normalised.
 */
export function chooseInstance(kind: ListKind, entries: readonly IndexEntry[], target: Platform): Choice {
  for (const want of wantedPlatforms(target)) {
    for (const e of entries) if (sameAs(e.platform, want)) return { instance: e, platform: want };
  }
  return { error: noMatchError(kind, target) };
}

/** A single-platform image (no list): does its config's platform satisfy the target? */
export function singleMatches(config: Platform, target: Platform): boolean {
  return wantedPlatforms(target).some((w) => w.os === config.os && w.architecture === config.architecture && w.variant === config.variant);
}

const KNOWN_OS = ['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'plan9', 'dragonfly', 'js', 'wasip1'];
const ARCH_ALIASES: Record<string, string> = {
  aarch64: 'arm64',
  arm64v8: 'arm64',
  armv8: 'arm64',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  x64: 'amd64',
  amd64v1: 'amd64',
  i386: '386',
  i486: '386',
  i586: '386',
  i686: '386',
  x86: '386',
  armhf: 'arm/v7',
  armv7: 'arm/v7',
  armv7l: 'arm/v7',
  armv7hl: 'arm/v7',
  armel: 'arm/v5',
  armv6: 'arm/v6',
  armv6l: 'arm/v6',
  armv5: 'arm/v5',
  armv5l: 'arm/v5',
  ppc64el: 'ppc64le',
  powerpc64le: 'ppc64le',
  s390: 's390x',
  riscv: 'riscv64',
};

export interface Mislabel {
  entry: IndexEntry;
  /** As labelled: `linux/aarch64`. */
  label: string;
  /** What a runtime would match: `linux/arm64`. */
  canonical: string;
}

/** Entries labelled with names no runtime matches (aarch64, x86_64, armhf, i386, OS `Linux`…). */
export function findMislabeled(entries: readonly IndexEntry[]): Mislabel[] {
  const out: Mislabel[] = [];
  for (const e of entries) {
    if (isAttestation(e) || !e.platform) continue;
    const os = e.platform.os ?? '';
    const arch = e.platform.architecture ?? '';
    let fixedOs = os;
    let fixedArch = arch;
    let fixedVariant = e.platform.variant ?? '';
    const lowerOs = os.toLowerCase();
    if (os !== lowerOs && KNOWN_OS.includes(lowerOs)) fixedOs = lowerOs;
    const alias =
      ARCH_ALIASES[arch.toLowerCase()] ??
      (arch !== arch.toLowerCase() && Object.values(ARCH_ALIASES).concat(['arm64', 'amd64', 'arm', 'ppc64le', 's390x', 'riscv64', '386']).includes(arch.toLowerCase())
        ? arch.toLowerCase()
        : undefined);
    if (alias) {
      const [a, v] = alias.split('/');
      fixedArch = a;
      if (v && !fixedVariant) fixedVariant = v;
    }
    if (/^\d+$/.test(fixedVariant) && (fixedArch === 'arm' || fixedArch === 'arm64')) fixedVariant = `v${fixedVariant}`;
    if (fixedOs !== os || fixedArch !== arch || fixedVariant !== (e.platform.variant ?? '')) {
      out.push({ entry: e, label: formatPlatform(e.platform), canonical: formatPlatform({ os: fixedOs, architecture: fixedArch, variant: fixedVariant }) });
    }
  }
  return out;
}
