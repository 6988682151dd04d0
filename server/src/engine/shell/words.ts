// Static evaluation of shell words: quote removal, variable substitution, brace expansion and the
// recognised `$(…)` forms that read a kernel version. Anything else is unknown (undefined).
import expandBraces from 'brace-expansion';
import type { Node } from 'web-tree-sitter';
import { IMAGE_KVER, hostKverMarker } from '../kver';
import { MAX_VALUE_LENGTH, VALUE_TOO_LONG, type LimitHits } from '../model/limits';

/** Variables visible to a command: shell variables of the RUN over the stage's ARG/ENV values. */
export interface VariableScope {
  /** undefined: not known statically; null: not defined here. */
  lookup(name: string): string | undefined | null;
}

const MAX_DEPTH = 32;
// The same words come back on every keystroke in the editor; brace expansion is the costly part.
const braceCache = new Map<string, string[]>();
const MAX_EXPANSIONS = 256;

/** Evaluates a word to its possible values (brace expansion can give several); undefined when unknown. */
export function wordValues(node: Node, scope: VariableScope, offset: number, limits?: LimitHits): string[] | undefined {
  const value = evalNode(node, scope, offset, 0, limits);
  if (value === undefined) return undefined;
  if ((node.type === 'word' || node.type === 'concatenation') && /\{[^}]*(,|\.\.)[^}]*\}/.test(node.text) && isUnquoted(node)) {
    const expanded = braceCache.get(value) ?? expandBraces(value);
    if (braceCache.size > 2000) braceCache.clear();
    braceCache.set(value, expanded);
    return expanded.length > MAX_EXPANSIONS ? undefined : expanded;
  }
  return [value];
}

function isUnquoted(node: Node): boolean {
  if (node.type === 'word') return true;
  return node.namedChildren.every((c) => c !== null && (c.type === 'word' || c.type === 'simple_expansion' || c.type === 'expansion'));
}

