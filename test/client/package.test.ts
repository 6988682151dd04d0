// `npm run package`: the .vsix holds the bundles, grammar, snippets and rule documentation, nothing else
// of the repository.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine/catalog';

const root = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'layerlint-vsix-'));
const vsix = join(dir, 'layerlint.vsix');
let files: string[] = [];
let output = '';

beforeAll(async () => {
  // dist/ is built by npm test (global setup checks it); rebuilding here would rewrite bundles that
  // other test files are running, so only the vsce step runs, in a child process that does not hold
  // this worker up.
  ({ stdout: output } = await promisify(execFile)(process.execPath, [join(root, 'scripts/package.mjs')], {
    cwd: root,
    env: { ...process.env, LAYERLINT_VSIX: vsix, LAYERLINT_SKIP_BUILD: '1' },
    encoding: 'utf8',
  }));
  const listing = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' });
  files = listing.split('\n').filter(Boolean);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packaged extension', () => {
  it('is under 3 MB and reports its size', () => {
    const bytes = statSync(vsix).size;
    expect(bytes).toBeLessThan(3 * 1024 * 1024);
    expect(output).toContain(`${bytes} bytes`);
  });

  it('contains the bundles, the grammar, the snippets and the icon', () => {
    for (const f of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/language-client.js',
      'extension/dist/server.js',
      'extension/dist/dockerfile-worker.js',
      'extension/dist/tree-sitter.wasm',
      'extension/dist/tree-sitter-bash.wasm',
      'extension/syntaxes/containerfile.tmLanguage.json',
      'extension/syntaxes/containerfile-shell.injection.tmLanguage.json',
      'extension/syntaxes/containerfile-shell-backtick.injection.tmLanguage.json',
      'extension/snippets/containerfile.json',
      'extension/images/icon.png',
    ])
      expect(files).toContain(f);
  });

  it('leaves out the command-line tool (bundles and code caches)', () => {
    expect(files.filter((f) => /^extension\/dist\/cli|\.cache$/.test(f))).toEqual([]);
  });

  it('leaves out node_modules, sources, tests, scripts and source maps', () => {
    expect(files.filter((f) => f.includes('node_modules/'))).toEqual([]);
    expect(files.filter((f) => /\.(ts|mts|map)$/.test(f))).toEqual([]);
    expect(files.filter((f) => /^extension\/(client|server|test|scripts|examples)\//.test(f))).toEqual([]);
  });

  it('ships the rule documentation, every page and nothing else of docs/, for offline reading', () => {
    const docs = files.filter((f) => f.startsWith('extension/docs/')).sort();
    expect(docs).toEqual([...RULES.map((r) => `extension/docs/rules/${r.code}.md`), 'extension/docs/rules/README.md'].sort());
  });

  it('points package.json at the files it ships', () => {
    const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' }));
    expect(files).toContain(`extension/${manifest.main.replace(/^\.\//, '')}`);
    expect(files).toContain(`extension/${manifest.icon}`);
    for (const g of manifest.contributes.grammars) expect(files).toContain(`extension/${g.path.replace(/^\.\//, '')}`);
    for (const s of manifest.contributes.snippets) expect(files).toContain(`extension/${s.path.replace(/^\.\//, '')}`);
  });
});
