// `layerlint` executable: runs a CLI bundle through its V8 code cache (startup/code-cache.ts).
// `layerlint platforms` has a bundle of its own (dist/cli-platforms.js, a sixth of the size of
// dist/cli-main.js): a start-up pays only for the code it runs. Kept tiny: what this file bundles is
// compiled on every start.
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
const { exports, status } = loadWithCodeCache(file, `${file}.cache`, LAYERLINT_CLI_BUNDLES[name], LAYERLINT_BUILD_NODE);
if (process.env.LAYERLINT_DEBUG_CODE_CACHE) process.stderr.write(`layerlint: code cache of ${name}.js ${status}\n`);
(exports as { run: () => void }).run();
