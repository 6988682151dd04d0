// Walks a parsed shell fragment and lists its simple commands in execution order, with their
// words evaluated and the shell variables each command sees.
import type { Node, TreeCursor } from 'web-tree-sitter';
import type { ShellCommand, ShellWord } from '../model/types';
import type { LineIndex } from '../text/line-index';
import { IMAGE_KVER } from '../kver';
import { parseShell } from './parser';
import { evalNode, wordValues, type VariableScope } from './words';
import { LimitHits, MAX_NESTING_DEPTH, NESTED_TOO_DEEP } from '../model/limits';

/** Shell variables of one RUN, over the stage's Dockerfile variables. Snapshots are copy-on-write. */
export class ShellVariables implements VariableScope {
  private shared = false;
  constructor(
    private readonly outer: VariableScope,
    private vars = new Map<string, string | undefined>(),
  ) {}

  lookup(name: string): string | undefined | null {
    return this.vars.has(name) ? this.vars.get(name) : this.outer.lookup(name);
  }

  set(name: string, value: string | undefined): void {
    if (this.shared) {
      this.vars = new Map(this.vars);
      this.shared = false;
    }
    this.vars.set(name, value);
  }

  snapshot(): VariableScope {
    this.shared = true;
    return new ShellVariables(this.outer, this.vars);
  }
}

// Programs that run their arguments as a command: `env A=1 dracut …`, `sudo dracut …`.
const LAUNCHERS = new Set(['env', 'sudo', 'exec', 'command', 'nice', 'time', 'nohup']);
const STATEMENT_WRAPPERS = new Set(['redirected_statement', 'pipeline', 'negated_command']);

export interface Fragment {
  /** Document offset of the fragment's first character. */
  start: number;
  text: string;
  inHeredoc: boolean;
  /** How many `sh -c` scripts this fragment is inside. */
  shellDepth?: number;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
/** `sh -c "sh -c '…'"` deeper than this is not read. */
const MAX_SHELL_DEPTH = 8;

export function extractCommands(fragment: Fragment, vars: ShellVariables, lines: LineIndex, limits = new LimitHits()): ShellCommand[] {
  const tree = parseShell(fragment.text);
  try {
    return walk(tree.rootNode, fragment, vars, lines, limits);
  } finally {
    tree.delete();
  }
}

// Nodes that cannot contain a command: the walk does not descend into them.
const LEAVES = new Set([
  'word',
  'string_content',
  'raw_string',
  'ansi_c_string',
  'number',
  'variable_name',
  'comment',
  'file_descriptor',
  'heredoc_body',
  'heredoc_start',
  'heredoc_end',
  'special_variable_name',
  'regex',
  'test_operator',
]);
const SUBSTITUTIONS = new Set(['command_substitution', 'process_substitution']);

// A cursor walk: Node objects are made only for the nodes that matter (they are costly in web-tree-sitter).
function walk(root: Node, fragment: Fragment, vars: ShellVariables, lines: LineIndex, limits: LimitHits): ShellCommand[] {
  const out: ShellCommand[] = [];
  const base = fragment.start;
  const cursor = root.walk();
  const substitutionDepths: number[] = [];
  // Statement wrappers (redirections, pipelines) above the cursor: a command's statement is the
  // outermost of the wrappers directly above it.
  const wrappers: { depth: number; start: number; end: number }[] = [];
  let depth = 0;
  try {
    for (;;) {
      const type = cursor.nodeType;
      let descend = !LEAVES.has(type) && cursor.nodeIsNamed;
      if (descend && depth >= MAX_NESTING_DEPTH) {
        limits.record(base + cursor.startIndex, base + cursor.endIndex, NESTED_TOO_DEEP);
        descend = false;
      }
      while (wrappers.length > 0 && wrappers[wrappers.length - 1].depth >= depth) wrappers.pop();
      if (STATEMENT_WRAPPERS.has(type)) {
        wrappers.push({ depth, start: cursor.startIndex, end: statementEnd(cursor) });
      } else if (type === 'command') {
        let outer: { start: number; end: number } | undefined;
        for (let i = wrappers.length - 1, d = depth - 1; i >= 0 && wrappers[i].depth === d; i--, d--) outer = wrappers[i];
        const cmd = toCommand(cursor.currentNode, fragment, vars, lines, limits, substitutionDepths.length > 0, outer);
        if (cmd) {
          out.push(cmd);
          // A shell inside `$(…)` prints what its script prints: no steps of the build.
          const script = cmd.inSubstitution ? undefined : shellScript(cmd, fragment);
          if (script) {
            if ((fragment.shellDepth ?? 0) >= MAX_SHELL_DEPTH) limits.record(script.start, script.start + script.text.length, NESTED_TOO_DEEP);
            // The child shell's assignments do not come back to this one.
            else {
              cmd.script = { start: script.start, end: script.start + script.text.length };
              out.push(...extractCommands(script, new ShellVariables(vars.snapshot()), lines, limits));
            }
          }
        }
      } else if (type === 'variable_assignment') {
        const node = cursor.currentNode;
        if (node.parent?.type !== 'command') assign(node, vars, base, limits);
      } else if (type === 'for_statement') {
        const node = cursor.currentNode;
        const variable = node.childForFieldName('variable')?.text;
        const values = node.childrenForFieldName('value').filter((v): v is Node => v !== null);
        if (variable) {
          const evaluated = values.map((v) => evalNode(v, vars, base, 0, limits));
          vars.set(variable, evaluated.length === 1 || evaluated.every((v) => v === IMAGE_KVER) ? evaluated[0] : undefined);
        }
      } else if (SUBSTITUTIONS.has(type)) {
        substitutionDepths.push(depth);
      }
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      descend = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return out;
        depth--;
        if (substitutionDepths[substitutionDepths.length - 1] === depth) substitutionDepths.pop();
      }
      // Leaving a substitution sideways (to its next sibling) ends it too.
      if (substitutionDepths[substitutionDepths.length - 1] === depth) substitutionDepths.pop();
    }
  } finally {
    cursor.delete();
  }
}

