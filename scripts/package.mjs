// `npm run package`: builds the bundles, then packs the VS Code extension with @vscode/vsce into
// layerlint-<version>.vsix (no node_modules: everything runs from dist/). Prints the file and size.
// LAYERLINT_VSIX=<path> writes elsewhere; LAYERLINT_SKIP_BUILD=1 packs the dist/ already built (tests,
// which must not rewrite bundles other test files are running).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.env.LAYERLINT_VSIX ?? join(root, `${name}-${version}.vsix`);

if (!process.env.LAYERLINT_SKIP_BUILD) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
// package.json's `files` list is the npm package's; vsce refuses it beside .vscodeignore. The .vsix is
// packed from a staging copy of what it may hold, whose manifest has no `files`.
const stage = mkdtempSync(join(tmpdir(), 'layerlint-vsix-stage-'));
try {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  delete manifest.files;
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const entry of ['.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist', 'syntaxes', 'snippets', 'images', 'docs']) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(stage, entry), { recursive: true });
  }
  execFileSync(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--out', out], {
    cwd: stage,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}
const bytes = statSync(out).size;
console.log(`${relative(process.cwd(), out) || out}: ${bytes} bytes (${(bytes / 1024 / 1024).toFixed(2)} MB)`);
