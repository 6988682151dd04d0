// Platform-check benchmark (issue 4): 30 FROM images on a local registry (Debian's docker-registry).
// - cold: the whole `layerlint platforms` process with an empty cache, against running
//   `skopeo inspect --raw` on each image in turn (target: at most 1/5 of skopeo's total);
// - warm: the same file again inside the tag TTL (target: no manifest GETs; in fact no requests), and
//   after the TTL (target: HEADs only, no manifest GET). Requests are counted from the registry's log.
// - for information, the same cold check as the editor runs it: `layerlint/checkPlatforms` answered by a
//   language server that is already running (a fresh server and cache each time, so undici loads too).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { root } from './prepare.mjs';
import { Lsp } from './bench/lsp.mjs';

const N = 30;
const RUNS = 9;
const work = mkdtempSync(join(tmpdir(), 'layerlint-bench-platforms-'));

for (const cmd of ['docker-registry', 'skopeo']) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) {
    console.log(`bench-platforms: ${cmd} is missing (apt-get install ${cmd === 'skopeo' ? 'skopeo' : 'docker-registry'}); skipped`);
    process.exit(0);
  }
}

// `layerlint platforms` from dist/cli.js when the dispatcher has it, else the subcommand bundled on its
// own the same way (esbuild, minified, CommonJS); and the test support that runs the registry.
const distCli = join(root, 'dist', 'cli.js');
const wired = spawnSync(process.execPath, [distCli, 'platforms', '--help'], { encoding: 'utf8' }).status === 0;
const cli = join(work, 'platforms-cli.cjs');
const cliArgs = wired ? [distCli, 'platforms'] : [cli];
if (!wired)
  await build({
    stdin: {
      contents: `import { runPlatforms } from './server/src/cli/platforms';\nrunPlatforms(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((c) => { process.exitCode = c; });`,
      resolveDir: root,
      loader: 'ts',
    },
    outfile: cli,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    logLevel: 'warning',
  });
