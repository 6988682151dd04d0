/** Sets the process's exit code from a command's promised one; an exception is an internal error (2). */
export function exitWith(code: Promise<number>): void {
  code.then(
    (c) => {
      process.exitCode = c;
    },
    (e: unknown) => {
      process.stderr.write(`layerlint: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
