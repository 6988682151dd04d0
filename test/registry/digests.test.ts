// Digests from a registry are validated when the manifest is read, before any is used in a URL
// (issue 13 item 6; containers/image CVE-2024-3727). A loopback server with Basic auth that records
// every request.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImages } from '../../server/src/registry/check';
import { OCI_INDEX, OCI_MANIFEST } from './support/registry';
import { startServer, type TestServer } from './support/servers';

const BASIC = `Basic ${Buffer.from('robot:secret').toString('base64')}`;
const EVIL = '../../evil/path?q=1';
const manifests: Record<string, { type: string; body: string }> = {
  '/v2/team/single/manifests/1': {
    type: OCI_MANIFEST,
    body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: EVIL, size: 2 }, layers: [] }),
  },
  '/v2/team/short/manifests/1': {
    type: OCI_MANIFEST,
    body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { digest: `sha256:${'a'.repeat(63)}`, size: 2 }, layers: [] }),
  },
  '/v2/team/list/manifests/1': {
    type: OCI_INDEX,
    body: JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [
        { mediaType: OCI_MANIFEST, digest: `sha256:${'1'.repeat(64)}`, size: 1, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: OCI_MANIFEST, digest: `sha256:${'2'.repeat(64)}/../../x`, size: 1, platform: { os: 'linux', architecture: 'arm64' } },
      ],
    }),
  },
};

let work: string;
let registry: TestServer;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layerlint-digests-'));
  registry = await startServer((req, res) => {
    if (req.headers.authorization !== BASIC) return res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
    const m = manifests[req.url ?? ''];
    if (!m) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': m.type }).end(m.body);
  });
});
afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('digests in manifests', () => {
  it('are refused before use: nothing but the manifest is requested, with credentials or without', async () => {
    const auth = join(work, 'auth.json');
    writeFileSync(auth, JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from('robot:secret').toString('base64') } } }));
    const results = await checkImages(
      ['single', 'short', 'list'].map((repo) => ({ image: `${registry.host}/team/${repo}:1`, platforms: ['linux/amd64'] })),
      { cacheDir: null, concurrency: 1, env: { HOME: work, REGISTRY_AUTH_FILE: auth } },
    );
    expect(results.map((r) => r.error)).toEqual([
      `not a manifest (content type ${OCI_MANIFEST}; the config digest is not sha256:<64 hex digits> or sha512:<128 hex digits>)`,
      `not a manifest (content type ${OCI_MANIFEST}; the config digest is not sha256:<64 hex digits> or sha512:<128 hex digits>)`,
      `not a manifest (content type ${OCI_INDEX}; an entry's digest is not sha256:<64 hex digits> or sha512:<128 hex digits>)`,
    ]);
    expect(registry.requests.map((r) => r.url)).toEqual(['/v2/team/single/manifests/1', '/v2/team/single/manifests/1', '/v2/team/short/manifests/1', '/v2/team/list/manifests/1']);
  });
});
