// `insecure` from containers-registries.conf(5) and its drop-ins (registries.conf.d/*.conf): v2
// `[[registry]]` tables (prefix, location, insecure) and the v1 `[registries.insecure]` list. An entry
// covers the references its prefix matches as containers/image matches them (sysregistriesv2): the
// longest matching prefix decides, a prefix with a path covers only that namespace, and `*.example.com`
// covers subdomains. Unlike containers/image (which calls it unintended), a prefix without a port does
// not cover the host's other ports. Only what the platform check needs is read.
import { readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RegistryEntry {
  /** What references the entry covers (its location when not given). */
  prefix: string;
  location: string;
  insecure: boolean;
}

function configHome(env: NodeJS.ProcessEnv): string {
  return env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
}

/** The main file candidates, first existing one wins. */
export function registriesConfPaths(env: NodeJS.ProcessEnv): string[] {
  if (env.CONTAINERS_REGISTRIES_CONF) return [env.CONTAINERS_REGISTRIES_CONF];
  return [join(configHome(env), 'containers', 'registries.conf'), '/etc/containers/registries.conf'];
}

/** Drop-in folders, system first; a user file of the same name replaces the system one. */
export function registriesConfDirs(env: NodeJS.ProcessEnv): string[] {
  return ['/etc/containers/registries.conf.d', join(configHome(env), 'containers', 'registries.conf.d')];
}

function stringsIn(value: string): string[] {
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
}

/** `location`/`prefix` as containers/image keeps them: trailing slashes dropped; schemes refused. */
function cleanLocation(value: string | undefined): string | undefined {
  const v = value?.replace(/\/+$/, '');
  if (!v || /^https?:\/\//.test(v)) return undefined;
  return v;
}

/** The registry entries of one registries.conf text (v1 insecure entries as entries of their own). */
export function parseRegistriesConf(text: string): RegistryEntry[] {
  const out: RegistryEntry[] = [];
  let table = '';
  let fields: { location?: string; prefix?: string; insecure: boolean } = { insecure: false };
  const endRegistry = () => {
    if (table === '[[registry]]') {
      const location = cleanLocation(fields.location);
      const prefix = fields.prefix !== undefined ? cleanLocation(fields.prefix) : location;
      // A location given but invalid makes the entry invalid; a missing one means the prefix itself.
      if (prefix && (fields.location === undefined || location)) out.push({ prefix, location: location ?? prefix, insecure: fields.insecure });
    }
    fields = { insecure: false };
  };
  const lines = text.split('\n').map((l) => l.replace(/(^|\s)#.*$/, '').trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    if (line.startsWith('[')) {
      endRegistry();
      table = line.replace(/\s+/g, '');
      continue;
    }
    const m = /^([A-Za-z0-9_.-]+)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2];
    if (value.startsWith('[') && !value.includes(']')) {
      while (i + 1 < lines.length && !value.includes(']')) value += ` ${lines[++i]}`;
    }
    if (table === '[[registry]]') {
      if (m[1] === 'location') fields.location = stringsIn(value)[0];
      else if (m[1] === 'prefix') fields.prefix = stringsIn(value)[0];
      else if (m[1] === 'insecure') fields.insecure = value === 'true';
    } else if (table === '[registries.insecure]' && m[1] === 'registries') {
      for (const l of stringsIn(value)) {
        const location = cleanLocation(l);
        if (location) out.push({ prefix: location, location, insecure: true });
      }
    }
  }
  endRegistry();
  return out;
}

/**
 * Length of `prefix` when it covers `ref` (`host[:port][/path…]`), else -1. `*.example.com` covers
 * the subdomains of example.com on any port.
 */
export function prefixMatch(ref: string, prefix: string): number {
  const r = ref.toLowerCase();
  const p = prefix.toLowerCase();
  if (p.startsWith('*.')) {
    const host = r.split('/')[0].replace(/:\d+$/, '');
    return host.endsWith(p.slice(1)) && host.length > p.length - 1 ? p.length : -1;
  }
  if (r === p) return p.length;
  // A prefix covers its namespace: the next character starts a path component (never a port).
  return r.startsWith(p) && r[p.length] === '/' ? p.length : -1;
}

/** Reads the registry entries: the main file, then the drop-ins in name order (later prefixes replace earlier ones). */
export function registriesConf(env: NodeJS.ProcessEnv = process.env): RegistryEntry[] {
  const byPrefix = new Map<string, RegistryEntry>();
  const add = (text: string) => {
    for (const e of parseRegistriesConf(text)) {
      byPrefix.delete(e.prefix);
      byPrefix.set(e.prefix, e);
    }
  };
  for (const p of registriesConfPaths(env)) {
    try {
      add(readFileSync(p, 'utf8'));
      break;
    } catch {
      // next candidate
    }
  }
  const dropIns = new Map<string, string>();
  for (const dir of registriesConfDirs(env)) {
    try {
      for (const name of readdirSync(dir)) if (name.endsWith('.conf')) dropIns.set(name, join(dir, name));
    } catch {
      // no such folder
    }
  }
  for (const name of [...dropIns.keys()].sort()) {
    try {
      add(readFileSync(dropIns.get(name)!, 'utf8'));
    } catch {
      // unreadable: ignored, as a missing file
    }
  }
  return [...byPrefix.values()];
}

/**
 * Whether registries.conf marks `ref` (`host[:port]` or `host[:port]/repository`) insecure: the entry
 * with the longest matching prefix decides. An entry whose prefix names another host than its location
 * rewrites references to a mirror, which the platform check does not do: it marks nothing.
 */
export function insecureByRegistriesConf(entries: readonly RegistryEntry[], ref: string): boolean {
  let best: RegistryEntry | undefined;
  let bestLength = -1;
  for (const e of entries) {
    const n = prefixMatch(ref, e.prefix);
    if (n > bestLength) {
      best = e;
      bestLength = n;
    }
  }
  if (!best) return false;
  const host = (s: string) => s.split('/')[0].toLowerCase();
  return best.insecure && (best.prefix.startsWith('*.') || host(best.prefix) === host(best.location));
}
