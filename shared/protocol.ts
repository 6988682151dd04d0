// The contract between the language server and its clients (the VS Code extension, tests, other
// editors): the settings the server pulls and the custom requests/notifications it understands.
// Plain types and method names only: the extension's first bundle imports it without pulling in a
// language-client library, and nothing here sees the server's source (the typed request objects are
// in server/src/requests.ts and client/src/requests.ts).
import type { Diagnostic } from 'vscode-languageserver-types';

/** A rule's severity, or off (the engine's SeveritySetting). */
export type SeveritySetting = 'off' | 'error' | 'warning' | 'information' | 'hint';

/** The targets of a platform check when none are configured. */
export const DEFAULT_PLATFORMS: readonly string[] = ['linux/amd64', 'linux/arm64'];

/** The configuration section the server pulls with `workspace/configuration` (per document URI). */
export const SETTINGS_SECTION = 'layerlint';

/** Settings under `layerlint.*`; every field is optional on the wire, the server fills defaults. */
export interface LayerlintSettings {
  /** Per-rule severity overrides, e.g. `{ "dracut-hostonly": "error", "initramfs-unverified": "off" }`. */
  severities: Record<string, SeveritySetting>;
  /** `--build-arg` values used to resolve ARGs (kernel versions, FROM images). */
  buildArgs: Record<string, string>;
  /** Assumed rpm-ostree version of the base image (e.g. "2024.3"); null = from the base family. */
  rpmOstreeVersion: string | null;
  /** Base families by image glob (`# layerlint base=` names), from `.layerlint.yaml` `bases` (a client may send its own). */
  bases: Record<string, string>;
  /**
   * Generic Dockerfile features from dockerfile-language-service (syntax errors, instruction
   * completion and hover). The VS Code client turns these off when a Docker extension provides them.
   */
  dockerfile: { diagnostics: boolean; completion: boolean; hover: boolean };
  /** Target platforms of the base-image platform check (`os/arch[/variant]`). */
  platforms: string[];
  /** Registries contacted over plain HTTP / without TLS verification (machine-level setting). */
  insecureRegistries: string[];
  /** Registry auth file (containers-auth.json format) to use instead of the standard locations. */
  authFile: string | null;
}

export const DEFAULT_SETTINGS: LayerlintSettings = {
  severities: {},
  buildArgs: {},
  rpmOstreeVersion: null,
  bases: {},
  dockerfile: { diagnostics: true, completion: true, hover: true },
  platforms: [...DEFAULT_PLATFORMS],
  insecureRegistries: [],
  authFile: null,
};

/** Server-specific `initializationOptions`. */
export interface LayerlintInitializationOptions {
  /** Settings to use when the client cannot answer `workspace/configuration`. */
  settings?: Partial<LayerlintSettings>;
}

/** Request `layerlint/checkPlatforms`: check the FROM images of a document against registries. */
export const CHECK_PLATFORMS = 'layerlint/checkPlatforms';

export interface CheckPlatformsParams {
  textDocument: { uri: string };
  /** Targets for this check; default: the `platforms` setting. */
  platforms?: string[];
}

export interface PlatformTargetResult {
  platform: string;
  status: 'ok' | 'missing' | 'error';
  /** Digest of the instance a runtime would pick. */
  instance: string | null;
  /** The runtime's own error text for a miss, or what was found. */
  message: string;
}

export interface PlatformImageResult {
  /** The reference as written, ARGs resolved. */
  image: string;
  /** Normalised reference (docker.io/library/…), null when it does not parse. */
  reference: string | null;
  /** 0-based line of the FROM instruction. */
  line: number;
  digest: string | null;
  mediaType: string | null;
  /** What the image offers. */
  platforms: string[];
  /** Why the image could not be checked (network, auth, unresolved ARG), else null. */
  error: string | null;
  results: PlatformTargetResult[];
}

export interface CheckPlatformsResult {
  uri: string;
  /** The document version the check ran on. */
  version: number;
  platforms: string[];
  images: PlatformImageResult[];
  /** The platform diagnostics now merged into the document's published diagnostics. */
  diagnostics: Diagnostic[];
}

/** Where each rule's documentation lives (docs/rules/<code>.md in the repository); diagnostics link there. */
export const RULE_DOCS_BASE_URL = 'https://github.com/layerlint/layerlint/blob/main/docs/rules/';

/** Request `layerlint/rules`: every rule the server reports, in catalogue order. */
export const RULES_METHOD = 'layerlint/rules';

export interface RuleSummary {
  code: string;
  defaultSeverity: Exclude<SeveritySetting, 'off'>;
  title: string;
  /** True for the rules of the registry platform check. */
  registry: boolean;
}

/**
 * Request `layerlint/registryHosts`: the registries a platform check of the open document for these
 * targets would contact (the hosts named in the untrusted-workspace consent prompt); an unresolved
 * reference appears as written.
 */
export const REGISTRY_HOSTS = 'layerlint/registryHosts';

export interface RegistryHostsParams {
  textDocument: { uri: string };
  platforms: string[];
}

/** Notification `layerlint/validated` (server → client) after diagnostics are published. */
export const VALIDATED = 'layerlint/validated';

export interface ValidatedParams {
  uri: string;
  version: number;
  /** Time spent analysing the version, in milliseconds. */
  durationMs: number;
  diagnostics: number;
}

/** The command id under which the fix-all and disable actions may be invoked by name. */
export const FIX_ALL_KIND = 'source.fixAll.layerlint';

/**
 * Node options to start the server with (the VS Code client's `execArgv`, the bin's shebang). Each
 * edit's analysis is short-lived garbage over a small live set: a young generation smaller than V8's
 * and an old generation that grows by 2.5× instead of up to 4× before the next full collection keep
 * the resident size low at no measurable cost in latency (npm run bench; figures in CONTRIBUTING.md,
 * "Performance").
 */
export const SERVER_NODE_OPTIONS = ['--max-semi-space-size=2', '--heap-growing-percent=150'];
