// Reads a Containerfile the way a build would: stages, ARG/ENV values, and the shell commands of
// every RUN (command line and heredoc scripts) with their source ranges.
import type { Range } from 'vscode-languageserver-types';
import { extractCommands, relocateCommands, ShellVariables, type Fragment } from '../shell/commands';
import { execFormShellText } from '../shell/exec-form';
import { heredocShellText, runShellText } from '../shell/shell-text';
import { LineIndex } from '../text/line-index';
import { configuredBase, declaredBase, familyOf, labelledBase, OSTREE_UNKNOWN } from './family';
import type { AnalysisReuse } from './analysis-reuse';
import { parseInstructions, RELEVANT, type InstructionRecord, type RunRecord } from './instructions';
export { normaliseForDockerfileParser } from './instructions';
import type { DocumentModel, RunModel, ShellCommand, Stage } from './types';
import { DockerfileVariables, substitute } from './variables';
import { LimitHits, SCOPE_TOO_LARGE, VALUE_TOO_LONG } from './limits';

export interface InstructionInfo {
  keyword: string;
  range: Range;
  start: number;
  end: number;
  stage?: number;
}

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  model: DocumentModel;
  instructions: InstructionInfo[];
  /** The instructions as read from dockerfile-ast (what the FROM extraction reads). */
  records: readonly InstructionRecord[];
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
/** A command that is a path or a `*.sh` file, or a shell given a file (analysis/opaque-commands.ts reads it exactly). */
const RUNS_SCRIPT = /(?:^|[;&|(\n]|\bthen\b|\bdo\b)[\s\\`]*(?:\.{0,2}\/[\w.-]|[\w.-]+\.sh\b|(?:ba|da|z|k)?sh\s+[^-\s]|source\s|\.\s|make\b|just\b)/;

/** `bases`: image glob → declared base name (`.layerlint.yaml`); a `# layerlint base=` pragma wins over it. */
/** `baseLabels`: image → config labels the platform check fetched; they name a family the table does not know. */
export function buildDocument(
  text: string,
  buildArgs: Record<string, string> = {},
  reuse?: AnalysisReuse,
  bases: Readonly<Record<string, string>> = {},
  baseLabels: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): ParsedDocument {
  const lines = new LineIndex(text);
  const { escapeChar, records } = reuse ? reuse.instructions(text) : parseInstructions(text);
  const globalArgs = new DockerfileVariables();
  const stages: Stage[] = [];
  const stageVars: DockerfileVariables[] = [];
  const instructions: InstructionInfo[] = [];
  let current: Stage | undefined;
  let vars = globalArgs;
  const limits = new LimitHits();
  const labelledStages = new Set<number>();
  const fullScopes = new WeakSet<DockerfileVariables>();

  for (const record of records) {
    const range = lines.range(record.start, record.end);
    const info: InstructionInfo = { keyword: record.keyword, range, start: record.start, end: record.end, stage: current?.index };
    instructions.push(info);
    const tooLong = () => limits.record(record.start, record.end, VALUE_TOO_LONG);
    const setVar = (name: string, value: string | undefined) => {
      // Reported once per scope: every further value of a full scope is unknown too.
      if (!vars.set(name, value) && !fullScopes.has(vars)) {
        fullScopes.add(vars);
        limits.record(record.start, record.end, SCOPE_TOO_LARGE);
      }
    };
    if (record.from) {
      current = startStage(record, range, lines, stages, globalArgs, escapeChar, tooLong, bases, baseLabels);
      info.stage = current.index;
      const parentVars = current.parent !== undefined ? stageVars[current.parent] : undefined;
      vars = parentVars ? parentVars.copy() : new DockerfileVariables();
      stages.push(current);
      stageVars.push(vars);
    } else if (record.keyword === 'ARG') {
      for (const { name, value: def } of record.properties ?? []) {
        const value = name in buildArgs ? buildArgs[name] : def !== null ? substitute(def, vars, escapeChar, tooLong) : current ? (globalArgs.lookup(name) ?? undefined) : undefined;
        setVar(name, value);
      }
    } else if (record.keyword === 'ENV' && current) {
      for (const { name, value: def } of record.properties ?? []) setVar(name, def === null ? undefined : substitute(def, vars, escapeChar, tooLong));
    } else if (record.keyword === 'LABEL' && current) {
      // The image being built says it is a bootc image (`LABEL containers.bootc=1`): a bootc stage even FROM a plain base.
      const bootc = record.properties?.find((p) => p.name.replace(/^["']|["']$/g, '') === 'containers.bootc');
      if (bootc && (bootc.value ?? '').replace(/^["']|["']$/g, '') === '1') labelledStages.add(current.index);
    } else if (record.run && current) {
      current.runs.push(buildRun(record, record.run, range, instructions.length - 1, text, lines, escapeChar, vars, limits, reuse));
    }
    if (current) current.range = { start: current.range.start, end: range.end };
  }

  reuse?.endBuild();
  // The image being built may say it is a bootc image (`LABEL containers.bootc=1`), FROM a plain base too.
  const labelled = (stage: Stage) => (labelledStages.has(stage.index) ? (labelledBase(stage.image ?? 'scratch', { 'containers.bootc': '1' }, 'its LABEL containers.bootc=1') ?? null) : null);
  for (const stage of stages) {
    if (stage.base === null && stage.parent === undefined) stage.base = labelled(stage) ?? (hasOstreeSignals(stage) ? OSTREE_UNKNOWN : null);
  }
  for (const stage of stages) {
    if (stage.parent !== undefined && stage.base === null) stage.base = stages[stage.parent].base ?? labelled(stage);
  }
  return { text, lines, model: { escapeChar, stages, limitHits: limits.hits }, instructions, records };
}

function labelsOf(baseLabels: Readonly<Record<string, Readonly<Record<string, string>>>>, image: string): Readonly<Record<string, string>> | undefined {
  const key = image.trim();
  return Object.hasOwn(baseLabels, key) ? baseLabels[key] : undefined;
}

function startStage(
  record: InstructionRecord,
  range: Range,
  lines: LineIndex,
  stages: Stage[],
  globalArgs: DockerfileVariables,
  escapeChar: string,
  tooLong: () => void,
  bases: Readonly<Record<string, string>>,
  baseLabels: Readonly<Record<string, Readonly<Record<string, string>>>>,
): Stage {
  const from = record.from!;
  const imageText = from.image ?? undefined;
  const image = imageText !== undefined ? substitute(imageText, globalArgs, escapeChar, tooLong) : undefined;
  const parentIndex = image !== undefined ? stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase()) : -1;
  const parent = parentIndex >= 0 ? parentIndex : undefined;
  return {
    index: stages.length,
    name: from.stage?.toLowerCase() ?? undefined,
    range,
    fromRange: range,
    imageText,
    imageRange: from.imageStart !== undefined && from.imageEnd !== undefined ? lines.range(from.imageStart, from.imageEnd) : undefined,
    image,
    parent,
    base:
      declaredBase(lines, range.start.line) ??
      (parent === undefined && image !== undefined ? (configuredBase(image, bases) ?? familyOf(image) ?? labelledBase(image, labelsOf(baseLabels, image)) ?? null) : null),
    runs: [],
  };
}

function buildRun(
  record: InstructionRecord,
  run: RunRecord,
  range: Range,
  index: number,
  text: string,
  lines: LineIndex,
  escapeChar: string,
  vars: DockerfileVariables,
  limits: LimitHits,
  reuse?: AnalysisReuse,
): RunModel {
  const flags = run.flags.map((f) => ({ ...f, range: lines.range(f.start, f.end) }));
  const model: RunModel = { index, range, keywordRange: lines.range(record.start, run.keywordEnd), flags, commands: [], execForm: run.execForm };
  // Blanks and continuations before the first argument are harmless to the shell.
  const argsStart = flags.length > 0 ? flags[flags.length - 1].end : run.keywordEnd;
  const end = record.end;
  if (argsStart >= end) return model;
  const source = text.slice(argsStart, end);
  if (run.execForm) {
    if (!RELEVANT.test(source)) return model;
    const shell = execFormShellText(runShellText(text, argsStart, end, escapeChar));
    if (shell !== undefined) model.commands = extractCommands({ start: argsStart, text: shell, inHeredoc: false }, new ShellVariables(vars.copy()), lines, limits);
    return model;
  }
  // A RUN that names none of the programs the rules read, and runs no script (whose effect the rules
  // must allow for), cannot matter to them: skip its shell parse.
  if (!RELEVANT.test(source) && !RUNS_SCRIPT.test(source)) return model;
  // `uname -r` values carry their document offsets (kver.ts): such RUNs are taken over only in place.
  const place = source.includes('uname') ? `@${argsStart}` : '';
  const key = reuse ? `${escapeChar}\u0000${vars.signature()}\u0000${place}\u0000${source}` : undefined;
  const earlier = key !== undefined ? reuse!.get(key) : undefined;
  const hitsBefore = limits.hits.length;
  model.commands = earlier ? relocateCommands(earlier.commands, argsStart - earlier.start, lines) : shellCommands(run, text, lines, escapeChar, vars, limits, argsStart, end, source);
  // A RUN that hit a limit is analysed again each time, so that its finding is made again.
  if (key !== undefined && limits.hits.length === hitsBefore) reuse!.set(key, argsStart, model.commands);
  return model;
}

function shellCommands(
  run: RunRecord,
  text: string,
  lines: LineIndex,
  escapeChar: string,
  vars: DockerfileVariables,
  limits: LimitHits,
  argsStart: number,
  end: number,
  source: string,
): ShellCommand[] {
  const shellVars = new ShellVariables(vars.copy());
  const heredocs = source.includes('<<') ? run.heredocs : [];
  if (heredocs.length === 0) {
    return extractCommands({ start: argsStart, text: runShellText(text, argsStart, end, escapeChar), inHeredoc: false }, shellVars, lines, limits);
  }
  const commandLineEnd = Math.min(end, lines.lineEnd(lines.positionAt(heredocs[0].start).line));
  const commandLine: Fragment = {
    start: argsStart,
    text: blankHeredocMarkers(runShellText(text, argsStart, commandLineEnd, escapeChar)),
    inHeredoc: false,
  };
  const lineCommands = extractCommands(commandLine, shellVars, lines, limits);
  const commands = [...lineCommands];
  const topLevel = lineCommands.filter((c) => !c.inSubstitution);
  const bodiesAreScripts = topLevel.length === 0 || (topLevel.length === 1 && SHELLS.has(basename(topLevel[0].name)) && !topLevel[0].args.some((a) => a.values?.[0] === '-c'));
  if (!bodiesAreScripts) return commands;
  for (const heredoc of heredocs) {
    if (!heredoc.content) continue;
    commands.push(...extractCommands({ start: heredoc.content.start, text: heredocShellText(text, heredoc.content.start, heredoc.content.end), inHeredoc: true }, shellVars, lines, limits));
  }
  return commands;
}

function blankHeredocMarkers(shell: string): string {
  return shell.replace(/<<-?[ \t]*(['"]?)[A-Za-z_][\w.-]*\1/g, (m) => ' '.repeat(m.length));
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function hasOstreeSignals(stage: Stage): boolean {
  return stage.runs.some((r) => r.commands.some((c) => !c.inSubstitution && (c.name === 'rpm-ostree' || isOstreeContainerCommit(c) || isBootcLint(c))));
}

export function isOstreeContainerCommit(c: ShellCommand): boolean {
  return basename(c.name) === 'ostree' && c.args[0]?.values?.[0] === 'container' && c.args[1]?.values?.[0] === 'commit';
}

export function isBootcLint(c: ShellCommand): boolean {
  return basename(c.name) === 'bootc' && c.args[0]?.values?.[0] === 'container' && c.args[1]?.values?.[0] === 'lint';
}
