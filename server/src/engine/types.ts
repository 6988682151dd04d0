import type { Diagnostic, DiagnosticSeverity, Range, TextEdit } from 'vscode-languageserver-types';

export type { Range, TextEdit };

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = SeverityName | 'off';

export interface LintOptions {
  /** `--build-arg NAME=VALUE` values; they override ARG defaults. */
  buildArgs?: Record<string, string>;
  /** Assumed rpm-ostree version in the base image (e.g. "2023.12"); overrides the base-family table. */
  rpmOstreeVersion?: string;
  /** Per-rule severity overrides; "off" drops the rule's diagnostics. */
  severities?: Record<string, SeveritySetting>;
  /**
   * Base families by image glob (`.layerlint.yaml` `bases`), e.g. `{ "ghcr.io/org/my-centos-bootc": "bootc" }`:
   * the first matching pattern names the family as `# layerlint base=` would; that pragma wins over it.
   */
  bases?: Record<string, string>;
  /** false: `# layerlint ignore=` comments suppress nothing (audits, `--no-ignore-comments`). */
  ignoreComments?: boolean;
  /** The registry check's verdicts on the FROM images; the base-platform-* rules report them. */
  platformVerdicts?: PlatformVerdicts;
}

/** What the registry check found for one image (registry/check.ts `ImageResult` is one). */
export interface PlatformVerdict {
  image: string;
  /** Why the image could not be checked; null when it was. */
  error: string | null;
  /** What the image offers, as labelled. */
  platforms: string[];
  /** A single-platform manifest (no list). */
  single: boolean;
  results: { platform: string; status: 'ok' | 'missing' | 'error'; message: string }[];
  /** Entries labelled with names no runtime matches. */
  mislabeled: { label: string; canonical: string }[];
  /** The image config's labels that name a base family (`containers.bootc`, `ostree.bootable`, `ostree.linux`), where the check read the config. */
  labels?: Record<string, string>;
}

export interface PlatformVerdicts {
  /** The targets the check ran for (the FROM images are resolved for them). */
  platforms: string[];
  /** By image reference as resolved on its FROM line (`FromImage.image`). */
  images: Record<string, PlatformVerdict>;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The obvious fix for the diagnostic (LSP `isPreferred`). */
  isPreferred?: boolean;
}

/** What the engine attaches to every diagnostic in `Diagnostic.data`. */
export interface LayerlintDiagnosticData {
  fixes: Fix[];
}

export interface LayerlintDiagnostic extends Diagnostic {
  code: string;
  source: 'layerlint';
  severity: DiagnosticSeverity;
  data: LayerlintDiagnosticData;
}
