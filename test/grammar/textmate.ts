// Tokenizes text with the Layerlint grammars through vscode-textmate + vscode-oniguruma, the engine VS Code uses.
//
// Two ways of loading, so both are tested:
// - 'standalone': source.containerfile.layerlint is the root grammar (other editors, tmgrammar tools).
// - 'vscode': the way the extension contributes it — the root is source.dockerfile (VS Code's built-in
//   dockerfile language; a stub with the same kind of rules stands in for it here) and both Layerlint
//   grammars are injections into it, exactly as `injectTo: ["source.dockerfile"]` makes VS Code do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, 'fixtures');

export const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'containerfile.tmLanguage.json');
export const SHELL_INJECTION_PATH = join(ROOT, 'syntaxes', 'containerfile-shell.injection.tmLanguage.json');
export const SHELL_BACKTICK_INJECTION_PATH = join(ROOT, 'syntaxes', 'containerfile-shell-backtick.injection.tmLanguage.json');

export const SCOPE = 'source.containerfile.layerlint';
export const SHELL_INJECTION_SCOPE = 'layerlint.injection.containerfile-shell';
export const SHELL_BACKTICK_INJECTION_SCOPE = 'layerlint.injection.containerfile-shell-backtick';
/** What the extension contributes with `injectTo: ["source.dockerfile"]`. */
export const INJECTIONS = [SCOPE, SHELL_INJECTION_SCOPE, SHELL_BACKTICK_INJECTION_SCOPE];

const FILES: Record<string, string> = {
  [SCOPE]: GRAMMAR_PATH,
  [SHELL_INJECTION_SCOPE]: SHELL_INJECTION_PATH,
  [SHELL_BACKTICK_INJECTION_SCOPE]: SHELL_BACKTICK_INJECTION_PATH,
  // LAYERLINT_SHELL_GRAMMAR=/path/to/shell-unix-bash.tmLanguage.json runs the tests against VS Code's own
  // shell grammar (extensions/shellscript in a VS Code install); by default a stub written for these tests.
  'source.shell': process.env.LAYERLINT_SHELL_GRAMMAR || join(FIXTURES, 'shell-stub.tmLanguage.json'),
  'source.dockerfile': join(FIXTURES, 'dockerfile-base-stub.tmLanguage.json'),
};

export type Mode = 'standalone' | 'vscode';
export const MODES: Mode[] = ['standalone', 'vscode'];

let onig: Promise<vsctm.IOnigLib> | undefined;
function onigLib(): Promise<vsctm.IOnigLib> {
  onig ??= (async () => {
    const require = createRequire(__filename);
    const wasm = readFileSync(join(require.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onig;
}

const grammars = new Map<Mode, Promise<vsctm.IGrammar>>();

export function loadGrammar(mode: Mode): Promise<vsctm.IGrammar> {
  let g = grammars.get(mode);
  if (!g) {
    const registry = new vsctm.Registry({
      onigLib: onigLib(),
      loadGrammar: async (scopeName) => {
        const file = FILES[scopeName];
        if (!file) return null;
        return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      },
      getInjections: (scopeName) => (mode === 'vscode' && scopeName === 'source.dockerfile' ? INJECTIONS : undefined),
    });
    g = registry.loadGrammar(mode === 'vscode' ? 'source.dockerfile' : SCOPE).then((grammar) => {
      if (!grammar) throw new Error(`grammar for ${mode} did not load`);
      return grammar;
    });
    grammars.set(mode, g);
  }
  return g;
}

export interface Token {
  line: number;
  start: number;
  end: number;
  text: string;
  scopes: string[];
}

export class Tokenized {
  constructor(
    readonly lines: string[],
    readonly tokens: Token[][],
  ) {}

  /** Tokens covering the `occurrence`-th `needle` on line `line` (0-based); fails when the needle is absent. */
  at(line: number, needle: string, occurrence = 1): Token[] {
    const text = this.lines[line];
    if (text === undefined) throw new Error(`no line ${line}`);
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = text.indexOf(needle, at + 1);
      if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not on line ${line}: ${text}`);
    }
    const end = at + needle.length;
    return this.tokens[line].filter((t) => t.start < end && t.end > at);
  }

  /** Scopes shared by every token covering the needle (what a theme sees for the whole needle). */
  scopes(line: number, needle: string, occurrence = 1): string[] {
    const toks = this.at(line, needle, occurrence);
    if (toks.length === 0) return [];
    return toks[0].scopes.filter((s) => toks.every((t) => t.scopes.includes(s)));
  }

  /** A readable dump for failure messages. */
  dump(line: number): string {
    return this.tokens[line].map((t) => `${JSON.stringify(t.text)} ${t.scopes.join(' ')}`).join('\n');
  }
}

export async function tokenize(text: string, mode: Mode): Promise<Tokenized> {
  const grammar = await loadGrammar(mode);
  const lines = text.split('\n');
  let state = vsctm.INITIAL;
  const tokens: Token[][] = [];
  lines.forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, state);
    tokens.push(
      r.tokens.map((t) => ({
        line,
        start: t.startIndex,
        end: Math.min(t.endIndex, lineText.length),
        text: lineText.slice(t.startIndex, t.endIndex),
        scopes: t.scopes,
      })),
    );
    if (r.stoppedEarly) throw new Error(`tokenization stopped early on line ${line}`);
    state = r.ruleStack;
  });
  return new Tokenized(lines, tokens);
}
