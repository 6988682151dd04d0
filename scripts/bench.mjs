// `npm run bench`: the benchmarks of every part, each printing its figures against its target.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepare, root } from './prepare.mjs';
import { runCliBench } from './bench/cli.mjs';
import { runPathologicalBench } from './bench/pathological.mjs';
import { runActivationBench } from './bench/activation.mjs';
import { runCliLimitsBench } from './bench/on-demand.mjs';

prepare();
runCliBench(root);
runPathologicalBench(root);
runActivationBench(root);
runCliLimitsBench(root);
for (const extra of ['bench-server.mjs', 'bench-platforms.mjs']) {
  const p = join(root, 'scripts', extra);
  if (existsSync(p)) await import(pathToFileURL(p).href);
}
