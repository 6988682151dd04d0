// The npm package: `npm pack` of the built tree, then `npx layerlint` from the tarball in an empty
// directory with an empty npm cache, offline (the package has no run-time dependencies: all is bundled).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { offlineNpmEnv } from '../support/npm-env';

const scratch = mkdtempSync(join(tmpdir(), 'layerlint-npm-'));
let tarball = '';
let files: string[] = [];

beforeAll(() => {
  // --ignore-scripts: nothing rebuilds dist/ under the other test files' feet.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [packed] = JSON.parse(out);
  tarball = join(scratch, packed.filename);
  files = packed.files.map((f: { path: string }) => f.path);
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** npx in a fresh directory with a fresh HOME and npm cache, no network. */
function npx(args: string[], cwd: string, input?: string) {
  const home = mkdtempSync(join(scratch, 'home-'));
  return spawnSync('npx', ['--yes', '--package', tarball, ...args], { cwd, env: offlineNpmEnv(home), encoding: 'utf8', input });
}

describe('the npm package', () => {
  it('is publishable: not private, a files list', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.files).toEqual(expect.arrayContaining(['schema/layerlint.schema.json', 'LICENSE']));
  });

  it('holds the bundles, wasm, rule docs, schema and licence; no tests, sources, maps or screenshots', () => {
    for (const f of [
      'package.json',
      'dist/cli.js',
      'dist/cli-main.js',
      'dist/cli-platforms.js',
      'dist/server.js',
      'dist/dockerfile-worker.js',
      'dist/tree-sitter.wasm',
      'dist/tree-sitter-bash.wasm',
      'schema/layerlint.schema.json',
      'docs/rules/kernel-without-initramfs.md',
      'LICENSE',
      'README.md',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /\.map$|\.ts$|^test\/|^server\/|^client\/|^scripts\/|screenshots|node_modules/.test(f))).toEqual([]);
  });

  it('npx layerlint lint works from the tarball, with a .layerlint.yaml', () => {
    const project = mkdtempSync(join(scratch, 'project-'));
    writeFileSync(join(project, 'Containerfile'), readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile')));
    const r = npx(['layerlint', 'lint'], project);
    expect(r.stderr).not.toMatch(/ERR!|cannot load/);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Containerfile:6:5 error kernel-without-initramfs /m);
    writeFileSync(join(project, '.layerlint.yaml'), 'ignore: [kernel-without-initramfs, cliwrap-same-run]\n');
    const configured = npx(['layerlint', 'lint', '--format', 'json'], project);
    expect(configured.status).toBe(0);
    expect(JSON.parse(configured.stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['cliwrap-deprecated']);
  });

  it('npx layerlint-language-server --version and layerlint rules', () => {
    const dir = mkdtempSync(join(scratch, 'empty-'));
    mkdirSync(join(dir, 'x'));
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(npx(['layerlint-language-server', '--version'], dir)).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(npx(['layerlint', 'rules'], dir).stdout).toMatch(/^kernel-without-initramfs +error +/);
  });
});
