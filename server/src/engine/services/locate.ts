// What is under the cursor: the shell word of a RUN command, the FROM image of a stage.
import type { Position, Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analyze';
import type { RunModel, ShellCommand, ShellWord, Stage } from '../model/types';

export function contains(range: { start: Position; end: Position }, p: Position, inclusiveEnd = true): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && (inclusiveEnd ? p.character <= range.end.character : p.character < range.end.character));
  return afterStart && beforeEnd;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export interface RunAt {
  stage: Stage;
  run: RunModel;
}

export function runAt(analysis: Analysis, p: Position): RunAt | undefined {
  for (const stage of analysis.model.stages) {
    if (!contains(stage.range, p)) continue;
    for (const run of stage.runs) if (contains(run.range, p)) return { stage, run };
  }
  return undefined;
}

export interface WordAt extends RunAt {
  command: ShellCommand;
  word: ShellWord;
  /** Index in `command.args`, or -1 for the command name. */
  index: number;
}

/** The command word under the cursor (the name or an argument), if any. */
export function wordAt(analysis: Analysis, p: Position): WordAt | undefined {
  const at = runAt(analysis, p);
  if (!at) return undefined;
  for (const command of at.run.commands) {
    if (!contains(command.range, p)) continue;
    if (contains(command.nameWord.range, p)) return { ...at, command, word: command.nameWord, index: -1 };
    const index = command.args.findIndex((w) => contains(w.range, p));
    if (index >= 0) return { ...at, command, word: command.args[index], index };
  }
  return undefined;
}

/**
 * The command the cursor is in, or just after with only blanks (and line continuations) between:
 * while typing `dracut --kver |` the cursor is past the command's last word.
 */
export function commandAt(at: RunAt, offset: number, text: string, escapeChar: string): ShellCommand | undefined {
  let best: ShellCommand | undefined;
  for (const command of at.run.commands) if (command.start <= offset && (!best || command.start >= best.start)) best = command;
  if (!best || offset <= best.end) return best;
  const gap = text.slice(best.end, offset);
  const e = escapeChar === '`' ? '`' : '\\\\';
  return new RegExp(`^(?:[ \\t]|${e}\\r?\\n)*$`).test(gap) ? best : undefined;
}

export function stageWithImageAt(analysis: Analysis, p: Position): Stage | undefined {
  return analysis.model.stages.find((s) => s.imageRange && contains(s.imageRange, p));
}
