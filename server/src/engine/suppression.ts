// `# layerlint ignore=<code>[,<code>…]` on the comment lines directly above an instruction, and
// `# layerlint global ignore=<code>…` anywhere for the whole file.
import type { InstructionInfo } from './model/build';
import type { LineIndex } from './text/line-index';

const LOCAL = /^\s*#\s*layerlint\s+ignore\s*=\s*([\w\s,-]+?)\s*$/;
const GLOBAL = /^[ \t]*#[ \t]*layerlint[ \t]+global[ \t]+ignore[ \t]*=[ \t]*([\w \t,-]+?)[ \t]*$/gm;

export function parseCodes(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

export class Suppressions {
  private readonly global = new Set<string>();
  private readonly starts: number[];

  constructor(
    private readonly lines: LineIndex,
    private readonly instructions: InstructionInfo[],
  ) {
    for (const m of lines.text.matchAll(GLOBAL)) for (const c of parseCodes(m[1])) this.global.add(c);
    this.starts = instructions.map((i) => i.start);
  }

  /** Codes ignored for the instruction that contains `offset`. */
  private localCodes(offset: number): Set<string> {
    const codes = new Set<string>();
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return codes;
    for (let line = this.instructions[found].range.start.line - 1; line >= 0; line--) {
      const text = this.lines.lineText(line);
      if (!/^\s*#/.test(text)) break;
      const m = LOCAL.exec(text);
      if (m) for (const c of parseCodes(m[1])) codes.add(c);
    }
    return codes;
  }

  isSuppressed(code: string, offset: number): boolean {
    return this.global.has(code) || this.localCodes(offset).has(code);
  }
}
