// What the client answers to the server's `workspace/configuration` requests: the user's settings,
// with the generic Dockerfile features switched off while a Docker extension provides them, and
// without the defaults of settings `.layerlint.yaml` may give (VS Code fills in the default of every
// setting; the server must see only what the user set, so the file applies otherwise). vscode-free.
import { SETTINGS_SECTION } from '../../shared/protocol';
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

/** Settings with a non-empty default that `.layerlint.yaml` may also give. */
export const PROJECT_CONFIG_KEYS = ['platforms'] as const;

/** Whether the user set `layerlint.<key>` (at any level) for the resource `scopeUri`. */
export type IsSet = (scopeUri: string | undefined, key: string) => boolean;

/** The value of `section` without the defaults of PROJECT_CONFIG_KEYS the user did not set. */
export function withoutUnsetDefaults(section: string | undefined | null, value: unknown, scopeUri: string | undefined, isSet: IsSet): unknown {
  const S = SETTINGS_SECTION;
  if (!section) return isObject(value) && isObject(value[S]) ? { ...value, [S]: withoutUnsetDefaults(S, value[S], scopeUri, isSet) } : value;
  if (section === S && isObject(value)) {
    const out = { ...value };
    for (const key of PROJECT_CONFIG_KEYS) if (!isSet(scopeUri, key)) delete out[key];
    return out;
  }
  const leaf = section.startsWith(`${S}.`) ? section.slice(S.length + 1) : undefined;
  return leaf && (PROJECT_CONFIG_KEYS as readonly string[]).includes(leaf) && !isSet(scopeUri, leaf) ? null : value;
}

/** Applies the overrides to a `workspace/configuration` answer, item by item. */
export function mapConfigurationResult(
  items: readonly { section?: string | null; scopeUri?: string }[],
  results: readonly unknown[],
  conflicts: readonly ConflictingExtension[],
  isSet?: IsSet,
): unknown[] {
  return results.map((r, i) => {
    const value = isSet ? withoutUnsetDefaults(items[i]?.section, r, items[i]?.scopeUri, isSet) : r;
    return applyConflictOverrides(items[i]?.section, value, conflicts);
  });
}
