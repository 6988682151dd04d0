// Text output to a terminal never carries a control character from a registry or a Containerfile
// (issue 13 item 7): `layerlint platforms` and `layerlint lint --check-platforms` as built, against a
// loopback server that puts terminal escapes in platform labels and error codes.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli';
import { OCI_INDEX, OCI_MANIFEST } from '../registry/support/registry';
import { startServer, type TestServer } from '../registry/support/servers';

// Sets the window title, returns to the start of the line, erases it and fakes a tick; then reverses the text.
const HOSTILE = '\u001b]0;pwned\u0007\r\u001b[2K\b\u009b31m✓ ok\u202e';
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const index = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: [{ mediaType: OCI_MANIFEST, digest: `sha256:${'1'.repeat(64)}`, size: 1, platform: { os: 'linux', architecture: `amd64${HOSTILE}` } }],
  }),
);

let work: string;
let registry: TestServer;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-terminal-'));
  registry = await startServer((req, res) => {
    if (req.url === '/v2/labels/manifests/1') return res.writeHead(200, { 'content-type': OCI_INDEX }).end(index);
    res.writeHead(418, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: `TEAPOT${HOSTILE}` }] }));
  });
});
afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

const run = (args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env: { ...process.env, NO_COLOR: '1', XDG_CACHE_HOME: mkdtempSync(join(work, 'cache-')) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

describe('text output escapes control characters from registries and Containerfiles', () => {
  const ESCAPED = '\\x1b]0;pwned\\x07\\x0d\\x1b[2K\\x08\\x9b31m✓ ok\\u202e';

  it('layerlint platforms', async () => {
    const cf = join(work, 'Containerfile');
    writeFileSync(cf, `FROM ${registry.host}/labels:1\nFROM ${registry.host}/teapot:1\nFROM ${registry.host}/x${HOSTILE}:1\n`);
    const r = await run(['platforms', '--platform', 'linux/amd64', cf]);
    expect(r.status).toBe(2);
    expect(r.stdout).not.toMatch(CONTROL);
    const lines = r.stdout.split('\n');
    expect(lines).toContain(`  offers     linux/amd64${ESCAPED}`);
    expect(lines).toContain(`  ✗ linux/amd64  not checked: ${registry.host} answered 418 (TEAPOT${ESCAPED}) for the manifest`);
    // The FROM line ends at the \r (a line break to the parser).
    expect(lines.filter((l) => l.startsWith(`${registry.host}/x`))).toEqual([`${registry.host}/x\\x1b]0;pwned\\x07  (${cf}:3)`]);
  });

  it('layerlint lint --check-platforms', async () => {
    const cf = join(work, 'Containerfile.lint');
    writeFileSync(cf, `FROM ${registry.host}/labels:1\n`);
    const r = await run(['lint', '--check-platforms', '--platform', 'linux/amd64', cf]);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toContain(`amd64${ESCAPED}`);
  });
});
