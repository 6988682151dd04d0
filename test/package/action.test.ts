// action.yml: its composite steps run as a GitHub runner runs them (bash --noprofile --norc -eo pipefail,
// inputs through `env:`, GITHUB_OUTPUT files), with the packed npm tarball as the package. Only the
// `uses:` step (code scanning upload) is not run: its inputs are checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../support/cli';
import { offlineNpmEnv } from '../support/npm-env';

interface Step {
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'layerlint-action-'));
let tarball = '';

beforeAll(() => {
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  tarball = join(scratch, JSON.parse(out)[0].filename);
}, 120_000);

/** Runs the composite action's steps in `workspace` with these inputs; returns the annotations and outcome. */
function runAction(workspace: string, given: Record<string, string>) {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs as Record<string, { default?: string }>)) inputs[name] = given[name] ?? spec.default ?? '';
  const outputs: Record<string, Record<string, string>> = {};
  const expression = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return inputs[input[1]];
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (output) return outputs[output[1]]?.[output[2]] ?? '';
      throw new Error(`expression not understood by this test: ${expr}`);
    });
  const condition = (text: string | undefined) => {
    if (text === undefined) return true;
    const m = /^inputs\.([\w-]+) == '([^']*)'$/.exec(text);
    if (!m) throw new Error(`condition not understood by this test: ${text}`);
    return inputs[m[1]] === m[2];
  };
  const home = mkdtempSync(join(scratch, 'home-'));
  let stdout = '';
  const uploads: Record<string, string>[] = [];
  for (const step of action.runs.steps as Step[]) {
    if (!condition(step.if)) continue;
    if (step.uses) {
      uploads.push(Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expression(v)])));
      continue;
    }
    expect(step.shell).toBe('bash');
    const outputFile = join(home, `output-${step.id ?? 'step'}`);
    writeFileSync(outputFile, '');
    const env = offlineNpmEnv(home, { GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true' });
    for (const k of Object.keys(env)) if (k.startsWith('LAYERLINT_')) delete env[k];
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expression(v);
    const script = join(home, 'step.sh');
    writeFileSync(script, step.run!);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
    stdout += r.stdout;
    if (step.id)
      outputs[step.id] = Object.fromEntries(
        readFileSync(outputFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
    if (r.status !== 0) return { failed: true, stdout, stderr: r.stderr, uploads, outputs };
  }
  return { failed: false, stdout, stderr: '', uploads, outputs };
}

function workspace(): string {
  const dir = mkdtempSync(join(scratch, 'repo-'));
  mkdirSync(join(dir, 'images'));
  writeFileSync(join(dir, 'images/Containerfile'), readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile')));
  writeFileSync(join(dir, 'Containerfile'), readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile.fixed')));
  return dir;
}

describe('action.yml', () => {
  it('is a composite action whose default package is this version', () => {
    expect(action.runs.using).toBe('composite');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(action.inputs.package.default).toBe(`layerlint@${version}`);
  });

  it('annotates the findings and fails the job on an error', () => {
    const r = runAction(workspace(), { package: tarball });
    expect(r.failed).toBe(true);
    expect(r.outputs.lint).toEqual({ status: '1' });
    expect(r.stdout).toMatch(/^::error file=images\/Containerfile,line=6,col=5,endLine=6,endColumn=32,title=layerlint kernel-without-initramfs::/m);
    expect(r.uploads).toEqual([]);
  });

  it('passes with failure-threshold none, and writes SARIF for the upload step', () => {
    const dir = workspace();
    const r = runAction(dir, { package: tarball, 'failure-threshold': 'none', 'upload-sarif': 'true', path: 'images' });
    expect(r.failed).toBe(false);
    expect(r.uploads).toEqual([{ sarif_file: 'layerlint.sarif', category: 'layerlint' }]);
    const sarif = JSON.parse(readFileSync(join(dir, 'layerlint.sarif'), 'utf8'));
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('kernel-without-initramfs');
    expect(sarif.runs[0].artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual(['images/Containerfile']);
  });

  it('takes inputs as data: a path with shell syntax is a path, not a command', () => {
    const dir = workspace();
    const r = runAction(dir, { package: tarball, path: '$(touch pwned) `touch pwned2`' });
    expect(r.failed).toBe(true);
    expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).not.toMatch(/pwned/);
  });
});
