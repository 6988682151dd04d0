// Target platforms for the platform check. vscode-free.

/** Offered in the Quick Pick beside the configured targets. */
export const KNOWN_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64', 'linux/ppc64le', 'linux/s390x', 'linux/arm/v7', 'linux/arm/v6', 'linux/386', 'linux/riscv64'];

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/** `os/arch[/variant]`, lower case. */
export function isPlatform(s: string): boolean {
  return PLATFORM.test(s);
}

export interface PlatformItem {
  label: string;
  description?: string;
  picked: boolean;
}

/** The Quick Pick entries: configured targets first (picked), then the well-known others. */
export function platformItems(configured: readonly string[], picked: readonly string[] = configured): PlatformItem[] {
  const seen = new Set<string>();
  const out: PlatformItem[] = [];
  for (const p of [...configured, ...picked, ...KNOWN_PLATFORMS]) {
    if (seen.has(p)) continue;
    seen.add(p);
    out.push({ label: p, description: configured.includes(p) ? 'layerlint.platforms' : undefined, picked: picked.includes(p) });
  }
  return out;
}

/** Parses a typed list (`linux/amd64, linux/arm64 linux/s390x`). */
export function parsePlatforms(input: string): { platforms: string[]; invalid: string[] } {
  const platforms: string[] = [];
  const invalid: string[] = [];
  for (const t of input.split(/[\s,]+/).filter(Boolean)) {
    const p = t.toLowerCase();
    if (!isPlatform(p)) invalid.push(t);
    else if (!platforms.includes(p)) platforms.push(p);
  }
  return { platforms, invalid };
}
