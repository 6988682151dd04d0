// .pre-commit-hooks.yaml with Debian's pre-commit: the manifest validates, and a repository using the
// `layerlint-system` hook gets exactly its Containerfiles linted (the `files:` regex), failing the commit
// on an error finding. The `layerlint` on PATH is the built CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli';

const OKD_TEXT = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile'), 'utf8');
const CLEAN_TEXT = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile.fixed'), 'utf8');
const manifest = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

function env(home: string, bin: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, PRE_COMMIT_HOME: join(home, 'pre-commit'), PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' };
}

describe('pre-commit', () => {
  it('validates the hooks manifest', () => {
    const r = spawnSync('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it('runs layerlint-system on the Containerfiles only, and fails on an error finding', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'layerlint-pre-commit-'));
    // The hook repository: the manifest at a commit.
    const hooks = join(scratch, 'hooks');
    mkdirSync(hooks);
    git(hooks, 'init', '-q');
    writeFileSync(join(hooks, '.pre-commit-hooks.yaml'), manifest);
    git(hooks, 'add', '.');
    git(hooks, 'commit', '-qm', 'hooks');
    const rev = git(hooks, 'rev-parse', 'HEAD').trim();
    // `layerlint` on PATH: the built CLI, logging the files it was given.
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    const log = join(scratch, 'args.log');
    writeFileSync(join(bin, 'layerlint'), `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'layerlint'), 0o755);
    // The project.
    const project = join(scratch, 'project');
    mkdirSync(project);
    git(project, 'init', '-q');
    const files: Record<string, string> = {
      Containerfile: CLEAN_TEXT,
      'images/okd/Containerfile.okd': OKD_TEXT,
      'images/app.containerfile': CLEAN_TEXT,
      'docker/Dockerfile': CLEAN_TEXT,
      'docker/Dockerfile.dev': CLEAN_TEXT,
      'docker/tool.dockerfile': CLEAN_TEXT,
      'README.md': '# not a Containerfile\n',
      'docs/Containerfile-guide.txt': 'not a Containerfile\n',
      'docs/MyContainerfile': 'not a Containerfile\n',
      '.pre-commit-config.yaml': `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: layerlint-system\n`,
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(project, name)), { recursive: true });
      writeFileSync(join(project, name), text);
    }
    git(project, 'add', '.');
    const home = join(scratch, 'home');
    mkdirSync(home);
    const r = spawnSync('pre-commit', ['run', '--all-files'], { cwd: project, env: env(home, bin), encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/layerlint\.+Failed/);
    expect(r.stdout).toMatch(/^images\/okd\/Containerfile\.okd:6:5 error kernel-without-initramfs /m);
    const given = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .filter((a) => a !== 'lint')
      .sort();
    expect(given).toEqual(['Containerfile', 'docker/Dockerfile', 'docker/Dockerfile.dev', 'docker/tool.dockerfile', 'images/app.containerfile', 'images/okd/Containerfile.okd']);

    // Fixed: the hook passes.
    copyFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile.fixed'), join(project, 'images/okd/Containerfile.okd'));
    git(project, 'add', '.');
    const again = spawnSync('pre-commit', ['run', '--all-files'], { cwd: project, env: env(home, bin), encoding: 'utf8' });
    expect(again.stdout).toMatch(/layerlint\.+Passed/);
    expect(again.status).toBe(0);
  });
});
