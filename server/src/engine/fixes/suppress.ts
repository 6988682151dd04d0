// Edits that silence a rule: `# layerlint ignore=<code>` above an instruction (merged into an
// existing ignore comment there) or `# layerlint global ignore=<code>` for the file.
import type { TextEdit } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../model/build';
import { GLOBAL_IGNORE, ignoreCommentsAbove, instructionAt, LOCAL_IGNORE } from '../suppression';
import type { LineIndex } from '../text/line-index';

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Appends `code` to the code list of the ignore comment on `line` (matched by `pattern`). */
function mergeInto(lines: LineIndex, line: number, pattern: RegExp, code: string): TextEdit {
  const text = lines.lineText(line);
  const m = new RegExp(pattern.source, 'd').exec(text)!;
  const at = lines.lineStart(line) + m.indices![1][1];
  return { range: lines.range(at, at), newText: `,${code}` };
}

/** "Disable <code> for this instruction": the edit, or undefined when no instruction holds `offset`. */
export function disableForInstruction(doc: ParsedDocument, code: string, offset: number): TextEdit | undefined {
  const instruction = instructionAt(doc.instructions, offset);
  if (!instruction) return undefined;
  const existing = ignoreCommentsAbove(doc.lines, instruction);
  if (existing.some((c) => c.codes.includes(code))) return undefined;
  if (existing.length) return mergeInto(doc.lines, existing[0].line, LOCAL_IGNORE, code);
  const lineStart = doc.lines.lineStart(instruction.range.start.line);
  const indent = /^[ \t]*/.exec(doc.lines.lineText(instruction.range.start.line))![0];
  return { range: doc.lines.range(lineStart, lineStart), newText: `${indent}# layerlint ignore=${code}${eolOf(doc.text)}` };
}

/** Parser directives (`# syntax=`, `# escape=`, `# check=`) must stay the first lines of the file. */
const DIRECTIVE = /^[ \t]*#[ \t]*[A-Za-z][A-Za-z0-9_-]*[ \t]*=/;

/** "Disable <code> for this file". */
export function disableForFile(doc: ParsedDocument, code: string): TextEdit | undefined {
  const lines = doc.lines;
  let lastGlobal = -1;
  for (const m of doc.text.matchAll(GLOBAL_IGNORE)) {
    if (m[1].split(/[\s,]+/).includes(code)) return undefined;
    lastGlobal = m.index;
  }
  if (lastGlobal >= 0) return mergeInto(lines, lines.positionAt(lastGlobal).line, GLOBAL_IGNORE, code);
  let line = 0;
  while (line < lines.lineCount && DIRECTIVE.test(lines.lineText(line)) && !/^\s*#\s*layerlint\b/.test(lines.lineText(line))) line++;
  const eol = eolOf(doc.text);
  if (line >= lines.lineCount) {
    // The file is only directives (or empty): append after them.
    const end = doc.text.length;
    const sep = end === 0 || /[\r\n]$/.test(doc.text) ? '' : eol;
    return { range: lines.range(end, end), newText: `${sep}# layerlint global ignore=${code}${eol}` };
  }
  const at = lines.lineStart(line);
  return { range: lines.range(at, at), newText: `# layerlint global ignore=${code}${eol}` };
}
