// Image references as distribution/reference reads them, with Docker Hub normalisation.
import { RegistryError } from './errors';

export interface ImageReference {
  /** Registry as written after normalisation: `docker.io`, `quay.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Host (and port) the HTTP API lives at: `registry-1.docker.io` for Docker Hub. */
  apiHost: string;
  /** Repository path inside the registry: `library/fedora`. */
  repository: string;
  /** The tag; `latest` when neither tag nor digest was written. Undefined for a bare `name@digest`. */
  tag?: string;
  /** `sha256:…` when the reference pins a digest. */
  digest?: string;
  /** Fully qualified form: `docker.io/library/fedora:40`, `quay.io/x/y@sha256:…`. */
  normalized: string;
}

const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::\d+)?$/;

/** Parses an image reference; throws RegistryError('reference') for text that is not one. */
export function parseReference(text: string): ImageReference {
  const bad = (why: string) => new RegistryError('reference', `invalid image reference "${text}": ${why}`);
  if (text === '' || /\s/.test(text)) throw bad('empty or contains white space');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(`bad digest "${digest}"`);
    if (digest.startsWith('sha256:') && !/^sha256:[0-9a-f]{64}$/.test(digest)) throw bad('a sha256 digest has 64 lower-case hex digits');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(`bad tag "${tag}"`);
  }
  const slash = rest.indexOf('/');
  let registry = DOCKER_HUB;
  let path = rest;
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      if (!DOMAIN.test(first)) throw bad(`bad registry host "${first}"`);
      registry = first;
      path = rest.slice(slash + 1);
    }
  }
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  const components = path.split('/');
  for (const c of components) if (!COMPONENT.test(c)) throw bad(`bad repository name component "${c}"`);
  if (registry === DOCKER_HUB && components.length === 1) path = `library/${path}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  const normalized = `${registry}/${path}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { registry, apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry, repository: path, tag, digest, normalized };
}

/** The host part without the port, lower case, IPv6 brackets removed. */
export function hostName(host: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (m) return m[1].toLowerCase();
  return host.replace(/:\d+$/, '').toLowerCase();
}

/** Loopback hosts may be spoken to over plain HTTP (as Docker allows). */
export function isLoopback(host: string): boolean {
  const h = hostName(host);
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}
