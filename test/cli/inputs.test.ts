// Inputs that used to lint as clean (issue 17, item 3): UTF-16 files are decoded (and --fix writes
// them back in their encoding), a UTF-8 BOM is dropped; binary files, files and standard input past
// 10 MB get a message naming them and exit 2, read no further than the cap (/dev/zero ends).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli';
import { OKD, REPLACE } from '../support/engine';

const TEXT = `${OKD}\nRUN ${REPLACE} && \\\n    ostree container commit\n`;
const dir = mkdtempSync(join(tmpdir(), 'layerlint-inputs-'));

function lint(args: string[], input?: Buffer) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '' } });
  const codes = r.stdout
    ? JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { code: string; range: { start: { line: number; character: number } } }[] }) =>
        f.diagnostics.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`),
      )
    : [];
  return { status: r.status, stderr: r.stderr, codes };
}

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const ENCODINGS: [string, Buffer][] = [
  ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
  ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
];

describe('encodings', () => {
  const expected = lint([file('plain.Containerfile', Buffer.from(TEXT, 'utf8'))]);

  it('the plain UTF-8 file has the kernel finding (what the cases compare with)', () => {
    expect(expected.status).toBe(1);
    expect(expected.codes).toContain('kernel-without-initramfs 2:5');
  });

  it.each(ENCODINGS)('%s: the same findings at the same places as UTF-8', (name, bytes) => {
    const r = lint([file(`${name.replace(/\W/g, '')}.Containerfile`, bytes)]);
    expect(r.stderr).toBe('');
    expect(r.codes).toEqual(expected.codes);
    expect(r.status).toBe(1);
  });

  it.each(ENCODINGS)('%s on standard input', (_name, bytes) => {
    expect(lint(['-'], bytes).codes).toEqual(expected.codes);
  });

  it.each(ENCODINGS)('%s: --fix writes the file back in its encoding', (name, bytes) => {
    const path = file(`fix-${name.replace(/\W/g, '')}.Containerfile`, bytes);
    spawnSync(process.execPath, [CLI, 'lint', '--fix', path], { cwd: ROOT, encoding: 'utf8' });
    const written = readFileSync(path);
    expect(written.subarray(0, 2)).toEqual(bytes.subarray(0, 2));
    const decoder = name.startsWith('UTF-16 LE') ? 'utf-16le' : name.startsWith('UTF-16 BE') ? 'utf-16be' : 'utf-8';
    expect(new TextDecoder(decoder).decode(written)).toMatch(/^FROM .*\n[\s\S]*dracut/);
    expect(lint([path]).codes).not.toContain('kernel-without-initramfs 2:5');
  });

  it('UTF-32: unsupported, said so, exit 2', () => {
    const path = file('utf32.Containerfile', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('F\0\0\0')]));
    const r = lint([path]);
    expect(r.stderr).toBe(`layerlint: cannot read ${path}: UTF-32 text is not supported (save the file as UTF-8)\n`);
    expect(r.status).toBe(2);
  });
});

describe('binary and oversized input', () => {
  it('a binary file (a NUL byte): named, exit 2', () => {
    const path = file('binary.Containerfile', Buffer.from(`${OKD}\n\0\x01\x02RUN ${REPLACE}\n`, 'latin1'));
    const r = lint([path]);
    expect(r.stderr).toBe(`layerlint: cannot read ${path}: a binary file, not a Containerfile (a NUL character at offset ${OKD.length + 1})\n`);
    expect(r.status).toBe(2);
  });

  it('/dev/zero: read up to the 10 MB cap only, named, exit 2', () => {
    const r = lint(['/dev/zero']);
    expect(r.stderr).toBe('layerlint: cannot read /dev/zero: larger than 10 MB (Layerlint reads Containerfiles up to that size)\n');
    expect(r.status).toBe(2);
  });

  it('a regular file and standard input past 10 MB: named, exit 2; the other files are still linted', () => {
    const big = file('big.Containerfile', Buffer.from(`${OKD}\n${'# padding\n'.repeat(1_100_000)}`));
    const r = lint([big, file('ok.Containerfile', Buffer.from(TEXT))]);
    expect(r.stderr).toBe(`layerlint: cannot read ${big}: larger than 10 MB (Layerlint reads Containerfiles up to that size)\n`);
    expect(r.codes).toContain('kernel-without-initramfs 2:5');
    expect(r.status).toBe(2);
    const stdin = lint(['-'], Buffer.alloc(11 * 1024 * 1024, 0x20));
    expect(stdin.stderr).toBe('layerlint: cannot read standard input: larger than 10 MB (Layerlint reads Containerfiles up to that size)\n');
    expect(stdin.status).toBe(2);
  });
});
