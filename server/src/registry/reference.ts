// Image references for the registry check: the shared reader's errors as RegistryError, and hosts.
import { InvalidReferenceError, parseReference as parseImageReference, type ImageReference } from '../reference/image-reference';
import { RegistryError } from './errors';

export type { ImageReference };

/** Parses an image reference; throws RegistryError('reference') for text that is not one. */
export function parseReference(text: string): ImageReference {
  try {
    return parseImageReference(text);
  } catch (e) {
    if (e instanceof InvalidReferenceError) throw new RegistryError('reference', e.message);
    throw e;
  }
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
