// Write errors of the report (issue 17, item 2): a reader that stops early (EPIPE) ends the output
// quietly; a failed write (ENOSPC on /dev/full) exits 2 with one line, even for a clean file.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli';

const FINDINGS = 'examples/okd-4.14-kernel-swap/Containerfile';
const CLEAN = join(mkdtempSync(join(tmpdir(), 'layerlint-write-')), 'Containerfile');
writeFileSync(CLEAN, 'FROM quay.io/fedora/fedora:42\nRUN dnf -y install vim\n');

function lintWithStdout(stdout: number, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'], env: { ...process.env, NO_COLOR: '' } });
  return { status: r.status, stderr: r.stderr };
}

describe('report write errors', () => {
  it('the clean example is clean and the other has an error finding (what the cases below rely on)', () => {
    const devNull = openSync('/dev/null', 'w');
    expect(lintWithStdout(devNull, [CLEAN]).status).toBe(0);
    expect(lintWithStdout(devNull, [FINDINGS]).status).toBe(1);
    closeSync(devNull);
  });

  it('a reader that closes the pipe first (EPIPE): no message, no stack trace, the exit status of the findings', async () => {
    const child = spawn(process.execPath, [CLI, 'lint', '--format', 'json', FINDINGS, FINDINGS, FINDINGS], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(1);
  });

  it('`| head -1` in a shell: nothing on standard error', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" lint ${Array(40).fill(FINDINGS).join(' ')} | head -1 >/dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a full disk (/dev/full, ENOSPC): exit 2 with one line, for a clean file too', () => {
    const full = openSync('/dev/full', 'w');
    for (const file of [CLEAN, FINDINGS]) {
      const r = lintWithStdout(full, ['--format', 'json', file]);
      expect(r.stderr).toBe('layerlint: cannot write to standard output: ENOSPC: no space left on device, write\n');
      expect(r.status).toBe(2);
    }
    closeSync(full);
  });
});
