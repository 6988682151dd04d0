import type { DiagnosticTag, Range } from 'vscode-languageserver-types';
import type { AnyStageFacts, CommandFacts, StageFacts } from '../analysis/facts';
import type { EditContext } from '../fixes/edits';
import type { InstructionRecord } from '../model/instructions';
import type { LimitHit } from '../model/limits';
import type { Family } from '../model/types';
import type { Fix, LintOptions, SeverityName } from '../types';

export interface Finding {
  code: string;
  severity: SeverityName;
  message: string;
  range: Range;
  fixes: Fix[];
  tags?: DiagnosticTag[];
}

export interface RuleContext extends EditContext {
  /** The stages of a layered-image family (FROM a known base, or with rpm-ostree/ostree/bootc steps). */
  stages: StageFacts[];
  /** Every stage, builder stages included (for the rules that hold whatever the base). */
  allStages: AnyStageFacts[];
  options: LintOptions;
  rpmOstreeVersion?: [number, number];
  /** Where the analysis stopped at a bound (model/limits.ts). */
  limitHits: LimitHit[];
  /** The instructions as read (the FROM extraction of the base-platform rules reads them). */
  records: readonly InstructionRecord[];
}

/**
 * What a rule is, apart from how it checks. Declared in the rule's own file (rules/<code>.ts); the
 * catalogue, the editor settings, the configuration schema, the snippets, the grammar and the docs
 * index are derived from it (`npm run generate`, checked by test/docs/rule-lists.test.ts).
 */
export interface RuleInfo {
  code: string;
  /** The severity in the common case; some rules raise or lower it by context (see `summary`). */
  defaultSeverity: SeverityName;
  title: string;
  summary: string;
  /**
   * The base families the rule applies to, where that is fixed. Absent: the rule reads every
   * layered-image stage (or every stage) and the base's behaviour decides.
   */
  families?: readonly Family[];
  /** Holds in every stage, builder stages of no family included (not only layered-image stages). */
  anyStage?: boolean;
  /** True for the rules that need the registry (platform check), not the text alone. */
  registry?: boolean;
  /** True for the rules about `# layerlint ignore=` comments themselves (checked after every other rule). */
  ignoreComments?: boolean;
}

export interface Rule extends RuleInfo {
  check(ctx: RuleContext): Finding[];
}

/** Every command of every layered-image stage, with its stage. */
export function* commandsOf(ctx: RuleContext): Generator<[CommandFacts, StageFacts]> {
  for (const stage of ctx.stages) for (const f of stage.commands) yield [f, stage];
}

/** Commands after `f` in its stage and in the stages built from it. */
export function* commandsAfter(stage: StageFacts, f: CommandFacts): Generator<CommandFacts> {
  let seen = false;
  for (const c of stage.commands) {
    if (seen) yield c;
    else if (c === f) seen = true;
  }
  for (const d of stage.descendants) yield* d.commands;
}
