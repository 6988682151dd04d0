// `layerlint lint --format github|gitlab|checkstyle|junit`, --failure-threshold, the terminal summary and
// colours, all through the built CLI in its own process (a pseudo-terminal from util-linux's `script`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, CLI, ROOT } from '../support/cli';
import { OKD as OKD_BASE, REPLACE, WRAPPED_DRACUT } from '../support/engine';

const OKD = 'examples/okd-4.14-kernel-swap/Containerfile';
const OKD_FIXED = 'examples/okd-4.14-kernel-swap/Containerfile.fixed';

/** A file whose only finding is a warning (dracut-hostonly), in a path with characters that need escaping. */
function warningOnly(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-ci-'));
  const file = join(dir, 'a,b:c&<d>.containerfile');
  writeFileSync(file, `${OKD_BASE}\nRUN ${REPLACE} && \\\n    ${WRAPPED_DRACUT.replace('--no-hostonly ', '')} && \\\n    ostree container commit\n`);
  return { dir, file };
}

function xmllint(xml: string, xpath: string): string {
  const r = spawnSync('xmllint', ['--xpath', xpath, '-'], { input: xml, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`xmllint failed (${r.status}): ${r.stderr}`);
  return r.stdout.trimEnd();
}

describe('--format github', () => {
  it('prints one workflow command per finding with exact positions', () => {
    const r = cli(['lint', '--format', 'github', OKD]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^::error file=examples\/okd-4\.14-kernel-swap\/Containerfile,line=6,col=5,endLine=6,endColumn=32,title=layerlint kernel-without-initramfs::Kernel changed without regenerating/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^::warning file=[^,]+,line=5,col=16,endLine=5,endColumn=39,title=layerlint cliwrap-deprecated::/));
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) file=/);
  });

  it('escapes property values (`,` and `:`) as the runner expects', () => {
    const { file } = warningOnly();
    const r = cli(['lint', '--format', 'github', file]);
    expect(r.stdout).toContain(`file=${file.replace(/:/g, '%3A').replace(/,/g, '%2C')},line=3,`);
    expect(r.stdout).toMatch(/^::warning /);
  });
});

describe('--format gitlab', () => {
  it('is a Code Quality array with stable fingerprints', () => {
    const a = JSON.parse(cli(['lint', '--format', 'gitlab', OKD]).stdout);
    const issue = a.find((i: { check_name: string }) => i.check_name === 'kernel-without-initramfs');
    expect(issue).toMatchObject({ type: 'issue', severity: 'critical', location: { path: OKD, lines: { begin: 6, end: 6 } } });
    expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(a.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(a.length);
    expect(a.find((i: { check_name: string }) => i.check_name === 'cliwrap-deprecated').severity).toBe('major');
    // A line added above the findings moves them but keeps their fingerprints.
    const original = readFileSync(join(ROOT, OKD), 'utf8');
    const run = (text: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'layerlint-gitlab-'));
      writeFileSync(join(dir, 'Containerfile'), text);
      return JSON.parse(cli(['lint', '--format', 'gitlab', 'Containerfile'], undefined, dir).stdout);
    };
    const before = run(original);
    const moved = run(`# a comment\n${original}`);
    const prints = (l: { fingerprint: string }[]) => l.map((i) => i.fingerprint).sort();
    expect(prints(moved)).toEqual(prints(before));
    expect(moved.find((i: { check_name: string }) => i.check_name === 'kernel-without-initramfs').location.lines.begin).toBe(7);
  });

  it('is an empty array for a clean file', () => {
    expect(cli(['lint', '--format', 'gitlab', OKD_FIXED])).toMatchObject({ status: 0, stdout: '[]\n' });
  });
});

