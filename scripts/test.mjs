// `npm test`: prepares a fresh clone (npm packages, Debian packages, build), type-checks, then runs
// the whole vitest suite. Extra arguments go to vitest (e.g. `npm test -- test/engine`).
import { prepare, run } from './prepare.mjs';

prepare({ debian: true });
run('npx', ['tsc', '-p', '.', '--noEmit']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);
