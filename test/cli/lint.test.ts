import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/main';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { cli, ROOT } from '../support/cli';

const OKD = 'examples/okd-4.14-kernel-swap/Containerfile';
const OKD_FIXED = 'examples/okd-4.14-kernel-swap/Containerfile.fixed';

describe('layerlint lint, text format', () => {
  it('reports file:line:col severity code message and exits 1 on an error finding', () => {
    const r = cli(['lint', OKD]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^examples\/okd-4\.14-kernel-swap\/Containerfile:\d+:\d+ (error|warning|information|hint) [a-z0-9-]+ \S/);
    expect(lines).toContainEqual(expect.stringMatching(/^examples\/okd-4\.14-kernel-swap\/Containerfile:6:5 error kernel-without-initramfs .*cannot open root device/));
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('exits 0 on the fixed recipe', () => {
    const r = cli(['lint', OKD_FIXED]);
    expect(r).toMatchObject({ status: 0, stdout: '' });
  });

  it.each([true, false])('colours as the terminal says (hasColors() %s)', async (colors) => {
    let out = '';
    const stdout = Object.assign(new PassThrough(), { isTTY: true, hasColors: () => colors });
    stdout.on('data', (d) => (out += d));
    const code = await main(['lint', join(ROOT, OKD)], { stdout, stderr: new PassThrough(), stdin: Readable.from([]) });
    expect(code).toBe(1);
    if (colors) expect(out).toMatch(/\u001b\[31merror\u001b\[0m/);
    else expect(out).not.toMatch(/\u001b\[/);
  });

  it('reads standard input for -', () => {
    const r = cli(['lint', '-'], readFileSync(join(ROOT, OKD), 'utf8'));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^-:6:5 error kernel-without-initramfs/m);
  });

  it('names an unreadable file on stderr, still lints the others, and exits 2', () => {
    const r = cli(['lint', 'does/not/exist/Containerfile', OKD]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('layerlint: cannot read does/not/exist/Containerfile: no such file');
    expect(r.stdout).toContain('kernel-without-initramfs');
  });

  it.each([
    [['lint', '--format', 'xml', OKD], '--format must be text, json, sarif, github, gitlab, checkstyle or junit'],
    [['lint', '--build-arg', 'NOEQUALS', OKD], '--build-arg expects NAME=VALUE'],
    [['lint', '--rpm-ostree-version', 'new', OKD], '--rpm-ostree-version expects a version'],
    [['lint', '--bogus', OKD], "Unknown option '--bogus'"],
    [['frobnicate'], 'unknown command "frobnicate"'],
  ])('usage error %j exits 2', (args, message) => {
    const r = cli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('--rpm-ostree-version overrides the base table', () => {
    expect(cli(['lint', '--rpm-ostree-version', '2024.6', OKD]).stdout).not.toContain('kernel-without-initramfs');
    expect(cli(['lint', '--rpm-ostree-version', '2022.10', OKD]).stdout).toContain('kernel-without-initramfs');
  });

  it('--build-arg feeds ARG values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-'));
    const file = join(dir, 'Containerfile');
    writeFileSync(
      file,
      ['ARG BASE=quay.io/fedora/fedora:40', 'FROM $BASE', 'RUN rpm-ostree override replace https://example.com/kernel-{,core-,modules-,modules-core-}6.4.15-200.fc38.x86_64.rpm', ''].join('\n'),
    );
    const okd = `quay.io/openshift/okd-content@sha256:${'c'.repeat(64)}`;
    expect(cli(['lint', file]).stdout).not.toMatch(/error kernel-without-initramfs/);
    expect(cli(['lint', '--build-arg', `BASE=${okd}`, file]).stdout).toMatch(/error kernel-without-initramfs/);
  });
});

describe('layerlint lint --format json', () => {
  it('has the documented shape, LSP positions and fixes that work', () => {
    const r = cli(['lint', '--format', 'json', OKD, OKD_FIXED]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.version).toBe(1);
    expect(out.files.map((f: { path: string }) => f.path)).toEqual([OKD, OKD_FIXED]);
    expect(out.files[1].diagnostics).toEqual([]);
    const d = out.files[0].diagnostics.find((x: { code: string }) => x.code === 'kernel-without-initramfs');
    expect(Object.keys(d).sort()).toEqual(['code', 'fixes', 'message', 'range', 'severity']);
    expect(d.severity).toBe('error');
    expect(d.range).toEqual({ start: { line: 5, character: 4 }, end: { line: 5, character: 31 } });
    const text = readFileSync(join(ROOT, OKD), 'utf8');
    const fixed = applyEdits(text, d.fixes[0].edits);
    expect(fixed).toContain(
      '/usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver 6.4.15-200.fc38.x86_64 --reproducible -v --add ostree -f /usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img && \\\n    rpm-ostree cleanup -m',
    );
    const again = JSON.parse(cli(['lint', '--format', 'json', '-'], fixed).stdout);
    expect(again.files[0].diagnostics.map((x: { code: string }) => x.code)).not.toContain('kernel-without-initramfs');
  });
});
