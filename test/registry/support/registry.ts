// Test support: Debian's docker-registry (CNCF distribution 2.8) on 127.0.0.1 with a temp storage dir,
// and pushes of blobs, images, manifest lists and OCI indexes through its HTTP API.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startService, waitUntilServing } from '../../support/service';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export function requireCommand(cmd: string, pkg: string): void {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`]);
  if (r.status !== 0) throw new Error(`${cmd} is missing: the registry tests need the Debian package ${pkg} (npm test installs it; as root: apt-get install ${pkg})`);
}

export function sha256(body: Buffer | string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** An OCI index with one linux/amd64 instance (a made-up digest), for servers that are not the registry. */
export function amd64Index(digestChar: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: [{ mediaType: OCI_MANIFEST, digest: `sha256:${digestChar.repeat(64)}`, size: 1, platform: { os: 'linux', architecture: 'amd64' } }],
    }),
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TokenAuthConfig {
  realm: string;
  service: string;
  issuer: string;
  /** PEM file of the certificate that signs tokens. */
  rootCertBundle: string;
}

export interface LocalRegistry {
  host: string;
  port: number;
  storage: string;
  /** Everything the registry logged so far (its access log included). */
  log(): string;
  stop(): Promise<void>;
}

/** Starts docker-registry on a free loopback port; `storage` may be shared between instances. */
export async function startRegistry(options: { storage?: string; tokenAuth?: TokenAuthConfig } = {}): Promise<LocalRegistry> {
  requireCommand('docker-registry', 'docker-registry');
  const port = await freePort();
  const work = mkdtempSync(join(tmpdir(), 'layerlint-registry-'));
  const storage = options.storage ?? join(work, 'storage');
  const auth = options.tokenAuth
    ? `auth:\n  token:\n    realm: ${options.tokenAuth.realm}\n    service: ${options.tokenAuth.service}\n    issuer: ${options.tokenAuth.issuer}\n    rootcertbundle: ${options.tokenAuth.rootCertBundle}\n`
    : '';
  const config = `version: 0.1
log:
  level: warn
  accesslog:
    disabled: false
  formatter: text
storage:
  filesystem:
    rootdirectory: ${storage}
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: 127.0.0.1:${port}
${auth}`;
  const configPath = join(work, 'config.yml');
  writeFileSync(configPath, config);
  const service = startService('docker-registry', ['serve', configPath], join(work, 'registry.log'));
  const host = `127.0.0.1:${port}`;
  await waitUntilServing(service, 'docker-registry', `http://${host}/v2/`, (status) => status === 200 || status === 401, 15_000);
  return {
    host,
    port,
    storage,
    log: service.log,
    stop: async () => {
      await service.stop(3000);
      rmSync(work, { recursive: true, force: true });
    },
  };
}

export interface Pushed {
  digest: string;
  size: number;
  mediaType: string;
}

/** Pushes through the distribution HTTP API (plain HTTP, no auth). */
export class Pusher {
  constructor(readonly host: string) {}

  async blob(repo: string, body: Buffer): Promise<Pushed> {
    const digest = sha256(body);
    const start = await fetch(`http://${this.host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    if (start.status !== 202) throw new Error(`blob upload start: ${start.status} ${await start.text()}`);
    const loc = new URL(start.headers.get('location')!, `http://${this.host}`);
    loc.searchParams.set('digest', digest);
    const put = await fetch(loc, { method: 'PUT', body, headers: { 'content-type': 'application/octet-stream' } });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
    return { digest, size: body.length, mediaType: 'application/octet-stream' };
  }

  async manifest(repo: string, reference: string, mediaType: string, body: Buffer | string): Promise<Pushed> {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const r = await fetch(`http://${this.host}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body: buf, headers: { 'content-type': mediaType } });
    if (r.status !== 201) throw new Error(`manifest put ${repo}:${reference}: ${r.status} ${await r.text()}`);
    return { digest: sha256(buf), size: buf.length, mediaType };
  }

  /** An image whose config says os/architecture/variant and carries the label `instance=<label>` (and `labels`). */
  async image(repo: string, p: { os: string; architecture: string; variant?: string; label: string; oci: boolean; tag?: string; labels?: Record<string, string> }): Promise<Pushed> {
    const config = Buffer.from(
      JSON.stringify({
        architecture: p.architecture,
        os: p.os,
        ...(p.variant ? { variant: p.variant } : {}),
        config: { Labels: { instance: p.label, ...p.labels } },
        rootfs: { type: 'layers', diff_ids: [sha256(Buffer.alloc(1024))] },
        history: [{ created_by: `layerlint test ${p.label}` }],
      }),
    );
    const layer = gzipSync(Buffer.alloc(1024));
    const c = await this.blob(repo, config);
    const l = await this.blob(repo, layer);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: p.oci ? OCI_MANIFEST : DOCKER_MANIFEST,
      config: { mediaType: p.oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', digest: c.digest, size: c.size },
      layers: [{ mediaType: p.oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: l.digest, size: l.size }],
    });
    const digest = sha256(manifest);
    return this.manifest(repo, p.tag ?? digest, p.oci ? OCI_MANIFEST : DOCKER_MANIFEST, manifest);
  }

  /**
   * A manifest list (oci=false) or OCI index (oci=true) tagged `tag`, entries in the order given.
   * Entry platforms are written as given (mislabelled names included); images get the same platform in
   * their config unless `config` says otherwise.
   */
  async list(
    repo: string,
    tag: string,
    oci: boolean,
    entries: Array<{ os: string; architecture: string; variant?: string; label: string; attestation?: boolean }>,
  ): Promise<{ list: Pushed; entries: Array<Pushed & { label: string }> }> {
    const pushed: Array<Pushed & { label: string }> = [];
    for (const e of entries) pushed.push({ ...(await this.image(repo, { ...e, oci })), label: e.label });
    const body = JSON.stringify({
      schemaVersion: 2,
      mediaType: oci ? OCI_INDEX : DOCKER_LIST,
      manifests: entries.map((e, i) => ({
        mediaType: pushed[i].mediaType,
        digest: pushed[i].digest,
        size: pushed[i].size,
        platform: { architecture: e.architecture, os: e.os, ...(e.variant ? { variant: e.variant } : {}) },
        ...(e.attestation ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': pushed[0].digest } } : {}),
      })),
    });
    return { list: await this.manifest(repo, tag, oci ? OCI_INDEX : DOCKER_LIST, body), entries: pushed };
  }
}
