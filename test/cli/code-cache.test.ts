// The `layerlint` launcher (server/src/cli/bin.ts) starts the CLI bundles through V8 code caches made
// at build time. A cache is only an optimisation: stale, rejected or missing, the output is the same.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const work = mkdtempSync(join(tmpdir(), 'layerlint-code-cache-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const example = join(ROOT, 'examples', 'okd-4.14-kernel-swap', 'Containerfile');

function run(dist: string, args: string[], cacheHome = join(work, 'no-cache-home')) {
  const r = spawnSync(process.execPath, [join(dist, 'cli.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', LAYERLINT_DEBUG_CODE_CACHE: '1', LAYERLINT_TURBOFAN: '', XDG_CACHE_HOME: cacheHome },
  });
  const status = /code cache of (\S+): (\w+) ([\w-]*)/.exec(r.stderr);
  return { exit: r.status, stdout: r.stdout, bundle: status?.[1], cache: status && `${status[2]} ${status[3]}`.trim() };
}

/** A copy of dist/ whose `bundle` cache is changed by `change` (undefined: deleted). */
function distWith(bundle: string, change: ((cache: Buffer) => Buffer) | undefined): string {
  const dir = mkdtempSync(join(work, 'dist-'));
  cpSync(join(ROOT, 'dist'), dir, { recursive: true });
  const file = join(dir, `${bundle}.js.cache`);
  if (change) writeFileSync(file, change(readFileSync(file)));
  else rmSync(file);
  return dir;
}

const dist = join(ROOT, 'dist');
const lint = ['lint', '--format', 'json', example];

describe('CLI code cache', () => {
  it('starts each subcommand from its own bundle with the cache built for it', () => {
    const l = run(dist, lint);
    expect([l.bundle, l.cache]).toEqual(['cli-main.js', 'build accepted']);
    expect(JSON.parse(l.stdout).files[0].diagnostics.map((d: { code: string }) => d.code)).toContain('kernel-without-initramfs');
    const p = run(dist, ['platforms', '--help']);
    expect([p.bundle, p.cache]).toEqual(['cli-platforms.js', 'build accepted']);
    expect(p.stdout).toContain('layerlint platforms');
  });

  it('ignores a cache made for another build of the bundle, with the same output', () => {
    const normal = run(dist, lint);
    const other = distWith('cli-main', (c) => Buffer.from(c.toString('latin1').replace(/^layerlint-code-cache [0-9a-f]{64}/, `layerlint-code-cache ${'0'.repeat(64)}`), 'latin1'));
    const r = run(other, lint);
    expect(r.cache).toBe('build stale');
    expect([r.exit, r.stdout]).toEqual([normal.exit, normal.stdout]);
  });

  it('falls back to compiling when V8 rejects the cache (another Node, or damage)', () => {
    const normal = run(dist, lint);
    const damaged = distWith('cli-main', (c) => {
      const header = c.subarray(0, c.indexOf(0x0a) + 1);
      return Buffer.concat([header, Buffer.alloc(4096, 0x5a)]);
    });
    const r = run(damaged, lint);
    expect(r.cache).toBe('build rejected');
    expect([r.exit, r.stdout]).toEqual([normal.exit, normal.stdout]);
  });

  it('under another Node than the build’s, makes its own cache in the user’s cache directory at the first run', () => {
    const normal = run(dist, lint);
    const other = mkdtempSync(join(work, 'dist-'));
    cpSync(dist, other, { recursive: true });
    const launcher = readFileSync(join(other, 'cli.js'), 'utf8');
    expect(launcher).toContain(JSON.stringify(process.version));
    writeFileSync(join(other, 'cli.js'), launcher.replace(JSON.stringify(process.version), JSON.stringify('v0.0.0')));
    const home = mkdtempSync(join(work, 'cache-home-'));
    // Node 20 has no compile cache of its own (Node 22 would answer `node` here).
    const first = run(other, lint, home);
    expect(first.cache).toBe('user missing');
    const made = readdirSync(join(home, 'layerlint', 'code-cache'));
    expect(made).toEqual([expect.stringMatching(new RegExp(`^cli-main-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.cache$`))]);
    const second = run(other, lint, home);
    expect(second.cache).toBe('user accepted');
    expect([first.exit, first.stdout]).toEqual([normal.exit, normal.stdout]);
    expect([second.exit, second.stdout]).toEqual([normal.exit, normal.stdout]);
  });

  it('names the missing bundle of an incomplete installation', () => {
    const broken = distWith('cli-platforms', undefined);
    rmSync(join(broken, 'cli-platforms.js'));
    const r = spawnSync(process.execPath, [join(broken, 'cli.js'), 'platforms', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`layerlint: cannot load ${join(broken, 'cli-platforms.js')}: no such file (an incomplete installation? \`npm run build\` makes it)\n`);
  });

  it('runs without a cache', () => {
    const normal = run(dist, ['platforms', '--help']);
    const r = run(distWith('cli-platforms', undefined), ['platforms', '--help']);
    expect(r.cache).toBe('build missing');
    expect([r.exit, r.stdout]).toEqual([normal.exit, normal.stdout]);
  });
});
