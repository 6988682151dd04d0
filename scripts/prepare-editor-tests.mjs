// Prepares what the editor tests (test/e2e) need before vitest starts, so that no test worker waits
// minutes on an install: code-server in the tool cache (scripts/code-server.mjs) and the .vsix packed
// from the dist/ just built. The paths reach the tests through the environment; a test run without
// them (plain `npx vitest`) prepares the same things itself, asynchronously.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { entryPath, install } from './code-server.mjs';
import { root } from './prepare.mjs';

export const ENTRY_ENV = 'LAYERLINT_E2E_CODE_SERVER';
export const VSIX_ENV = 'LAYERLINT_E2E_VSIX';

/** True when a vitest run with these arguments includes the editor tests. */
export function runsEditorTests(vitestArgs) {
  const filters = vitestArgs.filter((a) => !a.startsWith('-'));
  return filters.length === 0 || filters.some((f) => 'test/e2e/vscode.test.ts'.includes(f) || f.includes('e2e'));
}

function packVsix(out) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/package.mjs')], {
      cwd: root,
      env: { ...process.env, LAYERLINT_VSIX: out, LAYERLINT_SKIP_BUILD: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`packing the .vsix failed (exit ${code}): ${err.trim()}`))));
  });
}

/** Installs code-server and packs the .vsix; sets their paths in process.env for the test run. */
export async function prepareEditorTests() {
  let t = Date.now();
  const dir = await install();
  process.env[ENTRY_ENV] = entryPath(dir);
  console.error(`layerlint: code-server ready (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  t = Date.now();
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const outDir = join(root, 'test-artifacts', 'vsix');
  mkdirSync(outDir, { recursive: true });
  process.env[VSIX_ENV] = await packVsix(join(outDir, `${name}-${version}.vsix`));
  console.error(`layerlint: packed the extension for the editor tests (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
