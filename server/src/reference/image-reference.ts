// Image references as distribution/reference reads them, with Docker Hub normalisation: the one
// reader of `registry/repository:tag@digest` text, for the engine (base families) and the registry
// check alike.

export interface ReferenceParts {
  /** Registry as written (`index.docker.io` read as `docker.io`), Docker Hub when none is written. */
  registry: string;
  /** Repository path inside the registry, `library/` added for official Docker Hub images. */
  repository: string;
  tag?: string;
  digest?: string;
}

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

/** Text that is no image reference; the message names the text and why. */
export class InvalidReferenceError extends Error {
  constructor(text: string, why: string) {
    super(`invalid image reference "${text}": ${why}`);
    this.name = 'InvalidReferenceError';
  }
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_API = 'registry-1.docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::\d+)?$/;

/**
 * Splits a reference without judging its parts: the first path component is a registry when it has
 * a dot, a port, is `localhost` or has upper-case letters (distribution's splitDockerDomain).
 */
export function splitReference(text: string): ReferenceParts {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  let registry = DOCKER_HUB;
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first === 'index.docker.io' ? DOCKER_HUB : first;
      repository = rest.slice(slash + 1);
    }
  }
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, tag, digest };
}

/** Parses and checks an image reference; throws InvalidReferenceError for text that is not one. */
export function parseReference(text: string): ImageReference {
  const bad = (why: string) => new InvalidReferenceError(text, why);
  if (text === '' || /\s/.test(text)) throw bad('empty or contains white space');
  const { registry, repository, tag, digest } = splitReference(text);
  if (digest !== undefined) {
    if (!DIGEST.test(digest)) throw bad(`bad digest "${digest}"`);
    if (digest.startsWith('sha256:') && !/^sha256:[0-9a-f]{64}$/.test(digest)) throw bad('a sha256 digest has 64 lower-case hex digits');
  }
  if (tag !== undefined && !TAG.test(tag)) throw bad(`bad tag "${tag}"`);
  if (registry !== DOCKER_HUB && !DOMAIN.test(registry)) throw bad(`bad registry host "${registry}"`);
  for (const c of repository.split('/')) if (!COMPONENT.test(c)) throw bad(`bad repository name component "${c}"`);
  const pinnedTag = tag === undefined && digest === undefined ? 'latest' : tag;
  const normalized = `${registry}/${repository}${pinnedTag !== undefined ? `:${pinnedTag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { registry, apiHost: registry === DOCKER_HUB ? DOCKER_HUB_API : registry, repository, tag: pinnedTag, digest, normalized };
}
