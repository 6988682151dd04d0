// `layerlint` command-line entry point: dispatches to the subcommands.
import { setFlagsFromString } from 'node:v8';
import { USAGE } from './usage';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Loaded on demand: a subcommand pays only for the modules it uses (process start-up counts in CI).
    case 'lint': {
      const [{ registerPlatformCheck, runLint }, { lintPlatformCheck }] = await Promise.all([import('./lint'), import('./platforms')]);
      registerPlatformCheck(lintPlatformCheck());
      return runLint(rest, io);
    }
    case 'platforms': {
      const { runPlatforms } = await import('./platforms');
      return runPlatforms(rest, io);
    }
    case '--version':
    case '-V':
      io.stdout.write(`${VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      (command === undefined ? io.stderr : io.stdout).write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`layerlint: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

declare const LAYERLINT_VERSION: string | undefined;
const VERSION = typeof LAYERLINT_VERSION === 'string' ? LAYERLINT_VERSION : 'dev';

if (require.main === module) {
  // A one-shot CLI does not live long enough to profit from optimised wasm; without TurboFan the
  // process does not wait for background compilation of the shell parser at exit (0.3 s → 0.1 s).
  if (!process.env.LAYERLINT_TURBOFAN) setFlagsFromString('--liftoff-only');
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`layerlint: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
