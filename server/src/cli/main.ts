// `layerlint` command-line entry point: dispatches to the subcommands.
import { applyOneShotFlags } from '../startup/one-shot-flags';
import { exitWith, guardOutput } from './exit-code';
import type { Io } from './types';
import { USAGE } from './usage';

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    // Loaded on demand: a subcommand pays only for the modules it uses (process start-up counts in CI).
    case 'lint': {
      const [{ registerPlatformCheck, runLint }, { lintPlatformCheck }] = await Promise.all([import('./lint'), import('./platforms')]);
      registerPlatformCheck(lintPlatformCheck());
      return runLint(rest, io);
    }
    case 'rules': {
      const { runRules } = await import('./rules-command');
      return runRules(rest, io);
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

/** Runs the command line of this process and sets its exit code. */
export function run(): void {
  // stdin and stderr are created on first use: each costs a few milliseconds at start-up.
  const io: Io = {
    stdout: process.stdout,
    get stderr() {
      guardOutput(process.stderr, 'standard error');
      return process.stderr;
    },
    get stdin() {
      return process.stdin;
    },
  };
  exitWith(main(process.argv.slice(2), io));
}

if (require.main === module) {
  applyOneShotFlags();
  run();
}
