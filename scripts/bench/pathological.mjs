// Bad input must stay linear: each pathological shape at n and 4n, whole-process time and growth.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FCOS = 'FROM quay.io/fedora/fedora-coreos:stable\n';
const SHAPES = {
  'continuation lines': (n) => `${FCOS}RUN rpm-ostree install \\\n${'  pkg \\\n'.repeat(n)}  last\n`,
  'one long line': (n) => `${FCOS}RUN dracut ${'a'.repeat(n * 20)}\n`,
  'unterminated quote': (n) => `${FCOS}RUN dracut "${'x \\\n'.repeat(n)}\n`,
  'unterminated heredoc': (n) => `${FCOS}RUN <<EOF\n${'dracut -f\n'.repeat(n)}`,
  'dracut RUNs': (n) => `${FCOS}${'RUN dracut -f\n'.repeat(n)}`,
  'nested $(': (n) => `${FCOS}RUN dracut --kver ${'$('.repeat(n)}\n`,
};

export function runPathologicalBench(root, { n = 20000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-patho-'));
  const time = (file) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', file], { maxBuffer: 1 << 30 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`layerlint failed on ${file}: ${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (const [name, make] of Object.entries(SHAPES)) {
    const [a, b] = [n, 4 * n].map((size) => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}-${size}`);
      writeFileSync(file, make(size));
      return Math.min(time(file), time(file));
    });
    console.log(`bad input ${name.padEnd(20)} n=${n}: ${a.toFixed(0)} ms, 4n: ${b.toFixed(0)} ms, growth ${(b / a).toFixed(2)}× (linear ≈ 4)`);
  }
}
