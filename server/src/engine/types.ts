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
