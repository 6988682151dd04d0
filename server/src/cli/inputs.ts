import { readFileSync } from 'node:fs';

export interface Input {
  path: string;
  text: string;
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads every file (or `-` for stdin); unreadable files are reported on stderr and skipped. */
export async function readInputs(paths: string[], io: { stdin: NodeJS.ReadableStream; stderr: NodeJS.WritableStream }): Promise<{ inputs: Input[]; failed: boolean }> {
  const inputs: Input[] = [];
  let failed = false;
  for (const path of paths) {
    try {
      inputs.push({ path, text: path === '-' ? await readStdin(io.stdin) : readFileSync(path, 'utf8') });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const reason = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.code === 'EACCES' ? 'permission denied' : err.message;
      io.stderr.write(`layerlint: cannot read ${path}: ${reason}\n`);
      failed = true;
    }
  }
  return { inputs, failed };
}
