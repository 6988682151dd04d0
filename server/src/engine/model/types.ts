import type { Range } from 'vscode-languageserver-types';
import type { LimitHit } from './limits';

/** Base families (docs/rules/README.md, "Base image families"). `null` on a stage means "not a layered OS image". */
export type Family = 'okd-fcos' | 'coreos-legacy' | 'coreos' | 'bootc' | 'ostree-unknown';

/** Whether the base regenerates the initramfs itself on a kernel change. */
export type Tristate = 'yes' | 'no' | 'unknown';

export interface BaseInfo {
  family: Family;
  /** Human-readable name of the base, e.g. "Fedora CoreOS 40+ stream", "fedora-bootc 41". */
  label: string;
  /** Does rpm-ostree regenerate the initramfs on an rpm-ostree kernel change? */
  rpmOstreeRegenerates: Tristate;
  /** Does the image regenerate the initramfs on a dnf kernel change? */
  dnfRegenerates: Tristate;
  /** Is cliwrap already on in the base image? */
  cliwrapOn: Tristate;
  /** Does the base carry an embedded ostree repo (rpm-ostree composed)? */
  ostreeRepo: Tristate;
  /** Does the base's dracut configuration set hostonly=no and add the ostree module (bootc's 10-bootc-base.conf)? */
  dracutConfigured: Tristate;
}

/**
 * A shell word with its value(s) after quote removal, brace expansion and variable substitution.
 * `values` is undefined when the value cannot be known statically. Known values may contain the
 * markers in `kver.ts` (IMAGE_KVER, HOST_KVER) where a recognised `$(…)` form stood.
 */
export interface ShellWord {
  /** The word as written in the file. */
  readonly text: string;
  readonly range: Range;
  readonly values?: string[];
  /** Offsets of the word in the document text. */
  readonly start: number;
  readonly end: number;
}

export interface ShellCommand {
  /** The command name after expansion, e.g. "dracut", "/usr/libexec/rpm-ostree/wrapped/dracut". */
  name: string;
  nameWord: ShellWord;
  args: ShellWord[];
  /** `VAR=value` prefixes of this command. */
  assignments: Record<string, string | undefined>;
  /**
   * Variables this command sees: shell variables assigned earlier in the RUN over ARG/ENV.
   * undefined = not known statically; null = not defined.
   */
  env: { lookup(name: string): string | undefined | null };
  range: Range;
  start: number;
  end: number;
  /** The statement around the command (with its redirections and pipeline), as document offsets. */
  stmtStart: number;
  stmtEnd: number;
  /** Inside `$(…)`, backticks or a process substitution (its output is used, it is not a step). */
  inSubstitution: boolean;
  /** Inside a heredoc body run as a shell script. */
  inHeredoc: boolean;
  /** A shell given a script (`sh -c '…'`): the script's document offsets; its commands follow in the list. */
  script?: { start: number; end: number };
}

export interface RunModel {
  /** Index of the instruction in the file. */
  index: number;
  range: Range;
  /** The RUN keyword's range. */
  keywordRange: Range;
  flags: { name: string; value: string | null; range: Range; start: number; end: number }[];
  /** The shell commands; empty for a RUN that names none of the programs the rules read. */
  commands: ShellCommand[];
  /** JSON (exec) form: no shell. */
  execForm: boolean;
}

export interface Stage {
  index: number;
  /** `AS name`, lower-cased as BuildKit matches it. */
  name?: string;
  range: Range;
  fromRange: Range;
  /** The image reference as written and after ARG substitution (undefined when unknown). */
  imageText?: string;
  imageRange?: Range;
  image?: string;
  /** Index of the earlier stage this one is built FROM, if any. */
  parent?: number;
  base: BaseInfo | null;
  runs: RunModel[];
}

export interface DocumentModel {
  escapeChar: string;
  stages: Stage[];
  /** Where the analysis stopped at a bound (model/limits.ts). */
  limitHits: LimitHit[];
}
