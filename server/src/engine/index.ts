// Public surface of the engine: pure (text in, diagnostics and edits out, LSP types).
// STUB: signatures are final; the implementation lands in the following commits.
import type { DocumentModel } from './model/types';
import type { LayerlintDiagnostic, LintOptions } from './types';

export * from './types';
export * from './model/types';
export { RULES, RULES_BY_CODE, docsUrl } from './catalog';
export { DRACUT_OPTIONS } from './dracut/options';

export interface Analysis {
  model: DocumentModel;
  diagnostics: LayerlintDiagnostic[];
}

/** Loads the shell parser (web-tree-sitter + tree-sitter-bash wasm). Idempotent; await once before analyze(). */
export async function initEngine(): Promise<void> {}

/** Parses and lints one Containerfile. Never throws on any text. */
export function analyze(text: string, options: LintOptions = {}): Analysis {
  void text;
  void options;
  return { model: { escapeChar: '\\', stages: [] }, diagnostics: [] };
}
