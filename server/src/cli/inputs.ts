import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface Input {
  path: string;
  text: string;
  /** How the file's bytes were decoded; --fix writes it back the same way. */
  encoding?: InputEncoding;
}

export type InputEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/** The largest input read: a Containerfile is kilobytes; `/dev/zero` or a disk image is not one. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** An input that is read but cannot be linted (too large, binary, an unsupported encoding). */
class InputError extends Error {}

const TOO_LARGE = `larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB (Layerlint reads Containerfiles up to that size)`;

async function readStdin(stdin: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Reads at most MAX_INPUT_BYTES (+1 to tell a larger file): a device never ends. */
function readFileLimited(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
    // A regular file's size is known (one byte more tells it grew); a device or pipe gets the cap.
    let buffer = Buffer.allocUnsafe(stat.isFile() ? stat.size + 1 : 64 * 1024);
    let size = 0;
    for (;;) {
      if (size === buffer.length) {
        if (size > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_INPUT_BYTES + 1));
        buffer.copy(grown, 0, 0, size);
        buffer = grown;
      }
      const n = readSync(fd, buffer, size, buffer.length - size, null);
      if (n === 0) break;
      size += n;
    }
    if (size > MAX_INPUT_BYTES) throw new InputError(TOO_LARGE);
    return buffer.subarray(0, size);
  } finally {
    closeSync(fd);
  }
}

/** The text of a file's bytes: UTF-8 (a BOM dropped), or UTF-16 with a byte order mark. */
export function decodeInput(bytes: Uint8Array): { text: string; encoding: InputEncoding } {
  const [a, b, c, d] = bytes;
  let encoding: InputEncoding = 'utf-8';
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) throw new InputError('UTF-32 text is not supported (save the file as UTF-8)');
  if (a === 0xff && b === 0xfe) encoding = 'utf-16le';
  else if (a === 0xfe && b === 0xff) encoding = 'utf-16be';
  else if (a === 0xef && b === 0xbb && c === 0xbf) encoding = 'utf-8-bom';
  const text = encoding.startsWith('utf-16') ? new TextDecoder(encoding).decode(bytes.subarray(2)) : new TextDecoder('utf-8').decode(bytes);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new InputError(`a binary file, not a Containerfile (a NUL character at offset ${nul})`);
  return { text, encoding };
}

/** The bytes of a text in a file's original encoding (with its byte order mark). */
export function encodeOutput(text: string, encoding: InputEncoding = 'utf-8'): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  }
}

/** Reads every file (or `-` for stdin); unreadable files are reported on stderr and skipped. */
export async function readInputs(paths: string[], io: { stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream }): Promise<{ inputs: Input[]; failed: boolean }> {
  const inputs: Input[] = [];
  let failed = false;
  for (const path of paths) {
    try {
      inputs.push({ path, ...decodeInput(path === '-' ? await readStdin(io.stdin) : readFileLimited(path)) });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason =
        e instanceof InputError ? err.message : err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
      io.stderr.write(`layerlint: cannot read ${path === '-' ? 'standard input' : path}: ${reason}\n`);
      failed = true;
    }
  }
  return { inputs, failed };
}
