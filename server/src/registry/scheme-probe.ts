// Which scheme a registry host speaks: HTTPS; plain HTTP as a fallback only where allowed (loopback,
// hosts the user marked insecure). The first request to a host is the probe, and concurrent requests
// to the same host wait for it (and share its failure). Once HTTPS has failed where plain HTTP is
// allowed, they go ahead over plain HTTP without waiting for the probe's own answer: one round trip
// less for the whole batch.
import { RegistryError } from './errors';

export type Scheme = 'https' | 'http';

export class SchemeProbes<R> {
  private readonly schemes = new Map<string, Promise<Scheme>>();

  /**
   * The scheme for `host`, and the answer to `send` when this call was the probe. `plainHttpAllowed`
   * may differ per repository (registries.conf), so it is part of what is remembered.
   */
  async scheme(host: string, plainHttpAllowed: boolean, send: (scheme: Scheme) => Promise<R>): Promise<{ scheme: Scheme; first?: R }> {
    const key = `${host}|${plainHttpAllowed}`;
    const known = this.schemes.get(key);
    if (known) {
      try {
        return { scheme: await known };
      } catch {
        // The probe of another request failed (perhaps only for its path): probe on our own.
        return probe(plainHttpAllowed, send);
      }
    }
    let fellBack!: () => void;
    const plainHttp = new Promise<'http'>((resolve) => (fellBack = () => resolve('http')));
    const probing = probe(plainHttpAllowed, send, fellBack);
    const settled = probing.then(
      (r) => r.scheme,
      (e: unknown) => {
        const s = (e as { scheme?: Scheme }).scheme;
        if (s) return s;
        throw e;
      },
    );
    const schemeOnly = Promise.race([plainHttp, settled]);
    this.schemes.set(key, schemeOnly);
    // A host that answers on neither scheme is probed again by later requests.
    settled.catch(() => {
      if (this.schemes.get(key) === schemeOnly) this.schemes.delete(key);
    });
    schemeOnly.catch(() => {});
    return probing;
  }
}

function probe<R>(plainHttpAllowed: boolean, send: (scheme: Scheme) => Promise<R>, onPlainHttp?: () => void): Promise<{ scheme: Scheme; first: R }> {
  // An error past the connection (a body too large) still tells which scheme works.
  const attempt = async (scheme: Scheme) => {
    try {
      return { scheme, first: await send(scheme) };
    } catch (e) {
      if (e instanceof RegistryError && (e.kind === 'too-large' || e.kind === 'not-manifest')) Object.assign(e, { scheme });
      throw e;
    }
  };
  return attempt('https').catch((e: unknown) => {
    if (!(e instanceof RegistryError) || e.kind !== 'network' || !plainHttpAllowed) throw e;
    onPlainHttp?.();
    return attempt('http');
  });
}
