// Installs code-server (a real VS Code, from the npm registry) into a cache directory outside the
// clone, for the end-to-end tests in test/e2e. Reused when present; CI caches the directory.
//
//   node scripts/code-server.mjs          install if missing, print the path of the code-server entry
//   node scripts/code-server.mjs --force  reinstall
//
// Cache: $LAYERLINT_CACHE/code-server-4.100.3, default ~/.cache/layerlint/code-server-4.100.3.
//
// Offline constraints handled here (the machine and CI reach only the npm registry and Debian apt):
// - code-server 4.100.3 requires Node 20 and, as root, `npm install --unsafe-perm`.
// - Its `@vscode/ripgrep` postinstall downloads rg from GitHub (microsoft/ripgrep-prebuilt). That
//   package's download.js first looks in its download cache, `os.tmpdir()/vscode-ripgrep-cache-<pkg
//   version>/ripgrep-<rg version>-<target>.tar.gz` ("Using cached download"), and untars `rg` from it.
//   We point TMPDIR at a directory of our own and pre-place such tarballs built from Debian's
//   /usr/bin/rg (package ripgrep).
// - Native modules (kerberos, node-pty, @vscode/spdlog, native-watchdog, argon2, …) are built with
//   node-gyp, which would download Node's headers: we give it the installed headers via nodedir.
//   kerberos needs libkrb5-dev. argon2's prebuilt download (GitHub) fails fast and falls back to a build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
/** @vscode/ripgrep versions code-server 4.100.3 pulls in, and the rg release tags their postinstall fetches. */
const RIPGREP = [{ pkg: '1.15.11', tags: ['v13.0.0-10', 'v13.0.0-4'] }];
const MARKER = '.layerlint-complete';

export function cacheDir() {
  const base = process.env.LAYERLINT_CACHE || join(homedir(), '.cache', 'layerlint');
  return join(base, `code-server-${CODE_SERVER_VERSION}`);
}

/** The code-server entry (run it with node) inside an installed cache directory. */
export function entryPath(dir = cacheDir()) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

export function isInstalled(dir = cacheDir()) {
  return existsSync(join(dir, MARKER)) && existsSync(entryPath(dir));
}

/** The target triple @vscode/ripgrep's postinstall computes (lib/postinstall.js getTarget). */
function ripgrepTarget() {
  const arch = process.env.npm_config_arch || process.arch;
  switch (arch) {
    case 'x64': return 'x86_64-unknown-linux-musl';
    case 'arm64': return 'aarch64-unknown-linux-musl';
    case 'arm': return 'arm-unknown-linux-gnueabihf';
    case 'ppc64': return 'powerpc64le-unknown-linux-gnu';
    case 's390x': return 's390x-unknown-linux-gnu';
    default: return 'i686-unknown-linux-musl';
  }
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Pre-places @vscode/ripgrep download-cache tarballs (containing just `rg`) built from Debian's rg. */
function seedRipgrepCache(tmp) {
  const rg = '/usr/bin/rg';
  if (!existsSync(rg)) throw new Error(`${rg} is missing: install the Debian package ripgrep (npm test does it; as root: apt-get install ripgrep)`);
  const stage = join(tmp, 'rg-stage');
  mkdirSync(stage, { recursive: true });
  run('cp', [rg, join(stage, 'rg')]);
  const target = ripgrepTarget();
  for (const { pkg, tags } of RIPGREP) {
    const cache = join(tmp, `vscode-ripgrep-cache-${pkg}`);
    mkdirSync(cache, { recursive: true });
    for (const tag of tags) run('tar', ['czf', join(cache, `ripgrep-${tag}-${target}.tar.gz`), '-C', stage, 'rg']);
  }
}

/** A directory with include/node/common.gypi for node-gyp's nodedir, so it does not download headers. */
function nodeHeadersDir() {
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? prefix : undefined;
}

export function install({ force = false, quiet = false } = {}) {
  const dir = cacheDir();
  if (!force && isInstalled(dir)) return dir;
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new Error(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is ${process.version})`);
  const started = Date.now();
  if (!quiet) console.error(`layerlint: installing code-server ${CODE_SERVER_VERSION} into ${dir} (a few minutes; cached afterwards)…`);
  // Install beside the final directory and rename at the end, so an interrupted install is never reused.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const tmp = join(partial, '.tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'layerlint-code-server', private: true }) + '\n');
  seedRipgrepCache(tmp);
  const headers = nodeHeadersDir();
  // Run from `npm test`, we inherit the outer npm's prefix settings: drop them, the install goes to --prefix.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^npm_(config_(prefix|local_prefix|global_prefix|global|call)|package_|lifecycle_|command$|execpath$)/i.test(k)),
  );
  const env = {
    ...inherited,
    TMPDIR: tmp,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    // node-pty's post-install runs `npx node-gyp …`, which otherwise stops at a confirmation prompt.
    npm_config_yes: 'true',
    ...(headers ? { npm_config_nodedir: headers } : {}),
  };
  const args = ['install', '--prefix', partial, '--unsafe-perm', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`];
  if (process.env.LAYERLINT_VERBOSE) args.push('--foreground-scripts');
  try {
    run('npm', args, { cwd: partial, env, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
  const rgBin = join(partial, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (!existsSync(rgBin)) throw new Error(`code-server installed without ${rgBin}`);
  rmSync(tmp, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  writeFileSync(join(partial, MARKER), JSON.stringify({ version: CODE_SERVER_VERSION, node: process.version, seconds: Number(seconds), at: new Date().toISOString() }) + '\n');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(partial, dir);
  if (!quiet) console.error(`layerlint: code-server ${CODE_SERVER_VERSION} installed in ${seconds} s`);
  return dir;
}

/** What the marker recorded about the install (its duration included). */
export function installInfo(dir = cacheDir()) {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
  } catch {
    return undefined;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = install({ force: process.argv.includes('--force') });
  console.log(entryPath(dir));
}
