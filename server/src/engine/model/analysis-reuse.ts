// Incremental analysis for editors. Between two versions of a document:
// - only the instructions around the edit are parsed again (instructions.ts, spliceInstructions);
// - the shell commands of a RUN depend only on its text, the escape character and the ARG/ENV
//   values it sees, so every RUN the edit did not touch is taken over (moved to its new offsets)
//   instead of being parsed and evaluated again.
// Results are identical to a fresh analysis (a property test checks it).
import { parseInstructions, spliceInstructions, type ParsedInstructions } from './instructions';
import type { ShellCommand } from './types';

interface Entry {
  /** Document offset the commands were computed at. */
  start: number;
  commands: ShellCommand[];
}

export class AnalysisReuse {
  private previous = new Map<string, Entry>();
  private current = new Map<string, Entry>();
  private last?: { text: string; instructions: ParsedInstructions };
  hits = 0;
  misses = 0;
  /** How many versions were parsed whole, and how many only around their edit. */
  wholeParses = 0;
  splices = 0;

  /** The instructions of `text`, parsing only around the edit since the previous version when it can. */
  instructions(text: string): ParsedInstructions {
    const spliced = this.last ? spliceInstructions(this.last.text, this.last.instructions, text) : undefined;
    if (spliced) this.splices++;
    else this.wholeParses++;
    const instructions = spliced ?? parseInstructions(text);
    this.last = { text, instructions };
    return instructions;
  }

  get(key: string): Entry | undefined {
    const entry = this.current.get(key) ?? this.previous.get(key);
    if (entry) this.hits++;
    else this.misses++;
    return entry;
  }

  set(key: string, start: number, commands: ShellCommand[]): void {
    this.current.set(key, { start, commands });
  }

  /** Ends one analysis: only what it used is kept for the next. */
  endBuild(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}
