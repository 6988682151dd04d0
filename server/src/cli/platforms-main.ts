// Entry of dist/cli-platforms.js: `layerlint platforms` on its own, so that the launcher
// (cli/bin.ts) reads and deserialises only the platform check's code for it.
import { runPlatforms } from './platforms';

export function run(): void {
  runPlatforms(process.argv.slice(3), {
    stdout: process.stdout,
    get stderr() {
      return process.stderr;
    },
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`layerlint: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
