// `.layerlint.yaml` (or `.layerlint.yml`): a repository's Layerlint configuration, shared by the CLI and
// the language server. Validated against schema/layerlint.schema.json (shipped in the package); every
// error names the file, the line and column, and the key. Registry trust (insecure registries, the auth
// file) is never read from here: a cloned repository must not turn off TLS or redirect credentials.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, type ProjectConfig } from './types';

export { ConfigError, type ConfigFailureThreshold, type ProjectConfig } from './types';

export const CONFIG_FILE_NAMES = ['.layerlint.yaml', '.layerlint.yml'] as const;

/** The configuration file that applies to a file in `dir`: the nearest one in dir or above it. */
export function findConfigFile(dir: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(d, name);
      if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    if (dirname(d) === d) return undefined;
  }
}

/** Reads and validates a configuration file; throws ConfigError naming file, line, column and key. */
export function loadConfigFile(path: string): ProjectConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new ConfigError([`${path}: cannot read: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}`]);
  }
  // The YAML parser and the schema validator load only when a configuration file exists.
  const { parseConfig } = require('./parse-config') as typeof import('./parse-config');
  return parseConfig(text, path);
}
