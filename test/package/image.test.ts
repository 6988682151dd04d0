// The layerlint image: the Containerfile built by scripts/image.mjs with Debian's podman, then run as the
// README says (`podman run -v "$PWD:/src" layerlint lint /src`). No registry is reachable here, so the
// Node base is made locally: the host's node binary and the libraries it links, imported as an image.
// This machine's sandbox lacks CAP_SYS_RESOURCE and has hybrid cgroups: runc (crun refuses hybrid
// cgroups) and rlimits no higher than the current ones.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const suffix = `${process.pid}-${Date.now()}`;
const base = `localhost/layerlint-test-node:${suffix}`;
const image = `localhost/layerlint-test:${suffix}`;
const RUN = ['run', '--runtime', 'runc', '--rm', '--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

/** A rootfs with the host's node and every library ldd lists for it, imported as `base`. */
function importNodeBase(): void {
  const rootfs = mkdtempSync(join(tmpdir(), 'layerlint-node-rootfs-'));
  try {
    const node = execFileSync('readlink', ['-f', process.execPath], { encoding: 'utf8' }).trim();
    const copy = (from: string, to: string) => {
      mkdirSync(dirname(join(rootfs, to)), { recursive: true });
      copyFileSync(from, join(rootfs, to));
    };
    copy(node, '/usr/bin/node');
    for (const line of execFileSync('ldd', [node], { encoding: 'utf8' }).split('\n')) {
      const lib = /(\/\S+) \(0x/.exec(line)?.[1];
      if (lib) copy(execFileSync('readlink', ['-f', lib], { encoding: 'utf8' }).trim(), lib);
    }
    mkdirSync(join(rootfs, 'tmp'));
    const tar = execFileSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 1 << 30 });
    execFileSync('podman', ['import', '-', base], { input: tar, stdio: ['pipe', 'ignore', 'inherit'] });
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}

beforeAll(() => {
  importNodeBase();
  execFileSync(process.execPath, [join(ROOT, 'scripts/image.mjs'), 'podman', '--tag', image, '--build-arg', `NODE_IMAGE=${base}`], {
    cwd: ROOT,
    env: { ...process.env, LAYERLINT_SKIP_BUILD: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 300_000);

afterAll(() => {
  spawnSync('podman', ['rmi', '--force', image, base], { stdio: 'ignore' });
});

describe('the layerlint image', () => {
  it('lints a mounted directory: podman run -v "$PWD:/src" layerlint lint /src', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-image-src-'));
    writeFileSync(join(dir, 'Containerfile'), readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile')));
    writeFileSync(join(dir, 'Containerfile.fixed'), readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile.fixed')));
    const r = spawnSync('podman', [...RUN, '-v', `${dir}:/src:Z`, image, 'lint', '/src'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^\/src\/Containerfile:6:5 error kernel-without-initramfs /m);
    expect(r.stdout).not.toContain('Containerfile.fixed:');
    // The default command is `lint /src`.
    const byDefault = spawnSync('podman', [...RUN, '-v', `${dir}:/src:Z`, image], { encoding: 'utf8' });
    expect(byDefault.stdout).toBe(r.stdout);
  });

  it('runs the other commands (rules --format json)', () => {
    const r = spawnSync('podman', [...RUN, image, 'rules', '--format', 'json'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).rules[0].code).toBe('kernel-without-initramfs');
  });
});
