// Bundles every entry point into dist/ as a single CommonJS file; the tree-sitter wasm files are
// copied beside the bundles because web-tree-sitter loads them at run time.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, existsSync, chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
mkdirSync(dist, { recursive: true });

const entries = [
  { in: 'server/src/cli/main.ts', out: 'cli', bin: true },
  // The server's shebang carries SERVER_NODE_OPTIONS (server/src/protocol.ts; a test keeps them equal).
  { in: 'server/src/server.ts', out: 'server', bin: true, shebang: '#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=150' },
  { in: 'server/src/handlers/dockerfile-validation-worker.ts', out: 'dockerfile-worker' },
  // The extension is two bundles: a small one that activate() runs from (commands, status bar, code
  // lenses) and the language client with vscode-languageclient, required after activation
  // (client/src/extension.ts). The small one must not pull the client in: checked below.
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode', './language-client.js'], noClient: true },
  { in: 'client/src/client.ts', out: 'language-client', external: ['vscode'] },
].filter((e) => existsSync(join(root, e.in)));

const results = await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [join(root, e.in)],
      outfile: join(dist, `${e.out}.js`),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: true,
      minify: !process.env.LAYERLINT_NO_MINIFY,
      keepNames: true,
      external: e.external ?? [],
      // The CommonJS build of web-tree-sitter: its ESM build needs import.meta.url and keeps the
      // process alive for a quarter of a second after the work is done.
      alias: { 'web-tree-sitter': join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') },
      define: { LAYERLINT_VERSION: JSON.stringify(version) },
      banner: e.bin ? { js: e.shebang ?? '#!/usr/bin/env node' } : undefined,
      logLevel: 'warning',
      metafile: e.noClient === true,
    }),
  ),
);
entries.forEach((e, i) => {
  if (!e.noClient) return;
  const pulled = Object.keys(results[i].metafile.inputs).filter((p) => /node_modules\/vscode-language|client\/src\/client\.ts$/.test(p));
  if (pulled.length) throw new Error(`dist/${e.out}.js must load the language client lazily, but bundles ${pulled.join(', ')}`);
});
for (const e of entries) if (e.bin) chmodSync(join(dist, `${e.out}.js`), 0o755);

copyFileSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
copyFileSync(join(root, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'));