/**
 * The script of `sh -c '…'`, `bash -euxo pipefail -c "…"` as a fragment of its own, read as the
 * child shell reads it: single-quoted text as it is; in double quotes the backslash of an escape
 * (backslash before a double quote, dollar, backquote or backslash) becomes a blank, so that
 * offsets stay those of the document.
 */
function shellScript(cmd: ShellCommand, fragment: Fragment): Fragment | undefined {
  const name = cmd.name.slice(cmd.name.lastIndexOf('/') + 1);
  if (!SHELLS.has(name)) return undefined;
  let command = false;
  let i = 0;
  for (; i < cmd.args.length; i++) {
    const v = cmd.args[i].values?.length === 1 ? cmd.args[i].values![0] : undefined;
    if (v === undefined) return undefined;
    if (v === '--' || v === '-') {
      i++;
      break;
    }
    if (v.startsWith('--')) continue;
    if (!/^[-+][A-Za-z]+$/.test(v)) break;
    if (v.startsWith('-') && v.includes('c')) command = true;
    // `-o pipefail`, `-euxo pipefail`: each o takes the next word.
    i += (v.match(/o/g) ?? []).length;
  }
  const word = cmd.args[i];
  if (!command || !word) return undefined;
  const at = word.start - fragment.start;
  const raw = fragment.text.slice(at, word.end - fragment.start);
  const shellDepth = (fragment.shellDepth ?? 0) + 1;
  if (/^'[^']*'$/.test(raw)) return { start: word.start + 1, text: raw.slice(1, -1), inHeredoc: fragment.inHeredoc, shellDepth };
  if (/^"(?:[^"\\]|\\.)*"$/s.test(raw)) return { start: word.start + 1, text: raw.slice(1, -1).replace(/\\([$`"\\])/g, ' $1'), inHeredoc: fragment.inHeredoc, shellDepth };
  if (/^[^'"\s]+$/.test(raw)) return { start: word.start, text: raw, inHeredoc: fragment.inHeredoc, shellDepth };
  return undefined;
}

// A heredoc redirection's text includes its body: the statement ends where its first line ends.
function statementEnd(cursor: TreeCursor): number {
  const end = cursor.endIndex;
  if (cursor.nodeType !== 'redirected_statement') return end;
  const text = cursor.currentNode.text;
  if (!text.includes('<<')) return end;
  const nl = text.indexOf('\n');
  return nl >= 0 ? cursor.startIndex + nl : end;
}

function assign(node: Node, vars: ShellVariables, base: number, limits: LimitHits): void {
  const name = node.childForFieldName('name')?.text;
  if (!name) return;
  const value = node.childForFieldName('value');
  vars.set(name, value ? evalNode(value, vars, base, 0, limits) : '');
}

// Ranges are computed on demand: most words are never reported.
class Word implements ShellWord {
  constructor(
    private readonly lines: LineIndex,
    readonly start: number,
    readonly end: number,
    readonly values: string[] | undefined,
  ) {}
  get text(): string {
    return this.lines.text.slice(this.start, this.end);
  }
  get range() {
    return this.lines.range(this.start, this.end);
  }
}

function toWord(node: Node, fragment: Fragment, vars: VariableScope, lines: LineIndex, limits: LimitHits): ShellWord {
  return new Word(lines, fragment.start + node.startIndex, fragment.start + node.endIndex, wordValues(node, vars, fragment.start, limits));
}

// tree-sitter-bash splits some words (`/lib/modules/`\`uname -r\``/extra`) into adjacent nodes;
// for the shell, nodes with no blank between them are one word.
function adjacentGroups(nodes: Node[]): Node[][] {
  const groups: Node[][] = [];
  for (const n of nodes) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1].endIndex === n.startIndex) last.push(n);
    else groups.push([n]);
  }
  return groups;
}

