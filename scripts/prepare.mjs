// Makes a fresh clone runnable: installs npm packages when missing or stale, installs the Debian
// packages the tests need (CI runs as root), and builds dist/. Used by `npm start` and `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

export function ensureNodeModules() {
  const marker = join(root, 'node_modules/.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.error('layerlint: installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Debian packages the test suite needs, one per line in scripts/debian-packages.txt. */
export function ensureDebianPackages() {
  const list = join(root, 'scripts/debian-packages.txt');
  if (!existsSync(list)) return;
  const wanted = readFileSync(list, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
  const missing = wanted.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const prefix = isRoot ? [] : ['sudo', '-n'];
  console.error(`layerlint: installing Debian packages: ${missing.join(' ')}`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args) => run(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(isRoot ? [] : ['apt-get']), ...args], { env });
    apt(['update', '-q']);
    apt(['install', '-y', '-q', '--no-install-recommends', ...missing]);
  } catch (e) {
    throw new Error(`The tests need the Debian packages ${missing.join(', ')} and they could not be installed ` + `(${e.message}). Install them as root: apt-get install ${missing.join(' ')}`);
  }
}

export function build() {
  run(process.execPath, [join(root, 'scripts/build.mjs')]);
}

export function prepare({ debian = false } = {}) {
  ensureNodeModules();
  if (debian) ensureDebianPackages();
  build();
}

export { run, execFileSync };
