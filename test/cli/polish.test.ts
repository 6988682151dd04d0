// lint --help, platforms --help, `layerlint rules`, `lint --fix`, and --show-fixes diffs applied by
// Debian's GNU patch: all through the built CLI.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { cli, ROOT } from '../support/cli';
import { OKD as OKD_BASE, REPLACE } from '../support/engine';

const OKD = 'examples/okd-4.14-kernel-swap/Containerfile';

describe('help', () => {
  it('lint --help and platforms --help print their usage and exit 0', () => {
    const lint = cli(['lint', '--help']);
    expect(lint.status).toBe(0);
    expect(lint.stdout).toMatch(/^Usage: layerlint lint \[options\]/);
    for (const option of ['--format', '--failure-threshold', '--config', '--severity', '--ignore', '--fix', '--show-fixes', '--stdin-filename', '--check-platforms'])
      expect(lint.stdout).toContain(option);
    const platforms = cli(['platforms', '--help']);
    expect(platforms.status).toBe(0);
    expect(platforms.stdout).toMatch(/^Usage:\n {2}layerlint platforms /);
    expect(cli(['--help']).stdout).toContain('layerlint rules [--format text|json]');
  });
});

describe('layerlint rules', () => {
  it('lists every rule with its default severity and title', () => {
    const r = cli(['rules']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(RULES.length);
    RULES.forEach((rule, i) => {
      const [code, severity, , title] = lines[i].split(/ {2,}/);
      expect([code, severity, title]).toEqual([rule.code, rule.defaultSeverity, rule.title + (rule.registry ? ' (--check-platforms)' : '')]);
    });
  });

  it('says where each rule looks: its base families, every layered stage, any stage', () => {
    const scope = (code: string) =>
      cli(['rules'])
        .stdout.split('\n')
        .find((l) => l.startsWith(`${code} `))!
        .split(/ {2,}/)[2];
    expect(scope('missing-container-commit')).toBe('okd-fcos,coreos-legacy,coreos');
    expect(scope('ostree-commit-on-bootc')).toBe('bootc');
    expect(scope('kernel-without-initramfs')).toBe('layered stages');
    expect(scope('build-host-kernel')).toBe('any stage');
    expect(scope('base-platform-missing')).toBe('FROM images');
    expect(scope('unused-ignore')).toBe('ignore comments');
  });

  it('--format json', () => {
    const out = JSON.parse(cli(['rules', '--format', 'json']).stdout);
    expect(out.version).toBe(1);
    expect(out.rules.map((r: { code: string }) => r.code)).toEqual(RULES.map((r) => r.code));
    expect(out.rules[0]).toEqual({
      code: 'kernel-without-initramfs',
      defaultSeverity: 'error',
      title: RULES[0].title,
      summary: RULES[0].summary,
      appliesTo: 'layered stages',
      needs: 'text',
      documentation: expect.stringMatching(/kernel-without-initramfs\.md$/),
    });
    expect(out.rules.find((r: { code: string }) => r.code === 'ostree-commit-on-bootc')).toMatchObject({ appliesTo: 'bootc', families: ['bootc'] });
    expect(cli(['rules', '--format', 'xml']).status).toBe(2);
  });
});

describe('lint --fix', () => {
  it('writes the preferred fixes back; the file then lints clean of what they fixed and exits by what is left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-fix-'));
    const file = join(dir, 'Containerfile');
    copyFileSync(join(ROOT, OKD), file);
    const before = JSON.parse(cli(['lint', '--format', 'json', file]).stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(before).toEqual(['cliwrap-same-run', 'cliwrap-deprecated', 'kernel-without-initramfs']);
    const r = cli(['lint', '--fix', '--format', 'json', file]);
    expect(r.stderr).toBe(`layerlint: fixed ${file} (3 findings fewer)\n`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files[0].diagnostics).toEqual([]);
    const fixed = readFileSync(file, 'utf8');
    expect(fixed).not.toContain('cliwrap install-to-root');
    expect(fixed).toContain('/usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver 6.4.15-200.fc38.x86_64');
    expect(cli(['lint', file])).toMatchObject({ status: 0, stdout: '' });
    // Nothing left to fix: the file is not touched again.
    expect(cli(['lint', '--fix', file])).toMatchObject({ status: 0, stderr: '' });
  });

  it('refuses standard input', () => {
    const r = cli(['lint', '--fix', '-'], 'FROM x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--fix cannot write standard input back');
  });
});

