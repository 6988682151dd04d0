// Types shared by the subcommands and the report formats (here, so that none imports another's module
// for a type).
import type { LayerlintDiagnostic, PlatformVerdicts } from '../engine';

/** The process's streams, as the subcommands use them (tests pass their own). */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; hasColors?: (count?: number, env?: NodeJS.ProcessEnv) => boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

/** One linted file, as every report format reads it. */
export interface LintedFile {
  path: string;
  text: string;
  diagnostics: LayerlintDiagnostic[];
  /** Bugs that stopped part of the analysis (one line each): the run fails, every format shows them. */
  internalErrors?: string[];
}

/** The registry platform check plugs in here: the verdicts on each file's FROM images, in order. */
export type ExtraCheck = (files: { path: string; text: string }[], options: { platforms: string[]; buildArgs: Record<string, string> }) => Promise<PlatformVerdicts[]>;
