// `node scripts/image.mjs [podman|buildah] [--tag NAME] [--build-arg NODE_IMAGE=…]`: builds the layerlint
// image from the Containerfile at the repository root and the packed npm package (npm pack runs the
// build through `prepack` unless LAYERLINT_SKIP_BUILD=1 packs the dist/ already built).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const builder = args[0] === 'podman' || args[0] === 'buildah' ? args.shift() : 'podman';
let tag = 'localhost/layerlint:latest';
const buildArgs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--tag') tag = args[++i];
  else if (args[i] === '--build-arg') buildArgs.push('--build-arg', args[++i]);
  else throw new Error(`scripts/image.mjs: unknown argument ${args[i]}`);
}

const context = mkdtempSync(join(tmpdir(), 'layerlint-image-'));
try {
  const pack = ['pack', '--json', '--pack-destination', context, ...(process.env.LAYERLINT_SKIP_BUILD ? ['--ignore-scripts'] : [])];
  const [packed] = JSON.parse(execFileSync('npm', pack, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  renameSync(join(context, packed.filename), join(context, 'layerlint.tgz'));
  copyFileSync(join(root, 'Containerfile'), join(context, 'Containerfile'));
  const build = builder === 'buildah' ? ['bud'] : ['build'];
  execFileSync(builder, [...build, '--tag', tag, ...buildArgs, '--file', join(context, 'Containerfile'), context], { stdio: ['ignore', 'inherit', 'inherit'] });
  console.log(`${tag}: built with ${builder}`);
} finally {
  rmSync(context, { recursive: true, force: true });
}
