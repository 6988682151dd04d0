// Issue 17's figures: what must stay cheap or bounded.
// - codeAction on a cursor move (no diagnostic in range, no `only`) at 2k and 20k lines: latency and
//   response size (fix-all is built only when asked for);
// - `lint --show-fixes` of a 20k-line file;
// - `lint` of the doubling file (ARG values doubling 25 times, 2 GiB unbounded): time, exit status.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContainerfile } from './generate.mjs';
import { Lsp } from './lsp.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const OKD = `FROM quay.io/openshift/okd-content@sha256:${'a'.repeat(64)}`;
const SWAP = 'RUN rpm-ostree override replace https://kojipkgs.fedoraproject.org/packages/kernel/6.4.15/200.fc38/x86_64/kernel-core-6.4.15-200.fc38.x86_64.rpm';
export const DOUBLING = `${[OKD, `ARG A0=${'x'.repeat(32)}`, ...Array.from({ length: 25 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`), SWAP].join('\n')}\n`;

export async function runCodeActionBench(root, { requests = 15 } = {}) {
  const out = {};
  for (const lines of [2000, 20000]) {
    const text = generateContainerfile(lines);
    const uri = `file:///bench/actions-${lines}/Containerfile`;
    const lsp = new Lsp(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { cwd: root });
    try {
      await lsp.initialize();
      const opened = lsp.diagnostics(uri, 1, 600_000);
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      await opened;
      const rows = text.split('\n');
      const times = [];
      const sizes = [];
      for (let k = 0; k < requests; k++) {
        // A comment or blank line: no diagnostic there, as on most cursor moves.
        let line = Math.floor(((k + 0.5) * rows.length) / requests);
        while (line < rows.length - 1 && !/^(#|COPY|$)/.test(rows[line])) line++;
        const t = process.hrtime.bigint();
        const result = await lsp.call(
          'textDocument/codeAction',
          { textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] } },
          600_000,
        );
        times.push(Number(process.hrtime.bigint() - t) / 1e6);
        sizes.push(JSON.stringify(result).length);
      }
      out[lines] = { medianMs: median(times), maxMs: Math.max(...times), medianBytes: median(sizes) };
      console.log(
        `codeAction on a cursor move, ${String(lines).padStart(6)} lines: median ${median(times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms, response ${median(sizes)} bytes (${requests} requests)`,
      );
    } finally {
      await lsp.shutdown();
    }
  }
  return out;
}

export function runCliLimitsBench(root, { runs = 3 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-bench-17-'));
  const cli = join(root, 'dist', 'cli.js');
  const time = (args) => {
    const samples = [];
    let status;
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 600_000 });
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      status = r.status;
    }
    return { ms: median(samples), status };
  };
  const big = join(dir, 'Containerfile.20000');
  writeFileSync(big, generateContainerfile(20000));
  const plain = time(['lint', '--format', 'json', big]);
  const fixes = time(['lint', '--show-fixes', big]);
  console.log(`lint --show-fixes, 20000 lines: ${fixes.ms.toFixed(0)} ms (lint alone ${plain.ms.toFixed(0)} ms)`);
  const doubling = join(dir, 'Doubling.Containerfile');
  writeFileSync(doubling, DOUBLING);
  const d = time(['lint', '--format', 'json', doubling]);
  console.log(`lint of the doubling file (${DOUBLING.length} bytes, ARG values doubling 25 times): ${d.ms.toFixed(0)} ms, exit ${d.status} (1: its kernel finding reported)`);
  return { showFixes20k: fixes.ms, lint20k: plain.ms, doubling: d };
}
