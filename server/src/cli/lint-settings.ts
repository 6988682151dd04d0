// What `layerlint lint` applies to each file: the command line over LAYERLINT_* environment variables over
// the file's `.layerlint.yaml` (the nearest one above it, or --config / LAYERLINT_CONFIG) over defaults.
import { dirname } from 'node:path';
import { RULES_BY_CODE, type LintOptions, type SeveritySetting } from '../engine';
import { ConfigError, findConfigFile, loadConfigFile, type ProjectConfig } from '../config/project-config';
import { UsageError } from './args';
import { parseFailureThreshold, type FailureThreshold } from './failure-threshold';

const LEVELS: Record<string, SeveritySetting> = { off: 'off', error: 'error', warning: 'warning', info: 'information', information: 'information', hint: 'hint' };

function knownCode(code: string, from: string): string {
  if (!RULES_BY_CODE.has(code)) throw new UsageError(`${from}: unknown rule "${code}" (layerlint rules lists them)`);
  return code;
}

const list = (values: readonly string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);

/** `--severity code=level` and `--ignore code` (repeatable, comma lists allowed) as severity overrides. */
export function severityOverrides(severity: readonly string[], ignored: readonly string[], from: { severity: string; ignore: string }): Record<string, SeveritySetting> {
  const out: Record<string, SeveritySetting> = {};
  for (const item of list(severity)) {
    const eq = item.indexOf('=');
    const level = LEVELS[item.slice(eq + 1)];
    if (eq <= 0 || !level) throw new UsageError(`${from.severity} expects code=off|error|warning|info|hint, got "${item}"`);
    out[knownCode(item.slice(0, eq), from.severity)] = level;
  }
  for (const code of list(ignored)) out[knownCode(code, from.ignore)] = 'off';
  return out;
}

/** Settings from the command line and the environment, before any configuration file. */
export interface CommandSettings {
  configPath?: string;
  severities: Record<string, SeveritySetting>;
  failureThreshold?: FailureThreshold;
  buildArgs: Record<string, string>;
  rpmOstreeVersion?: string;
  platforms?: string[];
}

/** LAYERLINT_CONFIG, LAYERLINT_SEVERITY (code=level,…), LAYERLINT_IGNORE (code,…), LAYERLINT_FAILURE_THRESHOLD. */
export function environmentSettings(env: NodeJS.ProcessEnv): Pick<CommandSettings, 'configPath' | 'severities' | 'failureThreshold'> {
  return {
    configPath: env.LAYERLINT_CONFIG || undefined,
    severities: severityOverrides(env.LAYERLINT_SEVERITY ? [env.LAYERLINT_SEVERITY] : [], env.LAYERLINT_IGNORE ? [env.LAYERLINT_IGNORE] : [], {
      severity: 'LAYERLINT_SEVERITY',
      ignore: 'LAYERLINT_IGNORE',
    }),
    failureThreshold: env.LAYERLINT_FAILURE_THRESHOLD ? parseFailureThreshold(env.LAYERLINT_FAILURE_THRESHOLD, 'LAYERLINT_FAILURE_THRESHOLD') : undefined,
  };
}

export interface FileSettings {
  options: LintOptions;
  failureThreshold: FailureThreshold;
  platforms?: string[];
  config?: ProjectConfig;
}

/** Finds, reads (once per file) and merges the configuration of each linted file. */
export class SettingsResolver {
  private readonly byDirectory = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, ProjectConfig>();

  constructor(private readonly command: CommandSettings) {}

  /** The settings for a file (`dir` is where its configuration is searched from). Throws ConfigError. */
  forDirectory(dir: string): FileSettings {
    const path = this.command.configPath ?? this.configFileFor(dir);
    const config = path === undefined ? undefined : this.load(path);
    const c = this.command;
    return {
      config,
      options: {
        severities: { ...config?.severities, ...c.severities },
        buildArgs: { ...config?.buildArgs, ...c.buildArgs },
        rpmOstreeVersion: c.rpmOstreeVersion ?? config?.rpmOstreeVersion,
        bases: config?.bases,
      },
      failureThreshold: c.failureThreshold ?? config?.failureThreshold ?? 'error',
      platforms: c.platforms ?? config?.platforms,
    };
  }

  forFile(path: string): FileSettings {
    return this.forDirectory(dirname(path));
  }

  private configFileFor(dir: string): string | undefined {
    if (!this.byDirectory.has(dir)) this.byDirectory.set(dir, findConfigFile(dir));
    return this.byDirectory.get(dir);
  }

  private load(path: string): ProjectConfig {
    let config = this.loaded.get(path);
    if (!config) {
      config = loadConfigFile(path);
      this.loaded.set(path, config);
    }
    return config;
  }
}

export { ConfigError };
