// undici's dispatchers for the registry client, loaded on first use (linting without the platform
// check never loads undici) and by module path, so that the bundles hold only these classes and not
// undici's fetch, mocks or cache stores.
import type { Dispatcher } from 'undici';

export interface DispatcherOptions {
  verify: boolean;
  /** Connect timeout, milliseconds. */
  timeoutMs: number;
  ca?: string | Buffer | Array<string | Buffer>;
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

export async function makeDispatcher(o: DispatcherOptions): Promise<Dispatcher> {
  const connect = { rejectUnauthorized: o.verify, timeout: o.timeoutMs, ...(o.ca ? { ca: o.ca } : {}) };
  if (!o.httpProxy && !o.httpsProxy) {
    const { default: Agent } = await import('undici/lib/dispatcher/agent');
    return new Agent({ connect });
  }
  const [{ default: EnvHttpProxyAgent }, { default: DispatcherClass }, { default: api }] = await Promise.all([
    import('undici/lib/dispatcher/env-http-proxy-agent'),
    import('undici/lib/dispatcher/dispatcher'),
    import('undici/lib/api'),
  ]);
  // undici's index.js gives every dispatcher its request API; the proxy agent opens tunnels with it.
  if (!('connect' in DispatcherClass.prototype)) Object.assign(DispatcherClass.prototype, api);
  return new EnvHttpProxyAgent({ httpProxy: o.httpProxy, httpsProxy: o.httpsProxy, noProxy: o.noProxy, connect, requestTls: connect });
}