/** The diff after each `fix:` line of --show-fixes, as printed. */
function fixBlocks(output: string): string[] {
  const blocks: string[] = [];
  let inBlock = false;
  for (const line of output.split('\n')) {
    if (line.startsWith('    fix: ')) {
      inBlock = true;
      blocks.push('');
    } else if (inBlock && /^(--- |\+\+\+ |@@ |[-+ \\])/.test(line)) blocks[blocks.length - 1] += `${line}\n`;
    else inBlock = false;
  }
  return blocks;
}

function patched(relativePath: string, text: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-patch-'));
  mkdirSync(join(dir, dirname(relativePath)), { recursive: true });
  writeFileSync(join(dir, relativePath), text);
  const r = spawnSync('patch', ['-p1', '--batch', '--forward', '--no-backup-if-mismatch'], { cwd: dir, input: diff, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`patch failed (${r.status}): ${r.stdout}${r.stderr}\n${diff}`);
  return readFileSync(join(dir, relativePath), 'utf8');
}

describe('--show-fixes prints unified diffs that patch applies', () => {
  it.each([
    ['the OKD example', OKD, readFileSync(join(ROOT, OKD), 'utf8')],
    ['CRLF line ends', 'crlf/Containerfile', `${OKD_BASE}\r\nRUN rpm-ostree cliwrap install-to-root / && \\\r\n    ${REPLACE}\r\n`],
    ['no newline at the end', 'eof/Containerfile', `${OKD_BASE}\nRUN rpm-ostree cliwrap install-to-root / && \\\n    ${REPLACE}`],
  ])('%s: each fix, as printed, gives what its edits give', (_name, path, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-show-'));
    mkdirSync(join(dir, dirname(path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    const shown = cli(['lint', '--show-fixes', path], undefined, dir).stdout;
    const json = JSON.parse(cli(['lint', '--format', 'json', path], undefined, dir).stdout);
    const fixes = json.files[0].diagnostics.flatMap((d: { fixes: { edits: never[] }[] }) => d.fixes);
    const blocks = fixBlocks(shown);
    expect(fixes.length).toBeGreaterThan(1);
    expect(blocks).toHaveLength(fixes.length);
    blocks.forEach((block, i) => {
      expect(block).toMatch(new RegExp(`^--- a/${path}\\n\\+\\+\\+ b/${path}\\n@@ -\\d+,\\d+ \\+\\d+,\\d+ @@`));
      expect(patched(path, text, block)).toBe(applyEdits(text, fixes[i].edits));
    });
  });
});

describe('--no-ignore-comments', () => {
  it('reports what ignore comments (with reasons) silence', () => {
    const text = `# layerlint global ignore=missing-container-commit # audited\n${OKD_BASE}\n# layerlint ignore=kernel-without-initramfs  # INC-42\n${`RUN ${REPLACE}`}\n`;
    const codes = (args: string[]) => JSON.parse(cli(['lint', '--format', 'json', ...args, '-'], text).stdout).files[0].diagnostics.map((d: { code: string }) => d.code);
    expect(codes([])).toEqual([]);
    expect(codes(['--no-ignore-comments'])).toEqual(['kernel-without-initramfs', 'missing-container-commit']);
  });
});

describe('ignore comments that suppress nothing (issue 15, item 5)', () => {
  const text = `${OKD_BASE}\n# layerlint ignore=kernel-without-initramfs,no-such-rule,dracut-hostonly  # INC-42\n${`RUN ${REPLACE}`}\n`;
  const lintJson = (args: string[], input = text) =>
    JSON.parse(cli(['lint', '--format', 'json', ...args, '-'], input).stdout).files[0].diagnostics as { code: string; severity: string; line: number }[];

  it('are hints, and not reported with --no-ignore-comments', () => {
    const found = lintJson([]).map((d) => `${d.code} ${d.severity}`);
    expect(found).toEqual(['unknown-ignore hint', 'unused-ignore hint', 'missing-container-commit information']);
    expect(lintJson(['--no-ignore-comments']).map((d) => d.code)).toEqual(['kernel-without-initramfs', 'missing-container-commit']);
  });

  it('lint --fix removes only those codes, keeping the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-unused-'));
    const file = join(dir, 'Containerfile');
    writeFileSync(file, text);
    cli(['lint', '--fix', file]);
    expect(readFileSync(file, 'utf8').split('\n')[1]).toBe('# layerlint ignore=kernel-without-initramfs  # INC-42');
  });
});