function groupWord(group: Node[], fragment: Fragment, vars: VariableScope, lines: LineIndex, limits: LimitHits): ShellWord {
  const parts = group.map((n) => toWord(n, fragment, vars, lines, limits));
  if (parts.length === 1) return parts[0];
  let values: string[] | undefined = [''];
  for (const p of parts) {
    if (!p.values || !values) {
      values = undefined;
      break;
    }
    values = values.flatMap((a) => p.values!.map((b) => a + b));
    if (values.length > 256) values = undefined;
  }
  return new Word(lines, parts[0].start, parts[parts.length - 1].end, values);
}

function toCommand(
  node: Node,
  fragment: Fragment,
  vars: ShellVariables,
  lines: LineIndex,
  limits: LimitHits,
  inSubstitution: boolean,
  statement: { start: number; end: number } | undefined,
): ShellCommand | undefined {
  const assignments: Record<string, string | undefined> = {};
  let nameNode: Node | null = null;
  const argNodes: Node[] = [];
  const children = node.namedChildren;
  let end = node.endIndex;
  for (const child of children) {
    if (!child) continue;
    if (child.type === 'variable_assignment' && !nameNode) {
      const n = child.childForFieldName('name')?.text;
      const v = child.childForFieldName('value');
      if (n) assignments[n] = v ? evalNode(v, vars, fragment.start, 0, limits) : '';
    } else if (child.type === 'command_name') {
      nameNode = child.namedChildren[0] ?? child;
    } else if (nameNode && child.type !== 'file_redirect' && child.type !== 'herestring_redirect' && child.type !== 'heredoc_redirect') {
      argNodes.push(child);
    }
    if (child && !child.type.endsWith('redirect')) end = child.endIndex;
  }
  if (!nameNode) return undefined;
  const scope: VariableScope = {
    lookup: (n) => (n in assignments ? assignments[n] : vars.lookup(n)),
  };
  let words = [toWord(nameNode, fragment, scope, lines, limits), ...adjacentGroups(argNodes).map((g) => groupWord(g, fragment, scope, lines, limits))];
  // `env A=1 cmd`, `sudo cmd`: the real command is further in.
  while (words.length > 1 && LAUNCHERS.has(words[0].values?.[0] ?? '')) {
    const launcher = words[0].values![0];
    words = words.slice(1);
    while (words.length > 1) {
      const v = words[0].values?.[0] ?? '';
      if (launcher === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) {
        const eq = v.indexOf('=');
        assignments[v.slice(0, eq)] = v.slice(eq + 1);
        words = words.slice(1);
      } else if (v.startsWith('-') && launcher !== 'exec') {
        words = words.slice(1);
      } else break;
    }
  }
  const [nameWord, ...args] = words;
  const start = fragment.start + node.startIndex;
  const endOffset = fragment.start + end;
  return {
    name: nameWord.values?.length === 1 ? nameWord.values[0] : nameWord.text,
    nameWord,
    args,
    assignments,
    env: vars.snapshot(),
    start,
    end: endOffset,
    get range() {
      return lines.range(start, endOffset);
    },
    stmtStart: fragment.start + (statement?.start ?? node.startIndex),
    stmtEnd: fragment.start + (statement?.end ?? end),
    inSubstitution,
    inHeredoc: fragment.inHeredoc,
  };
}

/** The same commands `delta` characters further in a new version of the text (analysis-reuse.ts). */
export function relocateCommands(commands: ShellCommand[], delta: number, lines: LineIndex): ShellCommand[] {
  const word = (w: ShellWord): ShellWord => new Word(lines, w.start + delta, w.end + delta, w.values);
  return commands.map((c) => {
    const start = c.start + delta;
    const end = c.end + delta;
    return {
      name: c.name,
      nameWord: word(c.nameWord),
      args: c.args.map(word),
      assignments: c.assignments,
      env: c.env,
      start,
      end,
      get range() {
        return lines.range(start, end);
      },
      stmtStart: c.stmtStart + delta,
      stmtEnd: c.stmtEnd + delta,
      inSubstitution: c.inSubstitution,
      inHeredoc: c.inHeredoc,
      script: c.script && { start: c.script.start + delta, end: c.script.end + delta },
    };
  });
}
