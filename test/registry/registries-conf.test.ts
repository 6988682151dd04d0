// registries.conf marks insecure only what its entries cover (issue 13 item 9), drop-ins included:
// a loopback HTTPS registry with a self-signed certificate, trusted only where an entry says so.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages } from '../../server/src/registry/check';
import { amd64Index, OCI_INDEX, sha256 } from './support/registry';
import { selfSigned, startServer, type TestServer } from './support/servers';

const INDEX = amd64Index('7');
let work: string;
let tls: TestServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-registries-conf-'));
  tls = await startServer((_req, res) => res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) }).end(INDEX), selfSigned(work, 'tls'));
});
afterAll(async () => {
  await tls?.close();
  rmSync(work, { recursive: true, force: true });
});

/** Checks `repo` on the TLS server with a user config folder holding `files`; the error or null. */
async function errorFor(repo: string, files: Record<string, string>): Promise<string | null> {
  const config = mkdtempSync(join(work, 'config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(config, 'containers', name, '..'), { recursive: true });
    writeFileSync(join(config, 'containers', name), text);
  }
  const [r] = await checkImages([{ image: `${tls.host}/${repo}:1`, platforms: ['linux/amd64'] }], { cacheDir: null, env: { HOME: work, XDG_CONFIG_HOME: config } });
  return r.error;
}
const entry = (location: string, insecure = true) => `[[registry]]\nlocation = "${location}"\ninsecure = ${insecure}\n`;
const TLS_ERROR = /^TLS: self-signed certificate/;

describe('registries.conf insecure entries on a loopback HTTPS registry', () => {
  it('a location with a path covers only that namespace', async () => {
    const conf = { 'registries.conf': entry(`${tls.host}/trusted`) };
    expect(await errorFor('trusted/base', conf)).toBeNull();
    expect(await errorFor('other/base', conf)).toMatch(TLS_ERROR);
    expect(await errorFor('trustedx/base', conf)).toMatch(TLS_ERROR);
  });

  it('a location without a port does not cover the port the registry is on', async () => {
    expect(await errorFor('team/base', { 'registries.conf': entry('127.0.0.1') })).toMatch(TLS_ERROR);
    expect(await errorFor('team/base', { 'registries.conf': entry(tls.host) })).toBeNull();
  });

  it('the longest prefix decides', async () => {
    const conf = { 'registries.conf': entry(tls.host) + entry(`${tls.host}/strict`, false) };
    expect(await errorFor('team/base', conf)).toBeNull();
    expect(await errorFor('strict/base', conf)).toMatch(TLS_ERROR);
  });

  it('reads registries.conf.d/*.conf, later files replacing an entry of the same prefix', async () => {
    expect(await errorFor('team/base', { 'registries.conf.d/50-lab.conf': entry(tls.host) })).toBeNull();
    expect(await errorFor('team/base', { 'registries.conf': entry(tls.host), 'registries.conf.d/90-secure.conf': entry(tls.host, false) })).toMatch(TLS_ERROR);
  });
});
