// Language-server benchmark (issue 3): a 2,000-line generated layered-image Containerfile, opened in
// the server over stdio, then 60 single-character edits (typing and backspace at 20 places) sent as
// incremental didChange, each awaited: latency from writing the didChange to parsing the
// publishDiagnostics for that version; p50/p95/max, then the server process's RSS (VmHWM/VmRSS from
// /proc). The same file and edits go to rcjsuen's dockerfile-language-server (docker-langserver) for
// reference. Targets: p95 ≤ 100 ms, RSS < 150 MB.
// The first publication of a version carries the Layerlint findings; the complete one (followed by
// layerlint/validated) this version's generic Dockerfile findings too: both are reported.
// `node scripts/bench-server.mjs [--cpu-prof]` runs it alone (--cpu-prof: profile our server into
// a temp dir and print the top functions); BENCH_NODE_ARGS="--flag …" adds Node options to try.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './prepare.mjs';
import { generateContainerfile } from './bench/generate.mjs';
import { Lsp, memoryOf } from './bench/lsp.mjs';
import { runCodeActionBench } from './bench/on-demand.mjs';

const LINES = 2000;
const EDITS = 60;
const URI = 'file:///bench/Containerfile';
const profile = process.argv.includes('--cpu-prof');

const ourServer = join(root, 'dist', 'server.js');
const theirServer = join(root, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver');
if (!existsSync(ourServer)) spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (!existsSync(theirServer)) throw new Error(`${theirServer} is missing: run npm ci (dockerfile-language-server-nodejs is a devDependency)`);

/** The 60 edits: at 20 places spread over the file, type two characters then delete one. */
function editsFor(text) {
  const lines = text.split('\n');
  const places = [];
  for (let k = 0; k < EDITS / 3; k++) {
    let line = Math.floor(((k + 0.5) * (lines.length - 1)) / (EDITS / 3));
    while (lines[line].trim().length < 8) line++;
    places.push({ line, character: Math.floor(lines[line].length / 2) });
  }
  const edits = [];
  for (const { line, character } of places) {
    edits.push({ range: { start: { line, character }, end: { line, character } }, text: 'e' });
    edits.push({ range: { start: { line, character: character + 1 }, end: { line, character: character + 1 } }, text: 'x' });
    edits.push({ range: { start: { line, character: character + 1 }, end: { line, character: character + 2 } }, text: '' });
  }
  return edits;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (from, to) => Number(to - from) / 1e6;

async function measure(name, command, args) {
  const text = generateContainerfile(LINES);
  const lsp = new Lsp(command, args, { cwd: root });
  const validated = [];
  const origDispatch = lsp.dispatch.bind(lsp);
  lsp.dispatch = (m, at) => {
    if (m.method === 'layerlint/validated') validated.push(m.params.durationMs);
    origDispatch(m, at);
  };
  try {
    await lsp.initialize();
    const t0 = process.hrtime.bigint();
    const opened = lsp.diagnostics(URI, 1, 60_000);
    lsp.notify('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text } });
    const first = await opened;
    const openMs = ms(t0, first.at);
    const latencies = [];
    const completes = [];
    const counts = [];
    const isOurs = name.startsWith('layerlint');
    let version = 1;
    for (const change of editsFor(text)) {
      version++;
      const published = lsp.diagnostics(URI, version, 30_000);
      // Our server sends layerlint/validated after the complete publication (the generic Dockerfile
      // findings of this version included); rcjsuen's publishes once.
      const complete = isOurs ? lsp.waitFor((m) => m.method === 'layerlint/validated' && m.params.version === version, 30_000, 'layerlint/validated') : published;
      const sent = process.hrtime.bigint();
      lsp.notify('textDocument/didChange', { textDocument: { uri: URI, version }, contentChanges: [change] });
      const { message, at } = await published;
      latencies.push(ms(sent, at));
      completes.push(ms(sent, (await complete).at));
      counts.push(message.params.diagnostics.length);
    }
    const memory = memoryOf(lsp.pid);
    const sorted = [...latencies].sort((a, b) => a - b);
    const sortedComplete = [...completes].sort((a, b) => a - b);
    return {
      name,
      openMs,
      openDiagnostics: first.message.params.diagnostics.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1],
      complete: { p50: percentile(sortedComplete, 50), p95: percentile(sortedComplete, 95), max: sortedComplete[sortedComplete.length - 1] },
      mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
      diagnostics: [Math.min(...counts), Math.max(...counts)],
      serverMs: validated.length > 1 ? [...validated.slice(1)].sort((a, b) => a - b)[Math.floor((validated.length - 1) / 2)] : undefined,
      memory,
    };
  } finally {
    await lsp.shutdown();
  }
}

const profDir = profile ? mkdtempSync(join(tmpdir(), 'layerlint-server-prof-')) : undefined;
// Started as its bin starts it: with the Node options of its shebang (the VS Code client passes the same).
const shebangOptions = readFileSync(ourServer, 'utf8')
  .slice(0, 200)
  .split('\n')[0]
  .replace(/^#!.*?\bnode\b/, '')
  .trim()
  .split(/\s+/)
  .filter(Boolean);
const ours = await measure('layerlint-language-server', process.execPath, [
  ...shebangOptions,
  ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
  ourServer,
  '--stdio',
]);
const theirs = await measure('docker-langserver (rcjsuen)', process.execPath, [theirServer, '--stdio']);

const f = (x) => (x === undefined ? '?' : x.toFixed(1));
console.log(`\nlanguage server, ${LINES}-line Containerfile, ${EDITS} single-character edits each awaited (didChange → publishDiagnostics of that version):`);
for (const r of [ours, theirs]) {
  console.log(
    `  ${r.name.padEnd(28)} p50 ${f(r.p50).padStart(6)} ms  p95 ${f(r.p95).padStart(6)} ms  max ${f(r.max).padStart(6)} ms  ` +
      `open ${f(r.openMs)} ms  RSS ${f(r.memory?.rssMb)} MB (peak ${f(r.memory?.hwmMb)} MB)  diagnostics ${r.diagnostics.join('–')}` +
      (r.serverMs !== undefined ? `  (server-side validation median ${f(r.serverMs)} ms)` : ''),
  );
}
console.log(
  `  layerlint, first publication of each version (Layerlint findings fresh; generic Dockerfile findings of the previous version, moved through the edit) above;\n` +
    `  complete publication (this version's generic findings too): p50 ${f(ours.complete.p50)} ms  p95 ${f(ours.complete.p95)} ms  max ${f(ours.complete.max)} ms`,
);
const p95ok = ours.p95 <= 100;
const rssOk = ours.memory ? ours.memory.hwmMb < 150 : undefined;
console.log(
  `  layerlint p95 ${f(ours.p95)} ms (target ≤ 100) ${p95ok ? 'OK' : 'MISSED'}; peak RSS ${f(ours.memory?.hwmMb)} MB (target < 150) ${rssOk === undefined ? 'UNKNOWN' : rssOk ? 'OK' : 'MISSED'}`,
);
console.log(`  layerlint p50 / rcjsuen p50: ${(ours.p50 / theirs.p50).toFixed(2)}`);
console.log(
  JSON.stringify({
    bench: 'server',
    lines: LINES,
    edits: EDITS,
    ours: {
      p50: +ours.p50.toFixed(1),
      p95: +ours.p95.toFixed(1),
      max: +ours.max.toFixed(1),
      completeP50: +ours.complete.p50.toFixed(1),
      completeP95: +ours.complete.p95.toFixed(1),
      openMs: Math.round(ours.openMs),
      rssMb: ours.memory && +ours.memory.rssMb.toFixed(1),
      hwmMb: ours.memory && +ours.memory.hwmMb.toFixed(1),
    },
    rcjsuen: {
      p50: +theirs.p50.toFixed(1),
      p95: +theirs.p95.toFixed(1),
      max: +theirs.max.toFixed(1),
      openMs: Math.round(theirs.openMs),
      rssMb: theirs.memory && +theirs.memory.rssMb.toFixed(1),
      hwmMb: theirs.memory && +theirs.memory.hwmMb.toFixed(1),
    },
  }),
);

if (!profile) await runCodeActionBench(root);

if (profDir) {
  // Self time per function from the .cpuprofile V8 wrote at exit.
  const file = readdirSync(profDir).find((n) => n.endsWith('.cpuprofile'));
  if (file) {
    const prof = JSON.parse(readFileSync(join(profDir, file), 'utf8'));
    const dt = new Map();
    for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) ?? 0) + (prof.timeDeltas[i] ?? 0));
    const self = new Map();
    for (const node of prof.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
    }
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`\n  CPU profile of our server (${join(profDir, file)}), top self time of ${total.toFixed(0)} ms:`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${v.toFixed(1).padStart(8)} ms  ${k}`);
  } else {
    console.log(`  no CPU profile written in ${profDir}`);
  }
  if (!process.argv.includes('--keep')) rmSync(profDir, { recursive: true, force: true });
}
