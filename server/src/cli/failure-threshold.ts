// `--failure-threshold error|warning|info|none`: the lowest severity that makes `layerlint lint` exit 1.
import { UsageError } from './args';

export const FAILURE_THRESHOLDS = ['error', 'warning', 'info', 'none'] as const;
export type FailureThreshold = (typeof FAILURE_THRESHOLDS)[number];

/** LSP severities (1 error … 4 hint) at or above each threshold; hints never fail a run. */
const LOWEST_FAILING: Record<FailureThreshold, number> = { error: 1, warning: 2, info: 3, none: 0 };

export function parseFailureThreshold(value: string | undefined, from = '--failure-threshold'): FailureThreshold {
  const v = value ?? 'error';
  if (!(FAILURE_THRESHOLDS as readonly string[]).includes(v)) throw new UsageError(`${from} must be error, warning, info or none, got "${v}"`);
  return v as FailureThreshold;
}

/** Whether a finding of this LSP severity fails the run. */
export function failsAt(threshold: FailureThreshold): (severity: number) => boolean {
  const lowest = LOWEST_FAILING[threshold];
  return (severity) => severity <= lowest;
}
