// The lint pipeline: the document model, the facts, every rule, ignore comments and severities.
import { SEVERITIES } from './severity';
import { collectFacts, parseRpmOstreeVersion, type AnyStageFacts, type StageFacts } from './analysis/facts';
import { docsUrl } from './catalog';
import { buildDocument, type ParsedDocument } from './model/build';
import type { AnalysisReuse } from './model/analysis-reuse';
import type { DocumentModel } from './model/types';
import { REGISTRY_RULES, TEXT_RULES } from './rules';
import type { Finding, RuleContext } from './rules/rule';
import { initShellParser } from './shell/parser';
import { auditIgnoreComments } from './ignore-audit';
import { Suppressions } from './suppression';
import { LineIndex } from './text/line-index';
import type { LayerlintDiagnostic, LintOptions, SeverityName } from './types';

export interface Analysis {
  model: DocumentModel;
  /** The parsed text (line index, instructions): what the editor services read. */
  document: ParsedDocument;
  /** What each command of each layered-image stage does, in build order. */
  facts: StageFacts[];
  diagnostics: LayerlintDiagnostic[];
  /** Internal failures (a bug, never the user's text): reported, not thrown. */
  internalErrors: string[];
}

/** Loads the shell parser (web-tree-sitter + tree-sitter-bash wasm). Idempotent; await once before analyze(). */
export function initEngine(): Promise<void> {
  return initShellParser();
}

// Test-only: under the test runner (VITEST set in the environment, which the processes the tests
// start inherit), a text containing the marker in LAYERLINT_TEST_FAULT fails inside the engine as a
// bug would. Outside the tests it does nothing.
const TEST_FAULT_VARIABLE = 'LAYERLINT_TEST_FAULT';
const ENV = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
const TEST_FAULT = (ENV?.VITEST && ENV[TEST_FAULT_VARIABLE]) || undefined;

/** The first line of an internal error (the stack trace is for --debug). */
export function internalErrorSummary(error: string): string {
  return error.split('\n', 1)[0];
}

/** Parses and lints one Containerfile. Never throws on any text. */
export function analyze(text: string, options: LintOptions = {}, reuse?: AnalysisReuse): Analysis {
  const internalErrors: string[] = [];
  let doc: ParsedDocument;
  let facts: StageFacts[];
  let allStages: AnyStageFacts[];
  try {
    if (TEST_FAULT && text.includes(TEST_FAULT)) throw new Error(`injected test fault (${TEST_FAULT_VARIABLE})`);
    doc = buildDocument(text, options.buildArgs, reuse, options.bases, baseLabelsOf(options.platformVerdicts));
    ({ layered: facts, all: allStages } = collectFacts(doc.model.stages));
  } catch (e) {
    internalErrors.push(`model: ${(e as Error).stack ?? e}`);
    const empty = emptyDocument(text);
    return { model: empty.model, document: empty, facts: [], diagnostics: [], internalErrors };
  }
  const ctx: RuleContext = {
    text,
    lines: doc.lines,
    escapeChar: doc.model.escapeChar,
    stages: facts,
    allStages,
    options,
    rpmOstreeVersion: parseRpmOstreeVersion(options.rpmOstreeVersion),
    limitHits: doc.model.limitHits,
    records: doc.records,
  };
  const suppressions = options.ignoreComments === false ? undefined : new Suppressions(doc.lines, doc.instructions);
  const diagnostics: LayerlintDiagnostic[] = [];
  const quoted = quotedRegions(doc);
  for (const rule of options.platformVerdicts ? [...TEXT_RULES, ...REGISTRY_RULES] : TEXT_RULES) {
    let findings: Finding[];
    try {
      findings = rule.check(ctx);
    } catch (e) {
      internalErrors.push(`${rule.code}: ${(e as Error).stack ?? e}`);
      continue;
    }
    const override = options.severities?.[rule.code];
    if (override === 'off') continue;
    for (const f of findings) {
      if (suppressions?.isSuppressed(f.code, doc.lines.offsetAt(f.range.start))) continue;
      diagnostics.push(toDiagnostic(withoutQuotedFixes(f, doc, quoted), override));
    }
  }
  if (suppressions) {
    try {
      for (const { finding, comment } of auditIgnoreComments(doc.lines, suppressions, options)) {
        const override = options.severities?.[finding.code];
        if (override === 'off' || suppressions.isSuppressedOnComment(finding.code, comment)) continue;
        diagnostics.push(toDiagnostic(finding, override));
      }
    } catch (e) {
      internalErrors.push(`ignore comments: ${(e as Error).stack ?? e}`);
    }
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { model: doc.model, document: doc, facts, diagnostics, internalErrors };
}

function toDiagnostic(f: Finding, override: SeverityName | 'off' | undefined): LayerlintDiagnostic {
  return {
    range: f.range,
    severity: SEVERITIES[override && override !== 'off' ? override : f.severity],
    code: f.code,
    codeDescription: { href: docsUrl(f.code) },
    source: 'layerlint',
    message: f.message,
    ...(f.tags ? { tags: f.tags } : {}),
    data: { fixes: f.fixes },
  };
}

/** Drops the fixes that would edit quoted shell text (exec form, `sh -c '…'`). */
function withoutQuotedFixes(f: Finding, doc: ParsedDocument, quoted: { start: number; end: number }[]): Finding {
  if (quoted.length === 0) return f;
  return { ...f, fixes: f.fixes.filter((fix) => !fix.edits.some((e) => touchesAny(doc.lines.offsetAt(e.range.start), doc.lines.offsetAt(e.range.end), quoted))) };
}

/**
 * Text the rules read as shell but that is not shell source: exec-form arguments (JSON) and the
 * scripts of `sh -c '…'` (inside quotes). A fix's shell text would break their quoting: fixes that
 * edit them are not offered.
 */
function quotedRegions(doc: ParsedDocument): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const stage of doc.model.stages) {
    for (const run of stage.runs) {
      if (run.execForm) out.push({ start: doc.lines.offsetAt(run.keywordRange.end), end: doc.lines.offsetAt(run.range.end) });
      for (const c of run.commands) if (c.script) out.push(c.script);
    }
  }
  return out;
}

function touchesAny(start: number, end: number, regions: { start: number; end: number }[]): boolean {
  return regions.some((r) => start <= r.end && end >= r.start);
}

/** The config labels the platform check fetched, by image (single-platform images only). */
function baseLabelsOf(verdicts: LintOptions['platformVerdicts']): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (verdicts) for (const [image, v] of Object.entries(verdicts.images)) if (v.labels) out[image] = v.labels;
  return out;
}

function emptyDocument(text: string): ParsedDocument {
  return { text, lines: new LineIndex(text), model: { escapeChar: '\\', stages: [], limitHits: [] }, instructions: [], records: [] };
}

/** Convenience: the diagnostics only. */
export function lint(text: string, options: LintOptions = {}): LayerlintDiagnostic[] {
  return analyze(text, options).diagnostics;
}
