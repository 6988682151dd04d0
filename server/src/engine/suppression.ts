// `# layerlint ignore=<code>[,<code>…]` on the comment lines directly above an instruction, and
// `# layerlint global ignore=<code>…` anywhere for the whole file. Either may end with `# reason`.
// Every listed code is kept with its position and whether it suppressed something, for the
// unknown-ignore / unused-ignore findings.
import type { InstructionInfo } from './model/build';
import type { LineIndex } from './text/line-index';

export const LOCAL_IGNORE = /^\s*#\s*layerlint\s+ignore\s*=\s*([\w\s,-]+?)\s*(?:#.*)?$/;
export const GLOBAL_IGNORE = /^[ \t]*#[ \t]*layerlint[ \t]+global[ \t]+ignore[ \t]*=[ \t]*([\w \t,-]+?)[ \t]*(?:#[^\r\n]*)?$/gm;

export function parseCodes(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

/** The instruction that contains `offset` (the last one starting at or before it). */
export function instructionAt(instructions: readonly InstructionInfo[], offset: number): InstructionInfo | undefined {
  let lo = 0;
  let hi = instructions.length - 1;
  let found: InstructionInfo | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (instructions[mid].start <= offset) {
      found = instructions[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

const COMMENT_LINE = /^\s*#/;

/** The `# layerlint ignore=` comments in the comment block directly above an instruction. */
export function ignoreCommentsAbove(lines: LineIndex, instruction: InstructionInfo): { line: number; codes: string[] }[] {
  const found: { line: number; codes: string[] }[] = [];
  for (let line = instruction.range.start.line - 1; line >= 0; line--) {
    const text = lines.lineText(line);
    if (!COMMENT_LINE.test(text)) break;
    const m = LOCAL_IGNORE.exec(text);
    if (m) found.push({ line, codes: parseCodes(m[1]) });
  }
  return found;
}

/** One code of an ignore comment: where it is written and whether it silenced a finding. */
export interface IgnoreEntry {
  code: string;
  /** Offsets of the code in the text. */
  start: number;
  end: number;
  used: boolean;
}

export interface IgnoreComment {
  global: boolean;
  line: number;
  entries: IgnoreEntry[];
  /** The instruction a local comment stands above; undefined for a global one or a stray local one. */
  instruction?: InstructionInfo;
}

/** The codes of a list that starts at `listStart` in the text, with their offsets. */
function entriesOf(list: string, listStart: number): IgnoreEntry[] {
  return [...list.matchAll(/[^\s,]+/g)].map((m) => ({ code: m[0], start: listStart + m.index, end: listStart + m.index + m[0].length, used: false }));
}

function parseIgnoreComments(lines: LineIndex, instructions: readonly InstructionInfo[]): IgnoreComment[] {
  const comments: IgnoreComment[] = [];
  for (const m of lines.text.matchAll(new RegExp(GLOBAL_IGNORE.source, 'gmd'))) {
    comments.push({ global: true, line: lines.positionAt(m.index).line, entries: entriesOf(m[1], m.indices![1][0]) });
  }
  const byStartLine = new Map(instructions.map((i) => [i.range.start.line, i]));
  const local = new RegExp(LOCAL_IGNORE.source, 'd');
  for (let line = 0; line < lines.lineCount; line++) {
    const text = lines.lineText(line);
    const m = local.exec(text);
    if (!m) continue;
    const lineStart = lines.lineStart(line);
    const inside = instructionAt(instructions, lineStart);
    if (inside && lineStart < inside.end) continue; // a comment line within an instruction (continuation, heredoc)
    let below = line + 1;
    while (below < lines.lineCount && COMMENT_LINE.test(lines.lineText(below))) below++;
    comments.push({ global: false, line, entries: entriesOf(m[1], lineStart + m.indices![1][0]), instruction: byStartLine.get(below) });
  }
  return comments;
}

export class Suppressions {
  readonly comments: IgnoreComment[];
  private readonly local = new Map<InstructionInfo, IgnoreComment[]>();

  constructor(
    lines: LineIndex,
    private readonly instructions: InstructionInfo[],
  ) {
    this.comments = parseIgnoreComments(lines, instructions);
    for (const c of this.comments) {
      if (!c.instruction) continue;
      const list = this.local.get(c.instruction) ?? [];
      list.push(c);
      this.local.set(c.instruction, list);
    }
  }

  /** Whether `code` is ignored for `instruction` (or the file); marks the entries that ignore it as used. */
  private suppresses(code: string, instruction: InstructionInfo | undefined): boolean {
    let found = false;
    for (const c of this.comments) {
      if (!c.global && (!instruction || c.instruction !== instruction)) continue;
      for (const e of c.entries) {
        if (e.code !== code) continue;
        e.used = true;
        found = true;
      }
    }
    return found;
  }

  /** Whether `code` is ignored for the instruction that contains `offset`. */
  isSuppressed(code: string, offset: number): boolean {
    return this.suppresses(code, instructionAt(this.instructions, offset));
  }

  /** For findings on an ignore comment itself: its own comment block, or the file. */
  isSuppressedOnComment(code: string, comment: IgnoreComment): boolean {
    return this.suppresses(code, comment.instruction);
  }
}
