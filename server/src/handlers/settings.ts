// Settings: pulled per document with `workspace/configuration` (section `layerlint`), re-pulled on
// `workspace/didChangeConfiguration`; pushed settings or initializationOptions when the client
// cannot be asked. Malformed values fall back to the defaults, never to an exception.
import type { Connection } from 'vscode-languageserver/node';
import { DECLARED_BASE_NAMES, type LintOptions, type PlatformVerdicts, type SeveritySetting } from '../engine';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type LayerlintSettings } from '../../../shared/protocol';
import { withProjectConfig, type ProjectConfigs } from './project-config';

const SEVERITY_SETTINGS = new Set<SeveritySetting>(['off', 'error', 'warning', 'information', 'hint']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined);

function stringRecord<T extends string>(v: unknown, accept: (s: string) => s is T): Record<string, T> {
  const out: Record<string, T> = {};
  if (isObject(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string' && accept(val)) out[k] = val;
  return out;
}

/** Reads a (possibly partial or malformed) settings value over the defaults. */
export function normalizeSettings(raw: unknown): LayerlintSettings {
  const r = isObject(raw) ? raw : {};
  const dockerfile = isObject(r.dockerfile) ? r.dockerfile : {};
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  return {
    severities: stringRecord(r.severities, (s): s is SeveritySetting => SEVERITY_SETTINGS.has(s as SeveritySetting)),
    buildArgs: stringRecord(r.buildArgs, (_s): _s is string => true),
    rpmOstreeVersion: typeof r.rpmOstreeVersion === 'string' && r.rpmOstreeVersion.trim() ? r.rpmOstreeVersion.trim() : null,
    bases: stringRecord(r.bases, (s): s is string => DECLARED_BASE_NAMES.includes(s)),
    dockerfile: {
      diagnostics: bool(dockerfile.diagnostics, DEFAULT_SETTINGS.dockerfile.diagnostics),
      completion: bool(dockerfile.completion, DEFAULT_SETTINGS.dockerfile.completion),
      hover: bool(dockerfile.hover, DEFAULT_SETTINGS.dockerfile.hover),
    },
    // Empty: not set in the editor (withProjectConfig takes `.layerlint.yaml`'s, else the default).
    platforms: strings(r.platforms)?.filter(Boolean) ?? [],
    insecureRegistries: strings(r.insecureRegistries) ?? [],
    authFile: typeof r.authFile === 'string' && r.authFile ? r.authFile : null,
  };
}

export function lintOptionsOf(s: LayerlintSettings, platformVerdicts?: PlatformVerdicts): LintOptions {
  return { buildArgs: s.buildArgs, rpmOstreeVersion: s.rpmOstreeVersion ?? undefined, severities: s.severities, bases: s.bases, ...(platformVerdicts ? { platformVerdicts } : {}) };
}

export class SettingsStore {
  private readonly pulled = new Map<string, Promise<LayerlintSettings>>();
  private pushed: LayerlintSettings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initial: unknown,
    private readonly projectConfigs?: ProjectConfigs,
  ) {
    this.pushed = normalizeSettings(initial);
  }

  /** The settings for a document (cached until the configuration changes), over its `.layerlint.yaml`. */
  async forUri(uri: string): Promise<LayerlintSettings> {
    return withProjectConfig(await this.editorSettings(uri), this.projectConfigs?.forUri(uri));
  }

  private editorSettings(uri: string): Promise<LayerlintSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let p = this.pulled.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        // A client with nothing configured answers null: the initializationOptions settings stand.
        (raw: unknown) => (raw === null || raw === undefined ? this.pushed : normalizeSettings(raw)),
        () => this.pushed,
      );
      this.pulled.set(uri, p);
    }
    return p;
  }

  /** `workspace/didChangeConfiguration`: forget pulled settings; take pushed ones if given. */
  changed(pushedSettings: unknown): void {
    this.pulled.clear();
    if (isObject(pushedSettings) && SETTINGS_SECTION in pushedSettings) this.pushed = normalizeSettings(pushedSettings[SETTINGS_SECTION]);
  }

  forget(uri: string): void {
    this.pulled.delete(uri);
  }
}
