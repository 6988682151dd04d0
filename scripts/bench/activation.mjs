// Extension activation (issue 5: under 200 ms): loading the bundled dist/extension.js plus its
// activate(), with a stand-in `vscode` module, in fresh Node processes; median and best of five.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export function runActivationBench(root) {
  const probe = join(root, 'test', 'client', 'activation-probe.cjs');
  const runs = Array.from({ length: 5 }, () => JSON.parse(execFileSync(process.execPath, [probe], { encoding: 'utf8' })));
  const totals = runs.map((r) => r.loadMs + r.activateMs).sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)];
  const best = runs.reduce((a, b) => (a.loadMs + a.activateMs <= b.loadMs + b.activateMs ? a : b));
  console.log(`\nextension activation (dist/extension.js load + activate, stand-in vscode module, 5 fresh processes):`);
  console.log(
    `  median ${median.toFixed(1)} ms, best ${totals[0].toFixed(1)} ms (load ${best.loadMs.toFixed(1)} + activate ${best.activateMs.toFixed(1)}); target < 200 ms ${median < 200 ? 'OK' : 'MISSED'}`,
  );
  console.log(JSON.stringify({ bench: 'activation', medianMs: +median.toFixed(1), bestMs: +totals[0].toFixed(1) }));
}
