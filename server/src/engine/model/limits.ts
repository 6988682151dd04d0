// Bounds on the static evaluation, so that no text can exhaust memory or the stack. Past a bound the
// value or command is unknown, and the place is reported (rule analysis-limit): never a silent pass.

/** The longest ARG/ENV or shell variable value that is evaluated (longer values are unknown). */
export const MAX_VALUE_LENGTH = 64 * 1024;
/** All ARG/ENV values of a stage together: past it, further values are unknown. */
export const MAX_SCOPE_LENGTH = 1024 * 1024;
/** The deepest shell syntax (nested `$(…)`, subshells, groups) that is walked for commands. */
export const MAX_NESTING_DEPTH = 200;

export interface LimitHit {
  /** Document offsets of what was not analysed (a finding covers its first line). */
  start: number;
  end: number;
  message: string;
}

/** The limits hit while analysing one document, at most one per place. */
export class LimitHits {
  readonly hits: LimitHit[] = [];
  private readonly places = new Set<number>();

  record(start: number, end: number, message: string): void {
    if (this.places.has(start)) return;
    this.places.add(start);
    this.hits.push({ start, end, message });
  }
}

export const VALUE_TOO_LONG = `a value grows past ${MAX_VALUE_LENGTH / 1024} KiB here; Layerlint treats it as unknown`;
export const SCOPE_TOO_LARGE = `the ARG and ENV values grow past ${MAX_SCOPE_LENGTH / 1024 / 1024} MiB together here; Layerlint treats this one as unknown`;
export const NESTED_TOO_DEEP = `shell syntax nested more than ${MAX_NESTING_DEPTH} levels deep; Layerlint does not analyse the commands inside`;
