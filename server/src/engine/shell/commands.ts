// Walks a parsed shell fragment and lists its simple commands in execution order, with their
// words evaluated and the shell variables each command sees.
import type { Node } from 'web-tree-sitter';
import type { ShellCommand, ShellWord } from '../model/types';
import type { LineIndex } from '../text/line-index';
import { IMAGE_KVER } from '../kver';
import { parseShell } from './parser';
import { evalNode, wordValues, type VariableScope } from './words';

/** Shell variables of one RUN, over the stage's Dockerfile variables. */
export class ShellVariables implements VariableScope {
  constructor(
    private readonly outer: VariableScope,
    private readonly vars = new Map<string, string | undefined>(),
  ) {}

  lookup(name: string): string | undefined | null {
    return this.vars.has(name) ? this.vars.get(name) : this.outer.lookup(name);
  }

  set(name: string, value: string | undefined): void {
    this.vars.set(name, value);
  }

  snapshot(): VariableScope {
    return new ShellVariables(this.outer, new Map(this.vars));
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
}

export function extractCommands(fragment: Fragment, vars: ShellVariables, lines: LineIndex): ShellCommand[] {
  const tree = parseShell(fragment.text);
  try {
    return walk(tree.rootNode, fragment, vars, lines);
  } finally {
    tree.delete();
  }
}

function walk(root: Node, fragment: Fragment, vars: ShellVariables, lines: LineIndex): ShellCommand[] {
  const out: ShellCommand[] = [];
  const base = fragment.start;
  const stack: { node: Node; inSubstitution: boolean }[] = [{ node: root, inSubstitution: false }];
  while (stack.length > 0) {
    const { node, inSubstitution } = stack.pop()!;
    const type = node.type;
    if (type === 'command') {
      const cmd = toCommand(node, fragment, vars, lines, inSubstitution);
      if (cmd) out.push(cmd);
    } else if (type === 'variable_assignment' && node.parent?.type !== 'command') {
      assign(node, vars, base);
    } else if (type === 'for_statement') {
      const variable = node.childForFieldName('variable')?.text;
      const values = node.childrenForFieldName('value').filter((v): v is Node => v !== null);
      if (variable) {
        const evaluated = values.map((v) => evalNode(v, vars, base, 0));
        vars.set(variable, evaluated.length === 1 || evaluated.every((v) => v === IMAGE_KVER) ? evaluated[0] : undefined);
      }
    }
    const children = node.namedChildren;
    const childInSubstitution = inSubstitution || type === 'command_substitution' || type === 'process_substitution';
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c && !(type === 'variable_assignment' && c.type === 'variable_name')) stack.push({ node: c, inSubstitution: childInSubstitution });
    }
  }
  return out;
}

function assign(node: Node, vars: ShellVariables, base: number): void {
  const name = node.childForFieldName('name')?.text;
  if (!name) return;
  const value = node.childForFieldName('value');
  vars.set(name, value ? evalNode(value, vars, base, 0) : '');
}

function toWord(node: Node, fragment: Fragment, vars: VariableScope, lines: LineIndex): ShellWord {
  const start = fragment.start + node.startIndex;
  const end = fragment.start + node.endIndex;
  return { text: lines.text.slice(start, end), start, end, range: lines.range(start, end), values: wordValues(node, vars, fragment.start) };
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

function groupWord(group: Node[], fragment: Fragment, vars: VariableScope, lines: LineIndex): ShellWord {
  const parts = group.map((n) => toWord(n, fragment, vars, lines));
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
  const start = parts[0].start;
  const end = parts[parts.length - 1].end;
  return { text: lines.text.slice(start, end), start, end, range: lines.range(start, end), values };
}

function toCommand(node: Node, fragment: Fragment, vars: ShellVariables, lines: LineIndex, inSubstitution: boolean): ShellCommand | undefined {
  const assignments: Record<string, string | undefined> = {};
  let nameNode: Node | null = null;
  const argNodes: Node[] = [];
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'variable_assignment' && !nameNode) {
      const n = child.childForFieldName('name')?.text;
      const v = child.childForFieldName('value');
      if (n) assignments[n] = v ? evalNode(v, vars, fragment.start, 0) : '';
    } else if (child.type === 'command_name') {
      nameNode = child.namedChildren[0] ?? child;
    } else if (nameNode && child.type !== 'file_redirect' && child.type !== 'herestring_redirect' && child.type !== 'heredoc_redirect') {
      argNodes.push(child);
    }
  }
  if (!nameNode) return undefined;
  const scope: VariableScope = {
    lookup: (n) => (n in assignments ? assignments[n] : vars.lookup(n)),
  };
  let words = [toWord(nameNode, fragment, scope, lines), ...adjacentGroups(argNodes).map((g) => groupWord(g, fragment, scope, lines))];
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
  let stmt: Node = node;
  while (stmt.parent && STATEMENT_WRAPPERS.has(stmt.parent.type)) stmt = stmt.parent;
  const start = fragment.start + node.startIndex;
  const end = fragment.start + (lastNonRedirectEnd(node) ?? node.endIndex);
  return {
    name: nameWord.values?.length === 1 ? nameWord.values[0] : nameWord.text,
    nameWord,
    args,
    assignments,
    env: vars.snapshot(),
    start,
    end,
    range: lines.range(start, end),
    stmtStart: fragment.start + stmt.startIndex,
    stmtEnd: fragment.start + stmtEndIndex(stmt),
    inSubstitution,
    inHeredoc: fragment.inHeredoc,
  };
}

function lastNonRedirectEnd(node: Node): number | undefined {
  let end: number | undefined;
  for (const c of node.namedChildren) if (c && !c.type.endsWith('redirect')) end = c.endIndex;
  return end;
}

// A heredoc redirect's end includes its body; the statement ends where its first line ends.
function stmtEndIndex(stmt: Node): number {
  let end = stmt.endIndex;
  for (const c of stmt.namedChildren) {
    const nl = c?.type === 'heredoc_redirect' ? c.text.indexOf('\n') : -1;
    if (c && nl >= 0) end = Math.min(end, c.startIndex + nl);
  }
  return end;
}
