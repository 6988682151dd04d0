// docker-credential helpers are resolved to an absolute path from PATH, never from the current
// directory or a relative PATH entry (issue 13 item 5): `layerlint platforms` as built, run in a
// "checkout" that holds a helper, against a loopback registry that asks for Basic credentials.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programOnPath } from '../../server/src/registry/auth';
import { CLI } from '../support/cli';
import { amd64Index, OCI_INDEX, sha256 } from './support/registry';
import { startServer, type TestServer } from './support/servers';

const BASIC = `Basic ${Buffer.from('robot:from-helper').toString('base64')}`;
const INDEX = amd64Index('6');
let work: string;
let registry: TestServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-helper-'));
  registry = await startServer((req, res) => {
    if (req.headers.authorization !== BASIC) return res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
    res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) }).end(INDEX);
  });
});
afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A helper that leaves a marker where it was run from, then answers with the credentials. */
function helper(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, 'docker-credential-layerlint-test');
  writeFileSync(p, `#!/bin/sh\n: > "${dir}/ran"\necho '{"Username":"robot","Secret":"from-helper"}'\n`);
  chmodSync(p, 0o755);
  return p;
}

function check(cwd: string, home: string, path: string) {
  return new Promise<{ status: number | null; error: string | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'platforms', '--format', 'json', '--platform', 'linux/amd64', `${registry.host}/team/base:1`], {
      cwd,
      env: { HOME: home, PATH: path, XDG_CACHE_HOME: mkdtempSync(join(work, 'cache-')) },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, error: JSON.parse(stdout).images[0].error }));
  });
}

describe('credential helpers', () => {
  it('one in the current directory, reachable only through relative PATH entries, is not run', async () => {
    const home = mkdtempSync(join(work, 'home-'));
    mkdirSync(join(home, '.docker'));
    writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ credHelpers: { [registry.host]: 'layerlint-test' } }));
    const checkout = mkdtempSync(join(work, 'checkout-'));
    helper(checkout);
    helper(join(checkout, 'bin'));
    registry.requests.length = 0;
    const r = await check(checkout, home, '.::bin');
    expect(r.error).toBe(`authentication required by ${registry.host}`);
    expect(existsSync(join(checkout, 'ran'))).toBe(false);
    expect(existsSync(join(checkout, 'bin', 'ran'))).toBe(false);
    expect(registry.requests.map((x) => x.headers.authorization ?? 'none')).toEqual(['none']);

    // The same helper in an absolute PATH directory is run.
    const r2 = await check(checkout, home, `.:${join(checkout, 'bin')}`);
    expect(r2.error).toBeNull();
    expect(existsSync(join(checkout, 'ran'))).toBe(false);
    expect(existsSync(join(checkout, 'bin', 'ran'))).toBe(true);
  });

  it('resolves to an absolute path, Windows rules included', () => {
    const dir = mkdtempSync(join(work, 'abs-'));
    const p = helper(dir);
    expect(programOnPath('docker-credential-layerlint-test', { PATH: `.:rel:${dir}` }, 'linux')).toBe(p);
    expect(programOnPath('docker-credential-layerlint-test', { PATH: '.:rel' }, 'linux')).toBeUndefined();
    chmodSync(p, 0o644);
    expect(programOnPath('docker-credential-layerlint-test', { PATH: dir }, 'linux')).toBeUndefined();
    // Windows: `Path` in any case, `;`-separated, drive-relative and `.` entries skipped, .exe only.
    expect(programOnPath('docker-credential-desktop', { Path: '.;bin;C:tools' }, 'win32')).toBeUndefined();
  });
});
