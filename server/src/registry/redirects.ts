// Redirects of registry answers (docs/SECURITY.md): at most five; plain HTTP only
// where allowed; the Authorization header only while scheme, host and port stay those of the first
// request, and never restored once dropped.
import { RegistryError } from './errors';
import type { HttpResponse } from './http';

export interface RegistryResponse extends HttpResponse {
  url: string;
}

const MAX_REDIRECTS = 5;

/** Follows the redirects from `res`, the answer to a request sent with `headers`; returns the last answer. */
export async function followRedirects(
  res: RegistryResponse,
  headers: Record<string, string>,
  send: (url: string, headers: Record<string, string>) => Promise<RegistryResponse>,
  plainHttpAllowed: (host: string) => boolean,
): Promise<RegistryResponse> {
  const origin = new URL(res.url);
  let sent = headers;
  for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.get('location'); hops++) {
    if (hops >= MAX_REDIRECTS) throw new RegistryError('http', `too many redirects from ${origin.host}`);
    const next = new URL(res.headers.get('location')!, res.url);
    if (next.protocol !== 'https:' && !(next.protocol === 'http:' && plainHttpAllowed(next.host))) {
      throw new RegistryError('insecure', `${origin.host} redirected to ${next.protocol}//${next.host}, which is not allowed over plain HTTP`);
    }
    // URL.origin: scheme, host and port (a default port written out or not), so https → http drops it.
    if (next.origin !== origin.origin && sent.authorization !== undefined) {
      const { authorization: _dropped, ...rest } = sent;
      sent = rest;
    }
    res = await send(next.href, sent);
  }
  return res;
}
