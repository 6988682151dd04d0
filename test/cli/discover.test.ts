// `layerlint lint` with no path, a directory or a glob: which files it finds, checked against git's own
// idea of what is ignored (`git ls-files --others --exclude-standard` in a real repository).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../support/cli';

const OKD_TEXT = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile'), 'utf8');

/** A git repository with Containerfiles under every name the CLI looks for, and some it must skip. */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-discover-'));
  execFileSync('git', ['init', '-q', dir]);
  const files: Record<string, string> = {
    Containerfile: OKD_TEXT,
    Dockerfile: OKD_TEXT,
    'app/Containerfile.prod': OKD_TEXT,
    'app/web.containerfile': OKD_TEXT,
    'app/Dockerfile.dev': OKD_TEXT,
    'app/old.dockerfile': OKD_TEXT,
    'app/README.md': 'not a Containerfile\n',
    'app/Containerfile-notes.txt': 'not a Containerfile\n',
    'app/.gitignore': 'generated/\n*.tmp.containerfile\n',
    'app/generated/Containerfile': OKD_TEXT,
    'app/x.tmp.containerfile': OKD_TEXT,
    'build/Containerfile': OKD_TEXT,
    'node_modules/pkg/Dockerfile': OKD_TEXT,
    'local/Containerfile': OKD_TEXT,
    'deep/a/b/c/Containerfile': OKD_TEXT,
    '.gitignore': 'node_modules/\n/build\n',
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, '.git/info/exclude'), 'local/\n');
  return dir;
}

const NAMES = /(^|\/)((Containerfile|Dockerfile)(\..+)?|.+\.(containerfile|dockerfile))$/;

function gitSees(dir: string, under = '.'): string[] {
  const out = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '--', under], { cwd: dir, encoding: 'utf8' });
  return out
    .split('\n')
    .filter((p) => NAMES.test(p))
    .sort();
}

function linted(dir: string, args: string[]): { status: number | null; paths: string[]; stderr: string } {
  const r = cli(['lint', '--format', 'json', ...args], undefined, dir);
  const paths = r.stdout ? JSON.parse(r.stdout).files.map((f: { path: string }) => f.path) : [];
  return { status: r.status, paths, stderr: r.stderr };
}

describe('finding Containerfiles', () => {
  it('with no path: every Containerfile git does not ignore, as git lists them', () => {
    const dir = repository();
    const expected = gitSees(dir);
    expect(expected).toEqual(['Containerfile', 'Dockerfile', 'app/Containerfile.prod', 'app/Dockerfile.dev', 'app/old.dockerfile', 'app/web.containerfile', 'deep/a/b/c/Containerfile']);
    const r = linted(dir, []);
    expect(r.status).toBe(1);
    expect([...r.paths].sort()).toEqual(expected);
  });

  it('a directory: the files below it, with the .gitignore files above it applied', () => {
    const dir = repository();
    const r = linted(dir, ['app']);
    expect([...r.paths].sort()).toEqual(gitSees(dir, 'app'));
    expect(r.paths).toHaveLength(4);
    // From inside a subdirectory the root's .gitignore still applies.
    const inside = linted(join(dir, 'app'), ['.']);
    expect(inside.paths.sort()).toEqual(['Containerfile.prod', 'Dockerfile.dev', 'old.dockerfile', 'web.containerfile']);
  });

  it('a file named explicitly is linted even when ignored or oddly named', () => {
    const dir = repository();
    expect(linted(dir, ['build/Containerfile', 'app/README.md']).paths).toEqual(['build/Containerfile', 'app/README.md']);
  });

  it('globs match below their base, git-ignored files skipped', () => {
    const dir = repository();
    expect(linted(dir, ['app/*.containerfile']).paths).toEqual(['app/web.containerfile']);
    expect(linted(dir, ['**/Containerfile']).paths.sort()).toEqual(['Containerfile', 'deep/a/b/c/Containerfile']);
    expect(linted(dir, ['app/Dockerfile.*', 'Dockerfile']).paths).toEqual(['app/Dockerfile.dev', 'Dockerfile']);
  });

  it('a directory without Containerfiles or a glob matching nothing is named on stderr, exit 2', () => {
    const dir = repository();
    mkdirSync(join(dir, 'empty'));
    const r = linted(dir, ['empty', 'nothing/**/*.containerfile', 'Dockerfile']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('layerlint: no Containerfile found for empty\n');
    expect(r.stderr).toContain('layerlint: no Containerfile found for nothing/**/*.containerfile\n');
    expect(r.paths).toEqual(['Dockerfile']);
  });

  it('outside a git repository nothing is ignored but .git', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-nogit-'));
    mkdirSync(join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/x/Dockerfile'), OKD_TEXT);
    writeFileSync(join(dir, '.gitignore'), 'node_modules/\n');
    // A .gitignore outside a repository is not git's business (git itself ignores it there).
    expect(linted(dir, []).paths).toEqual(['node_modules/x/Dockerfile']);
  });
});

describe('--stdin-filename', () => {
  it('names standard input in every format', () => {
    const text = cli(['lint', '--stdin-filename', 'images/base/Containerfile', '-'], OKD_TEXT);
    expect(text.stdout).toMatch(/^images\/base\/Containerfile:6:5 error kernel-without-initramfs/m);
    const json = JSON.parse(cli(['lint', '--format', 'json', '--stdin-filename', 'images/base/Containerfile', '-'], OKD_TEXT).stdout);
    expect(json.files[0].path).toBe('images/base/Containerfile');
    const sarif = JSON.parse(cli(['lint', '--format', 'sarif', '--stdin-filename', 'images/base/Containerfile', '-'], OKD_TEXT).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('images/base/Containerfile');
  });
});