describe('--format checkstyle and junit (read back with xmllint)', () => {
  it('checkstyle: a file element per file, an error element per finding, escaped', () => {
    const { file } = warningOnly();
    const r = cli(['lint', '--format', 'checkstyle', OKD, OKD_FIXED, file]);
    expect(r.status).toBe(1);
    expect(xmllint(r.stdout, 'count(/checkstyle/file)')).toBe('3');
    expect(xmllint(r.stdout, `string(/checkstyle/file[1]/error[@source="layerlint.kernel-without-initramfs"]/@line)`)).toBe('6');
    expect(xmllint(r.stdout, `string(/checkstyle/file[1]/error[@source="layerlint.kernel-without-initramfs"]/@column)`)).toBe('5');
    expect(xmllint(r.stdout, 'count(/checkstyle/file[2]/error)')).toBe('0');
    expect(xmllint(r.stdout, 'string(/checkstyle/file[3]/@name)')).toBe(file);
    expect(xmllint(r.stdout, 'string(/checkstyle/file[3]/error/@severity)')).toBe('warning');
  });

  it('junit: failures follow --failure-threshold; a clean file is one passing case', () => {
    const { file } = warningOnly();
    const errorsOnly = cli(['lint', '--format', 'junit', file, OKD_FIXED]);
    expect(errorsOnly.status).toBe(0);
    expect(xmllint(errorsOnly.stdout, 'string(/testsuites/@failures)')).toBe('0');
    expect(xmllint(errorsOnly.stdout, 'count(//testcase)')).toBe('2');
    const warnings = cli(['lint', '--format', 'junit', '--failure-threshold', 'warning', file, OKD_FIXED]);
    expect(warnings.status).toBe(1);
    expect(xmllint(warnings.stdout, 'string(/testsuites/@failures)')).toBe('1');
    expect(xmllint(warnings.stdout, 'string(/testsuites/testsuite[1]/testcase/@name)')).toBe('dracut-hostonly at line 3');
    expect(xmllint(warnings.stdout, 'string(/testsuites/testsuite[1]/testcase/failure/@type)')).toBe('warning');
  });
});

describe('--failure-threshold', () => {
  it.each([
    ['error', 0],
    ['warning', 1],
    ['info', 1],
    ['none', 0],
  ])('a warning-only file with %s exits %i', (threshold, status) => {
    const { file } = warningOnly();
    expect(cli(['lint', '--failure-threshold', threshold, file]).status).toBe(status);
  });

  it('none lets a file with errors pass; a bad value is a usage error', () => {
    expect(cli(['lint', '--failure-threshold', 'none', OKD]).status).toBe(0);
    const bad = cli(['lint', '--failure-threshold', 'style', OKD]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--failure-threshold must be error, warning, info or none, got "style"');
  });
});

/** Runs the CLI on a pseudo-terminal (util-linux `script`), so stdout is a real TTY. */
function onTerminal(args: string[], env: Record<string, string | undefined>): string {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const clean = { ...process.env };
  // Node's hasColors() also reads CI (a CI job's terminal gets 2 colours) and TMUX; the test sets the terminal.
  for (const k of ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'TERM', 'CI', 'TMUX', 'COLORTERM', 'TERM_PROGRAM']) delete clean[k];
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...clean, TERM: 'xterm-256color', ...env } });
  return r.stdout.replace(/\r\n/g, '\n');
}

describe('on a terminal', () => {
  it('colours and ends with a one-line summary', () => {
    const out = onTerminal(['lint', OKD, OKD_FIXED], {});
    expect(out).toMatch(/\u001b\[31merror\u001b\[0m/);
    expect(out.trimEnd().split('\n').at(-1)).toBe('2 files, 2 errors, 1 warning');
  });

  it('says "no problems" for clean files', () => {
    expect(onTerminal(['lint', OKD_FIXED], {}).trim()).toBe('1 file, no problems');
  });

  it.each([[{ NO_COLOR: '1' }], [{ TERM: 'dumb' }], [{ NODE_DISABLE_COLORS: '1' }]])('no colour with %j', (env) => {
    const out = onTerminal(['lint', OKD], env);
    expect(out).toContain('error kernel-without-initramfs');
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('FORCE_COLOR colours a pipe too; a pipe gets no summary', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
    delete env.NO_COLOR;
    const r = spawnSync(process.execPath, [CLI, 'lint', OKD], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.stdout).toMatch(/\u001b\[31merror\u001b\[0m/);
    expect(r.stdout).not.toMatch(/errors?, /);
    const plain = cli(['lint', OKD]);
    expect(plain.stdout).not.toMatch(/\u001b\[|2 errors/);
  });
});
