// `# layerlint ignore=<code>[,<code>…]` on the comment lines directly above an instruction, and
// `# layerlint global ignore=<code>…` anywhere for the whole file. Either may end with `# reason`.
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

/** The `# layerlint ignore=` comments in the comment block directly above an instruction. */
export function ignoreCommentsAbove(lines: LineIndex, instruction: InstructionInfo): { line: number; codes: string[] }[] {
  const found: { line: number; codes: string[] }[] = [];
  for (let line = instruction.range.start.line - 1; line >= 0; line--) {
    const text = lines.lineText(line);
    if (!/^\s*#/.test(text)) break;
    const m = LOCAL_IGNORE.exec(text);
    if (m) found.push({ line, codes: parseCodes(m[1]) });
  }
  return found;
}

export class Suppressions {
  private readonly global = new Set<string>();

  constructor(
    private readonly lines: LineIndex,
    private readonly instructions: InstructionInfo[],
  ) {
    for (const m of lines.text.matchAll(GLOBAL_IGNORE)) for (const c of parseCodes(m[1])) this.global.add(c);
  }

  /** Codes ignored for the instruction that contains `offset`. */
  private localCodes(offset: number): Set<string> {
    const instruction = instructionAt(this.instructions, offset);
    return new Set(instruction ? ignoreCommentsAbove(this.lines, instruction).flatMap((c) => c.codes) : []);
  }

  isSuppressed(code: string, offset: number): boolean {
    return this.global.has(code) || this.localCodes(offset).has(code);
  }
}

/**
 * Ignore comments and severity overrides for diagnostics made outside the text rules (the
 * base-platform-* diagnostics of the registry check), which start on their instruction's first line
 * or on one of its continuation lines.
 */
export function applyIgnoreComments<T extends { code?: unknown; range: { start: { line: number } } }>(lines: LineIndex, diagnostics: T[], escapeChar = '\\'): T[] {
  const global = new Set<string>();
  for (const m of lines.text.matchAll(GLOBAL_IGNORE)) for (const c of parseCodes(m[1])) global.add(c);
  return diagnostics.filter((d) => {
    const code = String(d.code ?? '');
    if (global.has(code)) return false;
    let first = d.range.start.line;
    while (first > 0 && lines.lineText(first - 1).trimEnd().endsWith(escapeChar)) first--;
    for (let line = first - 1; line >= 0; line--) {
      const text = lines.lineText(line);
      if (!/^\s*#/.test(text)) break;
      const m = LOCAL_IGNORE.exec(text);
      if (m && parseCodes(m[1]).includes(code)) return false;
    }
    return true;
  });
}
