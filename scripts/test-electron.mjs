// Extension-host integration tests in a real VS Code (@vscode/test-electron): builds, bundles the
// suite in test/vscode-electron/, copies examples/ into a scratch workspace and runs VS Code on it
// with the extension under development. Not part of `npm test` (this machine cannot download VS Code):
//
//   LAYERLINT_VSCODE_PATH=/path/to/code node scripts/test-electron.mjs   # a VS Code you have
//   node scripts/test-electron.mjs                                       # downloads VS Code (stable,
//                                                                        # or LAYERLINT_VSCODE_VERSION)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });

const out = join(root, 'out', 'vscode-electron');
await build({
  entryPoints: [join(root, 'test/vscode-electron/index.ts')],
  outfile: join(out, 'index.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
});

const scratch = mkdtempSync(join(tmpdir(), 'layerlint-electron-'));
const workspace = join(scratch, 'workspace');
cpSync(join(root, 'examples'), workspace, { recursive: true });

let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: process.env.LAYERLINT_VSCODE_PATH || undefined,
    version: process.env.LAYERLINT_VSCODE_VERSION || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(scratch, 'user-data')}`],
    extensionTestsEnv: { LAYERLINT_TEST_WORKSPACE: workspace },
  });
} catch (e) {
  console.error(`VS Code tests failed: ${e?.message ?? e}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