export function evalNode(node: Node, scope: VariableScope, offset: number, depth: number, limits?: LimitHits): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  switch (node.type) {
    case 'word':
    case 'number':
      return unescapeWord(node.text);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'ansi_c_string':
      return node.text.slice(2, -1);
    case 'string_content':
      return node.text.replace(/\\([$`"\\\n])/g, '$1');
    case 'string':
    case 'concatenation': {
      let out = '';
      for (const child of node.namedChildren) {
        if (!child) continue;
        const v = evalNode(child, scope, offset, depth + 1, limits);
        if (v === undefined) return undefined;
        if (out.length + v.length > MAX_VALUE_LENGTH) {
          limits?.record(offset + node.startIndex, offset + node.endIndex, VALUE_TOO_LONG);
          return undefined;
        }
        out += v;
      }
      if (node.type === 'string' && node.namedChildren.length === 0) return node.text.slice(1, -1);
      return out;
    }
    case 'simple_expansion': {
      const name = node.namedChildren[0]?.text;
      return name ? lookup(scope, name) : undefined;
    }
    case 'expansion':
      return evalExpansion(node.text, scope);
    case 'command_substitution':
      return recogniseSubstitution(node, offset, depth);
    default:
      return undefined;
  }
}

function lookup(scope: VariableScope, name: string): string | undefined {
  const v = scope.lookup(name);
  return v === null ? undefined : v;
}

function evalExpansion(text: string, scope: VariableScope): string | undefined {
  const simple = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text);
  if (simple) return lookup(scope, simple[1]);
  const withDefault = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)-([^}$`"']*)\}$/.exec(text);
  if (withDefault) {
    const v = scope.lookup(withDefault[1]);
    if (v === undefined) return undefined;
    if (v === null || (withDefault[2] === ':' && v === '')) return withDefault[3];
    return v;
  }
  return undefined;
}

function unescapeWord(text: string): string {
  return text.includes('\\') ? text.replace(/\\(.)/gs, '$1') : text;
}

const FILTERS = new Set(['head', 'tail', 'sort', 'grep', 'uniq', 'sed', 'cut', 'awk', 'tr']);
// VERSION-RELEASE.ARCH as rpm/dnf query formats write it (`%{evr}` is VERSION-RELEASE for a kernel: no epoch).
const KVER_QUERY = /%\{version\}-%\{release\}\.%\{arch\}|%\{evr\}\.%\{arch\}/i;
const MODULES_DIR = /^\/(usr\/)?lib\/modules\/?$/;

/**
 * `$(uname -r)` → the build host's kernel; `$(rpm -q … kernel…)`, `$(ls /usr/lib/modules)`,
 * `$(cd /usr/lib/modules && echo *)` (bootc docs), `$(dnf repoquery --installed … kernel)` → the image's.
 */
function recogniseSubstitution(node: Node, offset: number, depth: number): string | undefined {
  const inner = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (inner.length !== 1) return undefined;
  if (inner[0].type === 'list') return listsModulesDir(inner[0]) ? IMAGE_KVER : undefined;
  let stages: Node[];
  if (inner[0].type === 'command') stages = [inner[0]];
  else if (inner[0].type === 'pipeline') stages = inner[0].namedChildren.filter((c): c is Node => c !== null);
  else return undefined;
  if (stages.some((s) => s.type !== 'command')) return undefined;
  const [first, ...rest] = stages.map((s) => literalArgv(s, depth + 1));
  if (!first || rest.some((argv) => !argv || !FILTERS.has(argv[0]))) return undefined;
  const [name, ...args] = first;
  if (name === 'uname' && rest.length === 0 && (args.join(' ') === '-r' || args.join(' ') === '--kernel-release')) {
    return hostKverMarker(offset + node.startIndex, offset + node.endIndex);
  }
  if (name === 'rpm' && readsImageKernelWithRpm(args, rest)) return IMAGE_KVER;
  if ((name === 'dnf' || name === 'dnf5') && args[0] === 'repoquery' && args.includes('--installed') && readsImageKernelWithRpm(['-q', ...args.slice(1)], rest)) return IMAGE_KVER;
  const modulesDir = (a: string) => MODULES_DIR.test(a);
  if (name === 'ls' && args.some(modulesDir) && args.every((a) => modulesDir(a) || /^-[1A]+$/.test(a))) return IMAGE_KVER;
  if (name === 'basename' && args.length === 1 && /^\/(usr\/)?lib\/modules\/\*$/.test(args[0])) return IMAGE_KVER;
  return undefined;
}

/** `cd /usr/lib/modules && echo *` (or `; ls`): the names of the installed kernels. */
function listsModulesDir(list: Node): boolean {
  const parts = list.namedChildren.filter((c): c is Node => c !== null);
  if (parts.length !== 2 || parts.some((p) => p.type !== 'command')) return false;
  const [cd, show] = parts.map((p) => literalArgv(p));
  if (!cd || !show || cd[0] !== 'cd' || cd.length !== 2 || !MODULES_DIR.test(cd[1])) return false;
  return (show[0] === 'echo' && show.length === 2 && show[1] === '*') || (show[0] === 'ls' && show.slice(1).every((a) => /^-[1A]+$/.test(a)));
}

/**
 * An rpm query of the image's kernel packages: with a VERSION-RELEASE.ARCH format, or `rpm -qa`
 * filtered for kernel packages (`rpm -qa | grep -P 'kernel-(\d+…)' | sed …`).
 */
function readsImageKernelWithRpm(args: string[], filters: (string[] | undefined)[]): boolean {
  let query = false;
  let all = false;
  let format: string | undefined;
  const packages: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--qf' || a === '--queryformat') format = args[++i];
    else if (a.startsWith('--qf=') || a.startsWith('--queryformat=')) format = a.slice(a.indexOf('=') + 1);
    else if (/^-q[a]*$/.test(a) || a === '--query') {
      query = true;
      all ||= a.includes('a');
    } else if (a === '--installed' || a === '--latest-limit=1') continue;
    else if (!a.startsWith('-')) packages.push(a);
  }
  if (!query) return false;
  const kernelPackages = packages.length > 0 && packages.every((p) => /^kernel(-[a-z0-9]+)*\*?$/.test(p));
  if (format !== undefined && KVER_QUERY.test(format) && kernelPackages) return true;
  return all && packages.length === 0 && format === undefined && filters.some((f) => f?.[0] === 'grep' && f.some((w) => w.includes('kernel')));
}

/** The argv of a command made only of literal words (no variables), else undefined. */
function literalArgv(node: Node, depth = 0): string[] | undefined {
  const out: string[] = [];
  const none: VariableScope = { lookup: () => undefined };
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'variable_assignment' || child.type === 'file_redirect') return undefined;
    const target = child.type === 'command_name' ? child.namedChildren[0] : child;
    if (!target) return undefined;
    // Shallow words only; `depth` bounds nested `$(…)` (each level evaluates the next).
    const v = evalNode(target, none, 0, Math.max(depth, MAX_DEPTH - 2));
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
