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
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
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
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    case 'arm':
      return 'arm-unknown-linux-gnueabihf';
    case 'ppc64':
      return 'powerpc64le-unknown-linux-gnu';
    case 's390x':
      return 's390x-unknown-linux-gnu';
    default:
      return 'i686-unknown-linux-musl';
  }
}

function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** An install that cannot work, with what to do about it (thrown before anything is downloaded). */
export class InstallError extends Error {}

/** Roughly what an install occupies while it runs (node_modules, npm's cache, native builds). */
const NEEDED_BYTES = 1.5 * 1024 ** 3;

/** Debian packages the install needs, each with a file that shows it is there. */
const DEBIAN_PREREQUISITES = [
  { pkg: 'ripgrep', file: '/usr/bin/rg', why: "seeds @vscode/ripgrep's download cache" },
  { pkg: 'libkrb5-dev', file: '/usr/include/krb5.h', why: "headers for code-server's native kerberos module" },
  { pkg: 'make', file: '/usr/bin/make', why: 'node-gyp builds native modules' },
  { pkg: 'g++', file: '/usr/bin/g++', why: 'node-gyp builds native modules' },
  { pkg: 'python3', file: '/usr/bin/python3', why: 'node-gyp runs on Python' },
];

/** Everything that can be checked before npm runs: Node version, Debian packages, free disk. */
export function checkPrerequisites(dir = cacheDir()) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) throw new InstallError(`code-server ${CODE_SERVER_VERSION} needs Node 20 (this is ${process.version})`);
  const missing = DEBIAN_PREREQUISITES.filter((p) => !existsSync(p.file));
  if (missing.length > 0) {
    const list = missing.map((p) => `${p.pkg} (${p.why})`).join(', ');
    throw new InstallError(`missing Debian packages: ${list}. As root: apt-get install ${missing.map((p) => p.pkg).join(' ')}`);
  }
  let parent = dirname(dir);
  while (!existsSync(parent)) parent = dirname(parent);
  const fs = statfsSync(parent);
  const free = fs.bavail * fs.bsize;
  if (free < NEEDED_BYTES) {
    throw new InstallError(`not enough disk: ${mib(free)} free under ${parent}, the install needs about ${mib(NEEDED_BYTES)} (set LAYERLINT_CACHE to a folder on a larger disk)`);
  }
}

const mib = (bytes) => `${Math.round(bytes / 1024 ** 2)} MiB`;

/** Names the likely cause of a failed `npm install` from the end of its log. */
export function diagnoseNpmFailure(log) {
  if (/ENOSPC|no space left on device/i.test(log)) return 'the disk is full (ENOSPC)';
  if (/E404|404 Not Found/.test(log)) return `the npm registry has no code-server@${CODE_SERVER_VERSION} (E404)`;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|network/i.test(log)) return 'the npm registry could not be reached (network)';
  if (/gyp ERR!|node-gyp/i.test(log)) return 'a native module failed to build (node-gyp): see the log for the compiler error';
  if (/EACCES|EPERM/.test(log)) return 'permission denied writing the cache folder';
  return 'npm failed: see the log';
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

/** Installs code-server into the cache when missing; resolves to the cache directory. Never blocks the
 *  event loop (npm runs as a child process), prints a progress line every `progressEvery` ms, and keeps
 *  npm's output in a log file whose tail and likely cause are in the error when it fails. */
export async function install({ force = false, quiet = false, progressEvery = 15_000 } = {}) {
  const dir = cacheDir();
  if (!force && isInstalled(dir)) return dir;
  checkPrerequisites(dir);
  const started = Date.now();
  const say = (line) => quiet || console.error(`layerlint: ${line}`);
  say(`installing code-server ${CODE_SERVER_VERSION} for the editor tests into ${dir} (a few minutes, once; cached afterwards)…`);
  // Install beside the final directory and rename at the end, so an interrupted install is never reused.
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const tmp = join(partial, '.tmp');
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'layerlint-code-server', private: true }) + '\n');
  seedRipgrepCache(tmp);
  const headers = nodeHeadersDir();
  // Run from `npm test`, we inherit the outer npm's prefix settings: drop them, the install goes to --prefix.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(config_(prefix|local_prefix|global_prefix|global|call)|package_|lifecycle_|command$|execpath$)/i.test(k)));
  const env = {
    ...inherited,
    TMPDIR: tmp,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_progress: 'false',
    // node-pty's post-install runs `npx node-gyp …`, which otherwise stops at a confirmation prompt.
    npm_config_yes: 'true',
    ...(headers ? { npm_config_nodedir: headers } : {}),
  };
  const args = ['install', '--prefix', partial, '--unsafe-perm', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`];
  if (process.env.LAYERLINT_VERBOSE) args.push('--foreground-scripts');
  const logFile = `${dir}.install.log`;
  const ticker = setInterval(() => say(`still installing code-server (${Math.round((Date.now() - started) / 1000)} s)…`), progressEvery);
  try {
    const { code, signal } = await runToLog('npm', args, { cwd: partial, env }, logFile);
    if (code !== 0) {
      const log = readFileSync(logFile, 'utf8');
      const tail = log.trimEnd().split('\n').slice(-15).join('\n');
      throw new InstallError(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code ?? signal}): ${diagnoseNpmFailure(log)}.\n` + `Full log: ${logFile}\nLast lines:\n${tail}`);
    }
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  } finally {
    clearInterval(ticker);
  }
  const rgBin = join(partial, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (!existsSync(rgBin)) throw new InstallError(`code-server installed without ${rgBin} (its ripgrep postinstall failed: see ${logFile})`);
  rmSync(tmp, { recursive: true, force: true });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  writeFileSync(join(partial, MARKER), JSON.stringify({ version: CODE_SERVER_VERSION, node: process.version, seconds: Number(seconds), at: new Date().toISOString() }) + '\n');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(partial, dir);
  say(`code-server ${CODE_SERVER_VERSION} installed in ${seconds} s`);
  return dir;
}

/** Runs a command with stdout and stderr appended to `logFile`; resolves with its exit. */
function runToLog(cmd, args, opts, logFile) {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', fd, fd] });
    child.on('error', (e) => {
      closeSync(fd);
      reject(new InstallError(`could not start ${cmd}: ${e.message}`));
    });
    child.on('exit', (code, signal) => {
      closeSync(fd);
      resolve({ code, signal });
    });
  });
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
  try {
    const dir = await install({ force: process.argv.includes('--force') });
    console.log(entryPath(dir));
  } catch (e) {
    console.error(`layerlint: cannot install code-server: ${e.message}`);
    process.exit(1);
  }
}
