// `npm test`: prepares a fresh clone (npm packages, Debian packages, build), type-checks (the whole
// repository, then the client alone), lints (ESLint), checks the formatting (Prettier), prepares the editor tests (code-server, the
// .vsix), then runs the whole vitest suite. Extra arguments go to vitest (e.g. `npm test -- test/engine`).
import { spawnSync } from 'node:child_process';
import { prepare, root, run } from './prepare.mjs';
import { prepareEditorTests, runsEditorTests } from './prepare-editor-tests.mjs';

const vitestArgs = process.argv.slice(2);
try {
  prepare({ debian: true });
  run('npx', ['tsc', '-p', '.', '--noEmit']);
  // The extension on its own: it sees client/src and shared/, never the server's source.
  run('npx', ['tsc', '-p', 'client']);
  run('npx', ['eslint', '.']);
  run('npx', ['prettier', '--check', '--log-level', 'warn', '**/*.{ts,mjs}']);
  if (runsEditorTests(vitestArgs)) await prepareEditorTests();
} catch (e) {
  console.error(`layerlint: npm test could not prepare the tests: ${e.message}`);
  process.exit(1);
}
const vitest = spawnSync('npx', ['vitest', 'run', ...vitestArgs], { cwd: root, stdio: 'inherit' });
process.exit(vitest.status ?? 1);
