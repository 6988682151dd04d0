// Bundles every entry point into dist/ as a single CommonJS file; the tree-sitter wasm files are
// copied beside the bundles because web-tree-sitter loads them at run time.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, existsSync, chmodSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// From scratch: a file an older build left behind would otherwise ship in the .vsix and the npm package.
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const entries = [
  // The CLI is dist/cli-main.js, and dist/cli-platforms.js for `layerlint platforms` alone, started by
  // the small dist/cli.js through V8 code caches (below).
  { in: 'server/src/cli/main.ts', out: 'cli-main' },
  { in: 'server/src/cli/platforms-main.ts', out: 'cli-platforms' },
  // The server's shebang carries SERVER_NODE_OPTIONS (shared/protocol.ts; a test keeps them equal).
  { in: 'server/src/server.ts', out: 'server', bin: true, shebang: '#!/usr/bin/env -S node --max-semi-space-size=2 --heap-growing-percent=150' },
  { in: 'server/src/handlers/dockerfile-validation-worker.ts', out: 'dockerfile-worker' },
  // The extension is two bundles: a small one that activate() runs from (commands, status bar, code
  // lenses) and the language client with vscode-languageclient, required after activation
  // (client/src/extension.ts). The small one must not pull the client in: checked below.
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode', './language-client.js'], noClient: true },
  { in: 'client/src/client.ts', out: 'language-client', external: ['vscode'] },
].filter((e) => existsSync(join(root, e.in)));

// The registry client uses undici's HTTP/1.1 dispatchers only (server/src/registry/http.ts). undici's
// HTTP/2 client, never used (allowH2 is off), would load node:http2 (with fs/promises and readline)
// at start-up; undici falls back on its own when the module is missing, and the stub stands in for it.
const noHttp2ForUndici = {
  name: 'no-http2-for-undici',
  setup(b) {
    b.onResolve({ filter: /^node:http2$/ }, (a) => (/[\\/]node_modules[\\/]undici[\\/]/.test(a.importer) ? { path: 'http2', namespace: 'no-http2' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-http2' }, () => ({ contents: "throw new Error('node:http2 is not bundled');", loader: 'js' }));
  },
};

const bundle = (e) =>
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
    define: { LAYERLINT_VERSION: JSON.stringify(version), ...e.define },
    banner: e.bin ? { js: e.shebang ?? '#!/usr/bin/env node' } : undefined,
    logLevel: 'warning',
    // Licence comments go to <bundle>.LEGAL.txt: one non-ASCII name in them made V8 hold a whole
    // bundle as a two-byte string (slower to read and to scan).
    legalComments: 'external',
    metafile: e.noClient === true,
    plugins: [noHttp2ForUndici],
    // import() becomes require(): the CLI bundles run as vm.Scripts (code cache), which have no
    // module loader for a dynamic import, and everything here is CommonJS anyway.
    supported: { 'dynamic-import': false },
  });
const results = await Promise.all(entries.map(bundle));
entries.forEach((e, i) => {
  if (!e.noClient) return;
  const pulled = Object.keys(results[i].metafile.inputs).filter((p) => /node_modules\/vscode-language|client\/src\/client\.ts$/.test(p));
  if (pulled.length) throw new Error(`dist/${e.out}.js must load the language client lazily, but bundles ${pulled.join(', ')}`);
});
for (const e of entries) if (e.bin) chmodSync(join(dist, `${e.out}.js`), 0o755);

copyFileSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(dist, 'tree-sitter.wasm'));
copyFileSync(join(root, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'), join(dist, 'tree-sitter-bash.wasm'));

// The `layerlint` executable: a launcher that knows the hash of each bundle it was built with, and each
// bundle's code cache, made by running the CLI over a few typical jobs (functions compiled lazily during
// those runs are in the cache too). Under another Node the launcher uses a cache of the user's
// (server/src/startup/code-cache.ts).
const cliBundles = ['cli-main', 'cli-platforms'];
const hashes = Object.fromEntries(
  cliBundles.map((b) => [
    b,
    createHash('sha256')
      .update(readFileSync(join(dist, `${b}.js`)))
      .digest('hex'),
  ]),
);
await bundle({ in: 'server/src/cli/bin.ts', out: 'cli', bin: true, define: { LAYERLINT_CLI_BUNDLES: JSON.stringify(hashes), LAYERLINT_BUILD_NODE: JSON.stringify(process.version) } });
chmodSync(join(dist, 'cli.js'), 0o755);
for (const b of cliBundles) rmSync(join(dist, `${b}.js.cache`), { force: true });
// The platform check's run goes to a loopback server that serves one image index: the whole path from
// the request to the verdict is compiled, and no traffic leaves the machine.
const index = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'2'.repeat(64)}`, size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ],
  }),
);
const indexDigest = `sha256:${createHash('sha256').update(index).digest('hex')}`;
const warmUpRegistry = createServer((req, res) => {
  if (!/^\/v2\/warm-up\/manifests\/latest$/.test(req.url ?? '')) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'docker-content-digest': indexDigest, 'content-length': index.length });
  res.end(req.method === 'HEAD' ? undefined : index);
});
await new Promise((resolve) => warmUpRegistry.listen(0, '127.0.0.1', resolve));
const warmUpImage = `127.0.0.1:${warmUpRegistry.address().port}/warm-up:latest`;
const scratch = mkdtempSync(join(tmpdir(), 'layerlint-code-cache-'));
try {
  const examples = readdirSync(join(root, 'examples'))
    .map((d) => join(root, 'examples', d, 'Containerfile'))
    .filter((f) => existsSync(f));
  const env = { ...process.env, LAYERLINT_WRITE_CODE_CACHE: '1', XDG_CACHE_HOME: scratch };
  delete env.LAYERLINT_TURBOFAN;
  // A Containerfile naming the warm-up image through an ARG, as real ones do: FROM extraction is in
  // the platform check's cache too. Text and JSON output, as users and CI ask for them.
  const containerfile = join(scratch, 'Containerfile');
  writeFileSync(containerfile, `ARG REGISTRY=${warmUpImage.split('/')[0]}\nFROM \${REGISTRY}/warm-up:latest AS base\nRUN true\nFROM base\n`);
  const runs = [
    ['lint', '--show-fixes', ...examples],
    ['lint', '--format', 'sarif', ...examples],
    ['platforms', containerfile, warmUpImage],
    ['platforms', '--format', 'json', containerfile],
  ];
  for (const args of runs) {
    // Asynchronous: the warm-up registry answers from this process.
    const r = await new Promise((resolve) => {
      const child = spawn(process.execPath, [join(dist, 'cli.js'), ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status, signal) => resolve({ status, signal, stderr }));
    });
    if (r.status === null || r.status > 1) throw new Error(`code cache run \`layerlint ${args.join(' ')}\` failed (${r.status ?? r.signal}): ${r.stderr}`);
  }
} finally {
  warmUpRegistry.close();
  rmSync(scratch, { recursive: true, force: true });
}
for (const b of cliBundles) if (!existsSync(join(dist, `${b}.js.cache`))) throw new Error(`dist/${b}.js.cache was not written`);
