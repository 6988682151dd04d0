// Whole-process `layerlint lint --format json` against rcjsuen's `dockerfile-utils lint` on the same
// generated files (5,000 and 20,000 lines). Targets: ratio ≤ 1.5, 5k→20k growth ≤ 4.5×.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContainerfile } from './generate.mjs';

export function runCliBench(root, { runs = 9 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-bench-'));
  const layerlint = join(root, 'dist/cli.js');
  const dockerfileUtils = join(root, 'node_modules/dockerfile-utils/bin/dockerfile-utils');
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (args) => {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    }
    return median(samples);
  };
  const results = {};
  for (const lines of [5000, 20000]) {
    const file = join(dir, `Containerfile.${lines}`);
    writeFileSync(file, generateContainerfile(lines));
    const ours = time([layerlint, 'lint', '--format', 'json', file]);
    const theirs = time([dockerfileUtils, 'lint', file]);
    results[lines] = { ours, theirs, ratio: ours / theirs };
    console.log(`cli ${String(lines).padStart(6)} lines: layerlint ${ours.toFixed(0)} ms, dockerfile-utils ${theirs.toFixed(0)} ms, ratio ${(ours / theirs).toFixed(2)} (target ≤ 1.5)`);
  }
  const growth = results[20000].ours / results[5000].ours;
  console.log(`cli growth 5k → 20k lines: ${growth.toFixed(2)}× (target ≤ 4.5)`);
  return { results, growth };
}
