// Entry of dist/cli-platforms.js: `layerlint platforms` on its own, so that the launcher
// (cli/bin.ts) reads and deserialises only the platform check's code for it.
import { exitWith, guardOutput } from './exit-code';
import { runPlatforms } from './platforms';

export function run(): void {
  exitWith(
    runPlatforms(process.argv.slice(3), {
      stdout: process.stdout,
      get stderr() {
        guardOutput(process.stderr, 'standard error');
        return process.stderr;
      },
    }),
  );
}
