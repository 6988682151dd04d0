// `layerlint` executable: runs a CLI bundle through its V8 code cache (startup/code-cache.ts).
// `layerlint platforms` has a bundle of its own (dist/cli-platforms.js, less than half the size of
// dist/cli-main.js): a start-up pays only for the code it runs. Kept tiny: what this file bundles is
// compiled on every start.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadWithCodeCache } from '../startup/code-cache';
import { applyOneShotFlags } from '../startup/one-shot-flags';

/** SHA-256 of each bundle as built, by name, and the Node version that built them (scripts/build.mjs). */
declare const LAYERLINT_CLI_BUNDLES: Record<string, string>;
declare const LAYERLINT_BUILD_NODE: string;

const name = process.argv[2] === 'platforms' ? 'cli-platforms' : 'cli-main';
// Before the bundle is compiled: the cache was made under the same flags, and V8 checks them.
applyOneShotFlags();
const file = join(__dirname, `${name}.js`);
const cacheHome = process.env.XDG_CACHE_HOME || join(process.env.HOME || homedir(), '.cache');
let loaded: ReturnType<typeof loadWithCodeCache> | undefined;
try {
  loaded = loadWithCodeCache({
    file,
    sha256: LAYERLINT_CLI_BUNDLES[name],
    buildCache: `${file}.cache`,
    builtWith: LAYERLINT_BUILD_NODE,
    userCacheDir: join(cacheHome, 'layerlint', 'code-cache'),
  });
} catch (e) {
  const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
  process.stderr.write(`layerlint: cannot load ${file}: ${reason} (an incomplete installation? \`npm run build\` makes it)\n`);
  process.exitCode = 2;
}
if (loaded) {
  if (process.env.LAYERLINT_DEBUG_CODE_CACHE) process.stderr.write(`layerlint: code cache of ${name}.js: ${loaded.source} ${loaded.status ?? ''}\n`);
  (loaded.exports as { run: () => void }).run();
}
