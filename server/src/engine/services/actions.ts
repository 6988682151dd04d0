// Code actions: each rule's fixes, "disable for this instruction / file", and fix-all.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { analyze, type Analysis } from '../analyze';
import { applyEdits } from '../fixes/apply';
import { RULES_BY_CODE } from '../catalog';
import { disableForFile, disableForInstruction } from '../fixes/suppress';
import { LineIndex } from '../text/line-index';
import { sameRange } from './locate';
import type { Fix, LayerlintDiagnostic, LintOptions } from '../types';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.layerlint`;

export interface CodeActionQuery {
  uri: string;
  /** The diagnostics the client sent in the request's context. */
  diagnostics: Diagnostic[];
  /** `CodeActionContext.only`. */
  only?: string[];
  /** The client resolves code actions (`codeAction/resolve` with `edit`): fix-all is offered without its edit. */
  resolvesEdits?: boolean;
  /** The document version, carried by a fix-all offered without its edit. */
  version?: number;
}

/** What a fix-all offered without its edit carries to `codeAction/resolve`. */
export interface FixAllData {
  fixAll: { uri: string; version: number };
}

export function isFixAllData(data: unknown): data is FixAllData {
  const f = (data as FixAllData | undefined)?.fixAll;
  return typeof f?.uri === 'string' && typeof f.version === 'number';
}

export const FIX_ALL_TITLE = 'Fix all Layerlint problems';

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The fixes of a diagnostic the client sent back: from this version's analysis, else from its data. */
function fixesOf(analysis: Analysis, d: Diagnostic): Fix[] {
  const current = analysis.diagnostics.find((a) => a.code === d.code && sameRange(a.range, d.range));
  if (current) return current.data.fixes;
  const data = d.data as { fixes?: unknown } | undefined;
  return Array.isArray(data?.fixes) ? (data.fixes as Fix[]) : [];
}

export function codeActions(analysis: Analysis, query: CodeActionQuery, options: LintOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const ours = query.diagnostics.filter((d) => d.source === 'layerlint' && typeof d.code === 'string');
  const edit = (edits: TextEdit[]) => ({ changes: { [query.uri]: edits } });
  if (wants(query.only, CodeActionKind.QuickFix)) {
    for (const d of ours) {
      for (const fix of fixesOf(analysis, d)) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.isPreferred, edit: edit(fix.edits) });
      }
    }
    const disabled = new Set<string>();
    for (const d of ours) {
      const code = d.code as string;
      const offset = analysis.document.lines.offsetAt(d.range.start);
      // A finding on an ignore comment is silenced in that comment's own block, not above the instruction before it.
      const onComment = RULES_BY_CODE.get(code)?.ignoreComments === true;
      const instructionEdit = onComment ? undefined : disableForInstruction(analysis.document, code, offset);
      const key = `${code}@${instructionEdit ? instructionEdit.range.start.line : -1}`;
      if (instructionEdit && !disabled.has(key)) {
        disabled.add(key);
        actions.push({ title: `Disable ${code} for this instruction`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit([instructionEdit]) });
      }
      const fileEdit = disableForFile(analysis.document, code);
      if (fileEdit && !disabled.has(code)) {
        disabled.add(code);
        actions.push({ title: `Disable ${code} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit([fileEdit]) });
      }
    }
  }
  // Fix-all re-lints the whole file, several times: computed only when asked for by kind (`only`:
  // source.fixAll on save, the Source Action menu), or offered without its edit to a client that
  // resolves it. A request for the actions at the cursor never pays for it.
  const asked = query.only !== undefined && wants(query.only, FIX_ALL_KIND);
  if ((asked || query.resolvesEdits) && wants(query.only, FIX_ALL_KIND) && analysis.diagnostics.some((d) => preferredFix(d))) {
    if (query.resolvesEdits && query.version !== undefined) {
      const data: FixAllData = { fixAll: { uri: query.uri, version: query.version } };
      actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, data });
    } else {
      const edits = fixAllEdits(analysis.document.text, options, analysis);
      if (edits.length) actions.push({ title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: edit(edits) });
    }
  }
  return actions;
}

function preferredFix(d: LayerlintDiagnostic): Fix | undefined {
  return d.data.fixes.find((f) => f.isPreferred);
}

/**
 * Applies every diagnostic's preferred fix, re-linting between rounds because one fix can change
 * what another must say (a kver, an inserted dracut call). Returns one minimal edit, or none.
 */
export function fixAllEdits(text: string, options: LintOptions, first?: Analysis): TextEdit[] {
  const rounds = fixAllRounds(text, options, first);
  for (let r = rounds.next(); ; r = rounds.next()) if (r.done) return r.value;
}

/** fixAllEdits with a pause between rounds: `pause` may throw to stop (a cancelled request). */
export async function fixAllEditsAsync(text: string, options: LintOptions, first: Analysis | undefined, pause: () => Promise<void>): Promise<TextEdit[]> {
  const rounds = fixAllRounds(text, options, first);
  for (let r = rounds.next(); ; r = rounds.next()) {
    if (r.done) return r.value;
    await pause();
  }
}

function* fixAllRounds(text: string, options: LintOptions, first?: Analysis): Generator<void, TextEdit[]> {
  let current = text;
  let analysis = first ?? analyze(text, options);
  for (let round = 0; round < 10; round++) {
    yield;
    const taken: [number, number][] = [];
    const edits: TextEdit[] = [];
    const lines = analysis.document.lines;
    for (const d of analysis.diagnostics) {
      const fix = preferredFix(d);
      if (!fix) continue;
      const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)] as [number, number]);
      const overlaps = spans.some(([s, e]) => taken.some(([ts, te]) => (s < te && ts < e) || s === ts));
      if (overlaps) continue;
      taken.push(...spans);
      edits.push(...fix.edits);
    }
    if (!edits.length) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    analysis = analyze(current, options);
  }
  return current === text ? [] : [minimalEdit(text, current)];
}

/** One edit turning `before` into `after`, spanning only what differs. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a CRLF or a surrogate pair.
  const splits = (text: string, at: number) => at > 0 && at < text.length && (text[at - 1] === '\r' || (text.charCodeAt(at - 1) & 0xfc00) === 0xd800);
  while (start > 0 && (splits(before, start) || splits(after, start))) start--;
  while (end > 0 && (splits(before, before.length - end) || splits(after, after.length - end))) end--;
  const lines = new LineIndex(before);
  return { range: lines.range(start, before.length - end), newText: after.slice(start, after.length - end) };
}
