// What a `.layerlint.yaml` reads as, and its errors: shared by the reader (project-config.ts) and the
// parser it loads on demand (parse-config.ts).
import type { SeveritySetting } from '../engine';

export type ConfigFailureThreshold = 'error' | 'warning' | 'info' | 'none';

export interface ProjectConfig {
  /** The file it was read from. */
  path: string;
  /** `severities` with every `ignore`d rule as "off". */
  severities: Record<string, SeveritySetting>;
  buildArgs: Record<string, string>;
  rpmOstreeVersion?: string;
  /** Image glob → declared base name (`# layerlint base=` names). */
  bases: Record<string, string>;
  platforms?: string[];
  failureThreshold?: ConfigFailureThreshold;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