const support = join(work, 'registry-support.mjs');
await build({ entryPoints: [join(root, 'test/registry/support/registry.ts')], outfile: support, bundle: true, platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' });
const { startRegistry, Pusher } = await import(pathToFileURL(support).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

const reg = await startRegistry();
try {
  const push = new Pusher(reg.host);
  const images = [];
  for (let i = 0; i < N; i++) {
    const repo = `bench/base${i}`;
    await push.list(repo, 'latest', i % 2 === 0, [
      { os: 'linux', architecture: 'amd64', label: `${i}-amd64` },
      { os: 'linux', architecture: 'arm64', variant: 'v8', label: `${i}-arm64` },
      ...(i % 3 === 0 ? [{ os: 'linux', architecture: 's390x', label: `${i}-s390x` }] : []),
    ]);
    images.push(`${reg.host}/${repo}:latest`);
  }
  const containerfile = join(work, 'Containerfile');
  writeFileSync(containerfile, `ARG REG=${reg.host}\n${images.map((img, i) => `FROM ${img.replace(reg.host, '${REG}')} AS s${i}\nRUN true\n`).join('')}`);

  const runCli = (cacheHome) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [...cliArgs, '--format', 'json', containerfile], { env: { ...process.env, XDG_CACHE_HOME: cacheHome, HOME: work }, encoding: 'utf8' });
    const t = ms(t0);
    if (r.status !== 0) throw new Error(`layerlint platforms exited ${r.status}: ${r.stderr}\n${r.stdout.slice(0, 2000)}`);
    const j = JSON.parse(r.stdout);
    if (j.images.length !== N || j.images.some((im) => im.results.some((x) => x.status !== 'ok'))) throw new Error('unexpected verdicts');
    return t;
  };
  const runSkopeo = () => {
    const t0 = process.hrtime.bigint();
    for (const img of images) execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${img}`], { env: { PATH: process.env.PATH, HOME: work }, stdio: ['ignore', 'pipe', 'pipe'] });
    return ms(t0);
  };

  // Warm-ups (page cache, first registry access), then alternate the two.
  runCli(mkdtempSync(join(work, 'cache-')));
  runSkopeo();
  const cold = [];
  const sk = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(runCli(mkdtempSync(join(work, 'cache-'))));
    sk.push(runSkopeo());
  }

  // The editor's path: the request to a running language server, timed from request to answer.
  const serverCold = [];
  const text = readFileSync(containerfile, 'utf8');
  const uri = pathToFileURL(containerfile).href;
  for (let i = 0; i < RUNS; i++) {
    const lsp = new Lsp(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { env: { ...process.env, XDG_CACHE_HOME: mkdtempSync(join(work, 'cache-')), HOME: work } });
    try {
      await lsp.initialize();
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      await lsp.diagnostics(uri, 1);
      const t0 = process.hrtime.bigint();
      const result = await lsp.call('layerlint/checkPlatforms', { textDocument: { uri } });
      serverCold.push(ms(t0));
      const images = result.images ?? result;
      if (images.length !== N || images.some((im) => im.results.some((x) => x.status !== 'ok'))) throw new Error(`unexpected verdicts from the server: ${JSON.stringify(result).slice(0, 500)}`);
    } finally {
      await lsp.shutdown();
    }
  }

  const count = (log, method) => log.split('\n').filter((l) => l.includes(`"${method} /v2/bench/`) && l.includes('/manifests/')).length;
  const settle = () => new Promise((r) => setTimeout(r, 200));
  const cache = mkdtempSync(join(work, 'cache-'));
  let mark = reg.log().length;
  const coldOnce = runCli(cache);
  await settle();
  let log = reg.log().slice(mark);
  const coldGets = count(log, 'GET');
  mark = reg.log().length;
  const warm = runCli(cache);
  await settle();
  log = reg.log().slice(mark);
  const warmGets = count(log, 'GET');
  const warmHeads = count(log, 'HEAD');
  const warmAll = log.split('\n').filter((l) => /"(GET|HEAD) \/v2\//.test(l)).length;
  // Age every tag entry past the TTL, as if the TTL had run out.
  const tagDir = join(cache, 'layerlint', 'tags');
  for (const f of readdirSync(tagDir)) {
    const p = join(tagDir, f);
    writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), checked: 0 }));
  }
  mark = reg.log().length;
  const stale = runCli(cache);
  await settle();
  log = reg.log().slice(mark);
  const staleGets = count(log, 'GET');
  const staleHeads = count(log, 'HEAD');

  const c = median(cold);
  const s = median(sk);
  // The machine's speed drifts between runs: the ratio is the median of each cold run against the
  // skopeo loop run right after it.
  const ratio = median(cold.map((t, i) => t / sk[i]));
  console.log(`\nplatform check, ${N} FROM images on a local registry (median of ${RUNS}; ${wired ? 'dist/cli.js platforms' : 'platforms subcommand bundled alone'}):`);
  console.log(`  cold  layerlint platforms (whole process)     ${c.toFixed(0)} ms  (${coldGets} manifest GETs)`);
  console.log(`  skopeo inspect --raw on each image in turn    ${s.toFixed(0)} ms`);
  console.log(`  ratio cold / skopeo (median of pairs)         ${ratio.toFixed(3)}  (target ≤ 0.200) ${ratio <= 0.2 ? 'OK' : 'MISSED'}`);
  console.log(`  cold  in a running language server (request) ${median(serverCold).toFixed(0)} ms  (ratio ${(median(serverCold) / s).toFixed(3)}; for information)`);
  console.log(
    `  warm  inside the TTL                          ${warm.toFixed(0)} ms  manifest GETs ${warmGets}, HEADs ${warmHeads}, registry requests ${warmAll}  (target: 0 GETs) ${warmGets === 0 ? 'OK' : 'MISSED'}`,
  );
  console.log(`  warm  after the TTL                           ${stale.toFixed(0)} ms  manifest GETs ${staleGets}, HEADs ${staleHeads}  (target: HEADs only) ${staleGets === 0 ? 'OK' : 'MISSED'}`);
  console.log(
    JSON.stringify({
      bench: 'platforms',
      images: N,
      coldMs: Math.round(c),
      skopeoMs: Math.round(s),
      ratio: Number(ratio.toFixed(3)),
      coldOnceMs: Math.round(coldOnce),
      serverColdMs: Math.round(median(serverCold)),
      warmMs: Math.round(warm),
      warmManifestGets: warmGets,
      warmRequests: warmAll,
      staleMs: Math.round(stale),
      staleManifestGets: staleGets,
      staleHeads,
    }),
  );
} finally {
  await reg.stop();
  rmSync(work, { recursive: true, force: true });
}
