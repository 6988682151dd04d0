// Incremental analysis for editors: the shell commands of a RUN depend only on its text, the escape
// character and the ARG/ENV values it sees, so between two versions of a document every RUN the edit
// did not touch is taken over from the previous analysis (moved to its new offsets) instead of being
// parsed and evaluated again. Results are identical to a fresh analysis (a property test checks it).
import type { ShellCommand } from './types';

interface Entry {
  /** Document offset the commands were computed at. */
  start: number;
  commands: ShellCommand[];
}

export class RunReuse {
  private previous = new Map<string, Entry>();
  private current = new Map<string, Entry>();
  hits = 0;
  misses = 0;

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
