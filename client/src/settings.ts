// What the client answers to the server's `workspace/configuration` requests: the user's settings,
// with the generic Dockerfile features switched off while a Docker extension provides them. vscode-free.
import { SETTINGS_SECTION } from '../../server/src/protocol';
import type { ConflictingExtension } from './conflicts';

const GENERIC_OFF = { diagnostics: false, completion: false, hover: false } as const;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The value of configuration `section` (as requested by the server) with the overrides applied.
 * Handles the whole `layerlint` section, `layerlint.dockerfile`, its three leaves, and a request
 * for the whole configuration (no section). Other sections pass through unchanged.
 */
export function applyConflictOverrides(section: string | undefined | null, value: unknown, conflicts: readonly ConflictingExtension[]): unknown {
  if (conflicts.length === 0) return value;
  const S = SETTINGS_SECTION;
  if (!section) {
    if (!isObject(value)) return value;
    return { ...value, [S]: applyConflictOverrides(S, value[S], conflicts) };
  }
  if (section === S) {
    const v = isObject(value) ? value : {};
    const dockerfile = isObject(v.dockerfile) ? v.dockerfile : {};
    return { ...v, dockerfile: { ...dockerfile, ...GENERIC_OFF } };
  }
  if (section === `${S}.dockerfile`) return { ...(isObject(value) ? value : {}), ...GENERIC_OFF };
  const leaf = /^layerlint\.dockerfile\.(diagnostics|completion|hover)$/.exec(section);
  if (leaf) return false;
  return value;
}

/** Applies the overrides to a `workspace/configuration` answer, item by item. */
export function mapConfigurationResult(
  items: readonly { section?: string | null }[],
  results: readonly unknown[],
  conflicts: readonly ConflictingExtension[],
): unknown[] {
  return results.map((r, i) => applyConflictOverrides(items[i]?.section, r, conflicts));
}
