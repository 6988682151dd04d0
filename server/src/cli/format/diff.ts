// A fix as a unified diff (`--- a/path`, `+++ b/path`, hunks with three lines of context) that
// `patch -p1` and `git apply` accept. jsdiff computes the line diff, over the lines around the fix's
// edits only: a fix costs what it changes, not the length of the file.
import { formatPatch, structuredPatch } from 'diff';
import type { TextEdit } from 'vscode-languageserver-types';
import { applyEdits, LineIndex } from '../../engine';

const CONTEXT = 3;

function side(prefix: 'a' | 'b', path: string): string {
  if (path === '-') return `${prefix}/stdin`;
  return `${prefix}/${path.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '')}`;
}

// The fixes of one file come one after another: its line index is kept for the next.
let lastIndex: LineIndex | undefined;
function linesOf(text: string): LineIndex {
  if (lastIndex?.text !== text) lastIndex = new LineIndex(text);
  return lastIndex;
}

export function unifiedDiff(path: string, text: string, edits: TextEdit[]): string {
  const lines = linesOf(text);
  const first = Math.max(0, Math.min(...edits.map((e) => e.range.start.line)) - CONTEXT);
  const last = Math.min(lines.lineCount - 1, Math.max(...edits.map((e) => e.range.end.line)) + CONTEXT);
  const from = lines.lineStart(first);
  const to = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
  const before = text.slice(from, to);
  const shifted = edits.map((e) => ({
    newText: e.newText,
    range: { start: { line: e.range.start.line - first, character: e.range.start.character }, end: { line: e.range.end.line - first, character: e.range.end.character } },
  }));
  const patch = structuredPatch(side('a', path), side('b', path), before, applyEdits(before, shifted), undefined, undefined, { context: CONTEXT });
  for (const hunk of patch.hunks) {
    hunk.oldStart += first;
    hunk.newStart += first;
  }
  // formatPatch starts with a "===" separator line; patch and git skip it, people need not see it.
  return formatPatch(patch).replace(/^=+\n/, '');
}
