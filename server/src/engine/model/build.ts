// Reads a Containerfile the way a build would: stages, ARG/ENV values, and the shell commands of
// every RUN (command line and heredoc scripts) with their source ranges.
import { DockerfileParser, type Heredoc, type Instruction, type Run } from 'dockerfile-ast';
import type { Range } from 'vscode-languageserver-types';
import { extractCommands, relocateCommands, ShellVariables, type Fragment } from '../shell/commands';
import { heredocShellText, runShellText } from '../shell/shell-text';
import { LineIndex } from '../text/line-index';
import { familyOf, OSTREE_UNKNOWN } from './family';
import type { RunReuse } from './run-reuse';
import type { DocumentModel, RunModel, ShellCommand, Stage } from './types';
import { DockerfileVariables, substitute } from './variables';

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
}

/**
 * dockerfile-ast mis-parses a heredoc written with a blank after `<<` (`RUN cat << 'EOF'`,
 * rcjsuen/dockerfile-utils#130): move the blank behind the delimiter. Same length, so offsets hold.
 */
export function normaliseForDockerfileParser(text: string): string {
  let out = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  if (out.includes('<<')) {
    out = out.replace(/^([ \t]*RUN\b[^\n]*)$/gim, (line) =>
      line.replace(/<<(-?)([ \t]+)(['"]?)([A-Za-z_][\w.-]*)(['"]?)/g, (_m, dash, blank, q1, name, q2) => `<<${dash}${q1}${name}${q2}${blank}`),
    );
  }
  return out;
}

/** Words every rule input contains (rpm-ostree, rpm, dnf, yum, dracut, uname, depmod, kmod tools, bootc…). */
const RELEVANT = /rpm|ostree|bootc|dracut|dnf|yum|uname|depmod|akmod|dkms|kmod|modules|kernel|initramfs/;

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

export function buildDocument(text: string, buildArgs: Record<string, string> = {}, reuse?: RunReuse): ParsedDocument {
  const lines = new LineIndex(text);
  const parsed = DockerfileParser.parse(normaliseForDockerfileParser(text));
  const escapeChar = parsed.getEscapeCharacter();
  const globalArgs = new DockerfileVariables();
  const stages: Stage[] = [];
  const stageVars: DockerfileVariables[] = [];
  const instructions: InstructionInfo[] = [];
  let current: Stage | undefined;
  let vars = globalArgs;

  for (const instruction of parsed.getInstructions()) {
    const range = instruction.getRange();
    const info: InstructionInfo = {
      keyword: instruction.getKeyword(),
      range,
      start: lines.offsetAt(range.start),
      end: lines.offsetAt(range.end),
      stage: current?.index,
    };
    instructions.push(info);
    const keyword = info.keyword;
    if (keyword === 'FROM') {
      current = startStage(instruction, stages, globalArgs, escapeChar);
      info.stage = current.index;
      const parentVars = current.parent !== undefined ? stageVars[current.parent] : undefined;
      vars = parentVars ? parentVars.copy() : new DockerfileVariables();
      stages.push(current);
      stageVars.push(vars);
    } else if (keyword === 'ARG') {
      for (const p of (instruction as unknown as PropertyInstruction).getProperties()) {
        const name = p.getName();
        const def = p.getValue();
        const value = name in buildArgs ? buildArgs[name] : def !== null ? substitute(def, vars, escapeChar) : current ? globalArgs.lookup(name) ?? undefined : undefined;
        vars.set(name, value);
      }
    } else if (keyword === 'ENV' && current) {
      for (const p of (instruction as unknown as PropertyInstruction).getProperties()) {
        const def = p.getValue();
        vars.set(p.getName(), def === null ? undefined : substitute(def, vars, escapeChar));
      }
    } else if (keyword === 'RUN' && current) {
      current.runs.push(buildRun(instruction as Run, instructions.length - 1, text, lines, escapeChar, vars, reuse));
    }
    if (current) current.range = { start: current.range.start, end: range.end };
  }

  reuse?.endBuild();
  for (const stage of stages) {
    if (stage.base === null && stage.parent === undefined && hasOstreeSignals(stage)) stage.base = OSTREE_UNKNOWN;
  }
  for (const stage of stages) {
    if (stage.parent !== undefined && stage.base === null) stage.base = stages[stage.parent].base;
  }
  return { text, lines, model: { escapeChar, stages }, instructions };
}

interface PropertyInstruction {
  getProperties(): { getName(): string; getValue(): string | null }[];
}

function startStage(instruction: Instruction, stages: Stage[], globalArgs: DockerfileVariables, escapeChar: string): Stage {
  const from = instruction as unknown as {
    getImage(): string | null;
    getImageRange(): Range | null;
    getBuildStage(): string | null;
  };
  const range = instruction.getRange();
  const imageText = from.getImage() ?? undefined;
  const image = imageText !== undefined ? substitute(imageText, globalArgs, escapeChar) : undefined;
  const parentIndex = image !== undefined ? stages.findIndex((s) => s.name !== undefined && s.name === image.toLowerCase()) : -1;
  const parent = parentIndex >= 0 ? parentIndex : undefined;
  return {
    index: stages.length,
    name: from.getBuildStage()?.toLowerCase() ?? undefined,
    range,
    fromRange: range,
    imageText,
    imageRange: from.getImageRange() ?? undefined,
    image,
    parent,
    base: parent === undefined && image !== undefined ? familyOf(image) : null,
    runs: [],
  };
}

function buildRun(run: Run, index: number, text: string, lines: LineIndex, escapeChar: string, vars: DockerfileVariables, reuse?: RunReuse): RunModel {
  const range = run.getRange();
  const keywordRange = run.getInstructionRange();
  const keywordEnd = lines.offsetAt(keywordRange.end);
  const end = lines.offsetAt(range.end);
  // dockerfile-ast re-reads the arguments for every flag or range query: ask only when there are flags.
  const hasFlags = /^(?:\s|\\\r?\n|`\r?\n)*--/.test(text.slice(keywordEnd, Math.min(end, keywordEnd + 200)));
  const flags = hasFlags
    ? run.getFlags().map((f) => {
        const r = f.getRange();
        return { name: f.getName(), value: f.getValue(), range: r, start: lines.offsetAt(r.start), end: lines.offsetAt(r.end) };
      })
    : [];
  const model: RunModel = { index, range, keywordRange, flags, commands: [], execForm: false };
  // Blanks and continuations before the first argument are harmless to the shell.
  const argsStart = flags.length > 0 ? flags[flags.length - 1].end : keywordEnd;
  if (argsStart >= end) return model;
  const source = text.slice(argsStart, end);
  if (source.trimStart().startsWith('[') && isJsonArray(run.getRawArgumentsContent() ?? '')) {
    model.execForm = true;
    return model;
  }
  // A RUN that names none of the programs the rules read cannot matter to them: skip its shell parse.
  if (!RELEVANT.test(source)) return model;
  // `uname -r` values carry their document offsets (kver.ts): such RUNs are always evaluated afresh.
  const key = reuse && !source.includes('uname') ? `${escapeChar}\u0000${vars.signature()}\u0000${source}` : undefined;
  const earlier = key !== undefined ? reuse!.get(key) : undefined;
  model.commands = earlier ? relocateCommands(earlier.commands, argsStart - earlier.start, lines) : shellCommands(run, text, lines, escapeChar, vars, argsStart, end, source);
  if (key !== undefined) reuse!.set(key, argsStart, model.commands);
  return model;
}

function shellCommands(run: Run, text: string, lines: LineIndex, escapeChar: string, vars: DockerfileVariables, argsStart: number, end: number, source: string): ShellCommand[] {
  const shellVars = new ShellVariables(vars.copy());
  // getHeredocs() re-reads the instruction's arguments: only ask when there can be one.
  const heredocs = source.includes('<<') ? run.getHeredocs().filter((h) => h.getName() !== '') : [];
  if (heredocs.length === 0) {
    return extractCommands({ start: argsStart, text: runShellText(text, argsStart, end, escapeChar), inHeredoc: false }, shellVars, lines);
  }
  const commandLineEnd = Math.min(end, lines.lineEnd(heredocs[0].getStartRange().start.line));
  const commandLine: Fragment = {
    start: argsStart,
    text: blankHeredocMarkers(runShellText(text, argsStart, commandLineEnd, escapeChar)),
    inHeredoc: false,
  };
  const lineCommands = extractCommands(commandLine, shellVars, lines);
  const commands = [...lineCommands];
  const topLevel = lineCommands.filter((c) => !c.inSubstitution);
  const bodiesAreScripts =
    topLevel.length === 0 ||
    (topLevel.length === 1 && SHELLS.has(basename(topLevel[0].name)) && !topLevel[0].args.some((a) => a.values?.[0] === '-c'));
  if (!bodiesAreScripts) return commands;
  for (const heredoc of heredocs) {
    const body = heredocBody(heredoc, lines);
    if (!body) continue;
    commands.push(...extractCommands({ start: body.start, text: heredocShellText(text, body.start, body.end), inHeredoc: true }, shellVars, lines));
  }
  return commands;
}

function heredocBody(heredoc: Heredoc, lines: LineIndex): { start: number; end: number } | undefined {
  const content = heredoc.getContentRange();
  if (!content) return undefined;
  return { start: lines.offsetAt(content.start), end: lines.offsetAt(content.end) };
}

function blankHeredocMarkers(shell: string): string {
  return shell.replace(/<<-?[ \t]*(['"]?)[A-Za-z_][\w.-]*\1/g, (m) => ' '.repeat(m.length));
}

function isJsonArray(s: string): boolean {
  try {
    return Array.isArray(JSON.parse(s));
  } catch {
    return false;
  }
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
