// Public surface of the engine: pure (text in, diagnostics and edits out, LSP types). Code outside
// the engine imports from here only.
export * from './types';
export * from './model/types';
export { analyze, initEngine, internalErrorSummary, lint, type Analysis } from './analyze';
export { AnalysisReuse } from './model/analysis-reuse';
export { SEVERITIES } from './severity';
export { RULES, RULES_BY_CODE, docsUrl, type RuleInfo } from './catalog';
export { DRACUT_OPTIONS } from './dracut/options';
export { parseKernelRpm, initramfsPath } from './kver';
export { REGISTRY_RULES, TEXT_RULES } from './rules';
export { BASE_PLATFORM_CODES } from './rules/base-platform';
export { extractFroms, registryHosts, type FromImage, type FromOptions } from './model/froms';
export { DECLARED_BASE_NAMES } from './model/family';
export { LineIndex } from './text/line-index';
export { applyEdits } from './fixes/apply';
// Editor services on an Analysis (the language server's handlers, the CLI's --fix).
export { codeActions, fixAllEdits, fixAllEditsAsync, isFixAllData, FIX_ALL_KIND } from './services/actions';
export { completion } from './services/completion';
export { hover } from './services/hover';
export { contains, sameRange } from './services/locate';
export { documentSymbols, foldingRanges } from './services/symbols';
