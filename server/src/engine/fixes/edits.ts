// Text edits that respect the user's style: the separator and continuation between commands of
// the RUN (with the file's escape character), the indentation, and only the tokens concerned.
import type { TextEdit } from 'vscode-languageserver-types';
import type { RunModel, ShellCommand, ShellWord } from '../model/types';
import type { LineIndex } from '../text/line-index';

export interface EditContext {
  text: string;
  lines: LineIndex;
  escapeChar: string;
}

function topLevel(run: RunModel): ShellCommand[] {
  const seen = new Set<number>();
  return run.commands.filter((c) => !c.inSubstitution && !seen.has(c.stmtStart) && (seen.add(c.stmtStart), true));
}

function neighbours(run: RunModel, cmd: ShellCommand): { prev?: ShellCommand; next?: ShellCommand } {
  const cmds = topLevel(run).filter((c) => c.inHeredoc === cmd.inHeredoc);
  const next = cmds.find((c) => c.stmtStart >= cmd.stmtEnd);
  const prev = [...cmds].reverse().find((c) => c.stmtEnd <= cmd.stmtStart);
  return { prev, next };
}

/** `&&` with optional continuation (escape char + newline) and indentation, nothing else. */
function isAndSeparator(s: string, escapeChar: string): boolean {
  const e = escapeChar === '`' ? '`' : '\\\\';
  return new RegExp(`^[ \\t]*&&[ \\t]*(${e}[ \\t]*\\r?\\n[ \\t]*)?$`).test(s) || new RegExp(`^[ \\t]*${e}[ \\t]*\\r?\\n[ \\t]*&&[ \\t]*$`).test(s);
}

function indentOf(ctx: EditContext, offset: number): string {
  const line = ctx.lines.positionAt(offset).line;
  return /^[ \t]*/.exec(ctx.lines.lineText(line))![0];
}

/** How a new command is joined after `cmd` in its RUN, copying the RUN's own `&&` separator where it has one. */
export function separatorAfter(ctx: EditContext, run: RunModel, cmd: ShellCommand): string {
  const { prev, next } = neighbours(run, cmd);
  if (next) {
    const between = ctx.text.slice(cmd.stmtEnd, next.stmtStart);
    if (isAndSeparator(between, ctx.escapeChar)) return between;
  }
  if (prev) {
    const between = ctx.text.slice(prev.stmtEnd, cmd.stmtStart);
    if (isAndSeparator(between, ctx.escapeChar)) return between;
  }
  if (cmd.inHeredoc) return `\n${indentOf(ctx, cmd.stmtStart)}`;
  return ' && ';
}

/** Inserts a command right after `cmd` (after its redirections/pipeline), in the RUN's style. */
export function insertCommandAfter(ctx: EditContext, run: RunModel, cmd: ShellCommand, command: string): TextEdit {
  const at = ctx.lines.positionAt(cmd.stmtEnd);
  return { range: { start: at, end: at }, newText: `${separatorAfter(ctx, run, cmd)}${command}` };
}

/** Appends a command after the last command of the RUN. */
export function appendToRun(ctx: EditContext, run: RunModel, command: string): TextEdit | undefined {
  const cmds = topLevel(run);
  const last = cmds.reduce<ShellCommand | undefined>((a, c) => (!a || c.stmtEnd > a.stmtEnd ? c : a), undefined);
  return last ? insertCommandAfter(ctx, run, last, command) : undefined;
}

/** Removes a command and one separator next to it; the whole RUN when it is the only command. */
export function removeCommand(ctx: EditContext, run: RunModel, cmd: ShellCommand): TextEdit | undefined {
  const { prev, next } = neighbours(run, cmd);
  const joinable = (s: string) => isAndSeparator(s, ctx.escapeChar) || /^[ \t]*;[ \t]*$/.test(s) || (cmd.inHeredoc && /^[ \t]*\r?\n[ \t]*$/.test(s));
  if (next && joinable(ctx.text.slice(cmd.stmtEnd, next.stmtStart))) return del(ctx, cmd.stmtStart, next.stmtStart);
  if (prev && joinable(ctx.text.slice(prev.stmtEnd, cmd.stmtStart))) return del(ctx, prev.stmtEnd, cmd.stmtEnd);
  if (!prev && !next) {
    const first = run.range.start.line;
    const last = run.range.end.line;
    const end = last + 1 < ctx.lines.lineCount ? ctx.lines.lineStart(last + 1) : ctx.text.length;
    return del(ctx, ctx.lines.lineStart(first), end);
  }
  return undefined;
}

function del(ctx: EditContext, start: number, end: number): TextEdit {
  return { range: ctx.lines.range(start, end), newText: '' };
}

export function insertAt(ctx: EditContext, offset: number, text: string): TextEdit {
  const p = ctx.lines.positionAt(offset);
  return { range: { start: p, end: p }, newText: text };
}

/** Inserts ` <text>` right after the command name (dracut options go first; getopt permutes). */
export function insertAfterName(ctx: EditContext, cmd: ShellCommand, text: string): TextEdit {
  return insertAt(ctx, cmd.nameWord.end, ` ${text}`);
}

export function replaceWord(ctx: EditContext, word: ShellWord, text: string, fromOffsetInWord = 0): TextEdit {
  return { range: ctx.lines.range(word.start + fromOffsetInWord, word.end), newText: text };
}

export function replaceRange(ctx: EditContext, start: number, end: number, text: string): TextEdit {
  return { range: ctx.lines.range(start, end), newText: text };
}

/** Deletes a word together with the blanks/continuation before it (only whitespace and escapes). */
export function deleteWord(ctx: EditContext, word: ShellWord, previousEnd: number): TextEdit {
  const gap = ctx.text.slice(previousEnd, word.start);
  const onlyBlanks = gap.split('').every((c) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ctx.escapeChar);
  return del(ctx, onlyBlanks ? previousEnd : word.start, word.end);
}

/** Deletes a RUN flag and the blanks after it. */
export function deleteFlag(ctx: EditContext, flag: { start: number; end: number }): TextEdit {
  let end = flag.end;
  while (ctx.text[end] === ' ' || ctx.text[end] === '\t') end++;
  return del(ctx, flag.start, end);
}
