// `.layerlint.yaml` for the language server: the nearest one above each document (file: URIs), read once
// and kept until the client reports a change to any such file (workspace/didChangeWatchedFiles, which
// the server registers for). Editor settings override it; registry trust never comes from it.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, findConfigFile, loadConfigFile, type ProjectConfig } from '../config/project-config';
import { DEFAULT_SETTINGS, type LayerlintSettings } from '../../../shared/protocol';

export const CONFIG_FILE_GLOB = '**/.layerlint.{yaml,yml}';

export class ProjectConfigs {
  private readonly byDirectory = new Map<string, ProjectConfig | undefined>();
  private readonly reported = new Set<string>();

  /** `report` is told once about each broken configuration file (file, line and key in the text). */
  constructor(private readonly report: (problems: string) => void) {}

  forUri(uri: string): ProjectConfig | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let dir: string;
    try {
      dir = dirname(fileURLToPath(uri));
    } catch {
      return undefined;
    }
    if (this.byDirectory.has(dir)) return this.byDirectory.get(dir);
    let config: ProjectConfig | undefined;
    const path = findConfigFile(dir);
    if (path) {
      try {
        config = loadConfigFile(path);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        const text = e.problems.join('\n');
        if (!this.reported.has(text)) {
          this.reported.add(text);
          this.report(text);
        }
      }
    }
    this.byDirectory.set(dir, config);
    return config;
  }

  /** A configuration file was created, changed or deleted: read them all again. */
  changed(): void {
    this.byDirectory.clear();
    this.reported.clear();
  }
}

/** The editor's settings over the project's file: a setting the user gave wins, key by key. */
export function withProjectConfig(settings: LayerlintSettings, config: ProjectConfig | undefined): LayerlintSettings {
  // Platforms the editor sends win, even the default list written out; none sent: the file's, else the default.
  const platforms = settings.platforms.length ? settings.platforms : (config?.platforms ?? DEFAULT_SETTINGS.platforms);
  if (!config) return { ...settings, platforms };
  return {
    ...settings,
    severities: { ...config.severities, ...settings.severities },
    buildArgs: { ...config.buildArgs, ...settings.buildArgs },
    rpmOstreeVersion: settings.rpmOstreeVersion ?? config.rpmOstreeVersion ?? null,
    // The editor's patterns first: the first matching pattern wins.
    bases: { ...settings.bases, ...Object.fromEntries(Object.entries(config.bases).filter(([pattern]) => !(pattern in settings.bases))) },
    platforms,
  };
}
