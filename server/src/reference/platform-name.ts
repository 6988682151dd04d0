// Target platforms as written in settings, on the command line and in `FROM --platform=`:
// `os/arch[/variant]`. The one place that reads them; the default targets are the protocol's
// (shared/protocol.ts, where the client sees them too).
import { DEFAULT_PLATFORMS } from '../../../shared/protocol';

export interface Platform {
  os: string;
  architecture: string;
  /** "" when none. */
  variant: string;
}

export { DEFAULT_PLATFORMS };

/** `linux/arm64/v8` → Platform; undefined for malformed text. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '' || /\s/.test(p))) return undefined;
  return { os: parts[0], architecture: parts[1], variant: parts[2] ?? '' };
}

export function formatPlatform(p: { os?: string; architecture?: string; variant?: string }): string {
  return `${p.os || 'unknown'}/${p.architecture || 'unknown'}${p.variant ? `/${p.variant}` : ''}`;
}

/** The first entry of a target list that is no `os/arch[/variant]` string; undefined when all are. */
export function invalidPlatform(values: readonly unknown[]): { value: unknown } | undefined {
  for (const value of values) if (typeof value !== 'string' || !parsePlatform(value)) return { value };
  return undefined;
}

/** The targets to check: the given ones without repeats, the defaults when none are given. */
export function targetPlatforms(values: readonly string[] | undefined): string[] {
  return [...new Set(values && values.length ? values : DEFAULT_PLATFORMS)];
}
