/** Sets the process's exit code from a command's promised one; an exception is an internal error (2). */
export function exitWith(code: Promise<number>): void {
  guardOutput(process.stdout, 'standard output');
  code.then(
    (c) => {
      // A failed write of the report (guardOutput) fails the run whatever the findings.
      if (process.exitCode !== 2) process.exitCode = c;
    },
    (e: unknown) => {
      const detail = process.env.LAYERLINT_DEBUG ? ((e as Error).stack ?? String(e)) : String((e as Error).message ?? e);
      process.stderr.write(`layerlint: internal error: ${detail}\n`);
      process.exitCode = 2;
    },
  );
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * Write errors of an output stream. A reader that stops early (`layerlint lint … | head -1`: EPIPE)
 * ends the output quietly; any other failure (a full disk: ENOSPC) is said once on standard error
 * and the run exits 2, so that a report nobody could read never passes as written.
 */
export function guardOutput(stream: NodeJS.WritableStream, name: string): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  let reported = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    process.exitCode = 2;
    if (reported || stream === process.stderr) return;
    reported = true;
    process.stderr.write(`layerlint: cannot write to ${name}: ${e.message}\n`);
  });
}
