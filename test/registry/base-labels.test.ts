// An organisation's own base that the name table does not know: where the platform check reads the
// image config anyway (a single-platform image), its labels name the family (issue 14, item 6).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pusher, startRegistry, type LocalRegistry } from './support/registry';

const CLI = resolve(__dirname, '../../dist/cli.js');
let reg: LocalRegistry;
let work: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-labels-'));
  reg = await startRegistry();
  const push = new Pusher(reg.host);
  await push.image('corp/bootc-base', {
    os: 'linux',
    architecture: 'amd64',
    label: 'bootc',
    oci: true,
    tag: '9.4',
    labels: { 'containers.bootc': '1', 'ostree.bootable': '1', 'ostree.linux': '5.14.0-427.el9.x86_64' },
  });
  await push.image('corp/ostree-base', { os: 'linux', architecture: 'amd64', label: 'ostree', oci: true, tag: '1', labels: { 'ostree.bootable': 'true' } });
  await push.image('corp/app-base', { os: 'linux', architecture: 'amd64', label: 'app', oci: true, tag: '1' });
}, 60_000);

afterAll(async () => {
  await reg?.stop();
  rmSync(work, { recursive: true, force: true });
});

function lintFile(text: string, cache: string, checkPlatforms = true): { code: string; line: number; severity: string }[] {
  const file = join(work, 'Containerfile');
  writeFileSync(file, text);
  const args = [CLI, 'lint', '--format', 'json', ...(checkPlatforms ? ['--check-platforms', '--platform', 'linux/amd64'] : []), file];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, LAYERLINT_CACHE: cache, XDG_CACHE_HOME: cache } });
  const report = JSON.parse(r.stdout) as { files: { diagnostics: { code: string; severity: string; range: { start: { line: number } } }[] }[] };
  return report.files[0].diagnostics.map((d) => ({ code: d.code, line: d.range.start.line + 1, severity: d.severity }));
}

describe('base families from image config labels', () => {
  it('containers.bootc=1 makes an unknown base a bootc base', () => {
    const text = `FROM ${reg.host}/corp/bootc-base:9.4\nRUN dnf -y install vim && ostree container commit\n`;
    const cache = mkdtempSync(join(work, 'cache-'));
    expect(lintFile(text, cache, false)).toEqual([]);
    expect(lintFile(text, cache).map((d) => d.code)).toEqual(['ostree-commit-on-bootc']);
    // Read again from the cache (no new config request needed): same answer.
    expect(lintFile(text, cache).map((d) => d.code)).toEqual(['ostree-commit-on-bootc']);
  });

  it('ostree.bootable makes a stage with no rpm-ostree step a layered-image stage', () => {
    const text = `FROM ${reg.host}/corp/ostree-base:1\nRUN dnf -y swap kernel-core kernel-rt-core\n`;
    const cache = mkdtempSync(join(work, 'cache-'));
    expect(lintFile(text, cache, false)).toEqual([]);
    expect(lintFile(text, cache)).toEqual([{ code: 'kernel-without-initramfs', line: 2, severity: 'warning' }]);
  });

  it('an image without those labels stays as the name table says (no family)', () => {
    const text = `FROM ${reg.host}/corp/app-base:1\nRUN dnf -y install vim && ostree container commit\n`;
    expect(lintFile(text, mkdtempSync(join(work, 'cache-'))).map((d) => d.code)).toEqual([]);
  });

  it('a pragma and the name table win over the labels', () => {
    const text = `# layerlint base=okd-fcos\nFROM ${reg.host}/corp/bootc-base:9.4\nRUN dnf -y install vim && ostree container commit\n`;
    expect(lintFile(text, mkdtempSync(join(work, 'cache-'))).map((d) => d.code)).toEqual([]);
  });

  it('keeps only the base labels in the cache, with the entry version', () => {
    const cache = mkdtempSync(join(work, 'cache-'));
    lintFile(`FROM ${reg.host}/corp/bootc-base:9.4\n`, cache);
    const dirs = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((d) => d.isFile() && d.parentPath.includes('configs'));
    expect(dirs).toHaveLength(1);
    const entry = JSON.parse(readFileSync(join(dirs[0].parentPath, dirs[0].name), 'utf8'));
    expect(entry).toEqual({ v: 2, os: 'linux', architecture: 'amd64', variant: '', labels: { 'containers.bootc': '1', 'ostree.bootable': '1', 'ostree.linux': '5.14.0-427.el9.x86_64' } });
  });
});
