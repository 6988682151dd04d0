// Hosts marked `insecure = true` in containers-registries.conf(5) (v2 `[[registry]]` tables and the v1
// `[registries.insecure] registries = [...]` list). Only what the platform check needs is read.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function registriesConfPaths(env: NodeJS.ProcessEnv): string[] {
  if (env.CONTAINERS_REGISTRIES_CONF) return [env.CONTAINERS_REGISTRIES_CONF];
  const home = env.HOME || homedir();
  return [join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'registries.conf'), '/etc/containers/registries.conf'];
}

function stringsIn(value: string): string[] {
  return [...value.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
}

/** Insecure locations declared in one registries.conf text. */
export function parseInsecure(text: string): string[] {
  const out: string[] = [];
  let table = '';
  let location: string | undefined;
  let insecure = false;
  const endRegistry = () => {
    if (table === '[[registry]]' && insecure && location) out.push(location);
    location = undefined;
    insecure = false;
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
      if (m[1] === 'location') location = stringsIn(value)[0];
      else if (m[1] === 'insecure') insecure = value === 'true';
    } else if (table === '[registries.insecure]' && m[1] === 'registries') {
      out.push(...stringsIn(value));
    }
  }
  endRegistry();
  // A location may carry a repository path; the transport decides per host.
  return out.map((l) => l.split('/')[0]).filter(Boolean);
}

/** Insecure hosts from the first registries.conf that exists. */
export function insecureFromRegistriesConf(env: NodeJS.ProcessEnv = process.env): string[] {
  for (const p of registriesConfPaths(env)) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    return parseInsecure(text);
  }
  return [];
}
