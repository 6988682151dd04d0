// HTTP transport for registry APIs on undici's dispatchers (`./http`): scheme policy (HTTPS verified;
// plain HTTP only for loopback and user-listed insecure hosts), proxies from the environment,
// one deadline per image over every request and wait, Retry-After with a cap, capped bodies, redirects
// that never carry credentials to another origin, challenges answered only from the registry's own
// host, and the bearer-token / basic auth dance with a per-host+scope token cache (PLATFORMS.md §2–3,
// docs/SECURITY.md).
import type { Dispatcher } from 'undici';
import type { CredentialLookup, Credentials } from './auth';
import { credentialLookup } from './auth';
import { RegistryError } from './errors';
import { makeDispatcher } from './dispatchers';
import { exchange, HttpError, type HttpResponse } from './http';
import { isLoopback } from './reference';
import { insecureByRegistriesConf, registriesConf, type RegistryEntry } from './registries-conf';

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface TransportOptions {
  /** Read `insecure = true` hosts from registries.conf (default true). */
  registriesConf?: boolean;
  /** Per-request timeout (headers and body), milliseconds. Default 15 s. */
  timeoutMs?: number;
  /** Hosts (`host` or `host:port`) the user trusts without TLS verification, plain HTTP allowed. */
  insecureRegistries?: string[];
  /** Longest Retry-After honoured before the single retry, milliseconds. Default 10 s. */
  retryAfterCapMs?: number;
  /** Body cap; bodies over it are refused without being read. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Environment for proxies, auth files and credential helpers. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Explicit proxy (VS Code's `http.proxy`); NO_PROXY still applies. */
  proxy?: string;
  /** Where credentials come from; default the standard auth files of `env`. */
  credentials?: CredentialLookup;
  /** Extra certificate authorities to trust (PEM). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Called for every HTTP request sent (method and URL only, never headers). */
  onRequest?: (method: string, url: string) => void;
}

export interface RegistryResponse extends HttpResponse {
  url: string;
}

export interface RequestTarget {
  /** Host (and port) of the registry API. */
  host: string;
  /** Registry name credentials are filed under (`docker.io` for Docker Hub). */
  registry: string;
  repository: string;
}

/**
 * The one deadline of a check of an image (the `--timeout`), over its redirects, retries, Retry-After
 * waits and token requests; and the signal that cancels it (the language server's request).
 */
export interface Budget {
  /** Date.now() value by which the work must end. */
  deadline: number;
  signal?: AbortSignal;
}

interface SendOptions {
  method: 'GET' | 'HEAD';
  /** The repository the request is for, on its registry's host (registries.conf entries may name one). */
  target?: RequestTarget;
  budget?: Budget;
  accept?: string;
  /** Body over this many bytes (200 responses) → `tooLarge` error. */
  maxBody: number;
  tooLarge: (size: number | undefined) => string;
}

const TLS_VERIFY_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'INVALID_CA',
]);

interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** `Bearer realm="…",service="…",scope="…"` → {scheme, params}. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let p; (p = re.exec(m[2])); ) params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return { scheme: m[1].toLowerCase(), params };
}

function parseRetryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
}

function errorCause(e: unknown): { code?: string; message: string } {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = cur as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c.code === 'string') return { code: c.code, message: String(c.message ?? c.code) };
    if (!c.cause) return { message: String(c.message ?? cur) };
    cur = c.cause;
  }
  return { message: String(cur) };
}

export class RegistryTransport {
  readonly timeoutMs: number;
  private readonly insecure: Set<string>;
  private readonly registriesConf: RegistryEntry[];
  private readonly retryAfterCapMs: number;
  private readonly env: NodeJS.ProcessEnv;
  private readonly credentials: CredentialLookup;
  private readonly onRequest?: (method: string, url: string) => void;
  private readonly makeDispatcher: (verify: boolean, proxied: boolean) => Promise<Dispatcher>;
  private readonly dispatchers = new Map<string, Promise<Dispatcher>>();
  private readonly schemes = new Map<string, Promise<'https' | 'http'>>();
  private readonly tokens = new Map<string, { header: string; expires: number }>();
  private readonly tokenRequests = new Map<string, Promise<string>>();
  private readonly basicHosts = new Set<string>();

  constructor(options: TransportOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.env = options.env ?? process.env;
    this.registriesConf = options.registriesConf === false ? [] : registriesConf(this.env);
    this.insecure = new Set((options.insecureRegistries ?? []).map((h) => h.toLowerCase()));
    this.retryAfterCapMs = options.retryAfterCapMs ?? 10_000;
    this.credentials = options.credentials ?? credentialLookup(this.env);
    this.onRequest = options.onRequest;
    const env = this.env;
    const httpsProxy = options.proxy ?? env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY ?? '';
    const httpProxy = options.proxy ?? env.http_proxy ?? env.HTTP_PROXY ?? '';
    const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
    this.makeDispatcher = (verify, proxied) =>
      makeDispatcher({ verify, timeoutMs: this.timeoutMs, ca: options.ca, ...(proxied ? { httpProxy, httpsProxy, noProxy } : { httpProxy: '', httpsProxy: '', noProxy: '' }) });
  }

  /**
   * Ends the connections once the requests under way are answered (a check of a document still runs
   * to its end when the settings change). A request given up at its deadline is aborted already,
   * or fails at its connect timeout, which is the same deadline.
   */
  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(all.map((d) => d.then((x) => x.close(), () => {})));
  }

  /**
   * The dispatcher for a host: TLS verified unless the user marked the host (or repository) insecure; through the
   * proxy unless the host is loopback (Go's http.ProxyFromEnvironment: a proxy would see a loopback
   * registry's traffic, credentials included, and reach its own loopback, not ours).
   */
  private dispatcherFor(host: string, repository: string | undefined): Promise<Dispatcher> {
    const verify = !this.isInsecure(host, repository);
    const proxied = !isLoopback(host);
    const key = `${verify}|${proxied}`;
    let d = this.dispatchers.get(key);
    if (!d) this.dispatchers.set(key, (d = this.makeDispatcher(verify, proxied)));
    return d;
  }

  /**
   * Marked insecure by the user: `--insecure-registry` / the user setting (`host` for every port,
   * `host:port`), or registries.conf for this repository (`repository` unknown: the host alone).
   */
  isInsecure(host: string, repository?: string): boolean {
    const h = host.toLowerCase();
    if (this.insecure.has(h) || this.insecure.has(h.replace(/:\d+$/, ''))) return true;
    return insecureByRegistriesConf(this.registriesConf, repository ? `${h}/${repository}` : h);
  }

  private plainHttpAllowed(host: string, repository?: string): boolean {
    return isLoopback(host) || this.isInsecure(host, repository);
  }

  /** The repository of `opts` when `host` is its registry's host (a redirect elsewhere is judged by host). */
  private repositoryOn(host: string, opts: SendOptions): string | undefined {
    return opts.target && opts.target.host === host ? opts.target.repository : undefined;
  }

  private timeoutError(): RegistryError {
    const s = this.timeoutMs / 1000;
    return new RegistryError('timeout', `timed out after ${Number.isInteger(s) ? s : s.toFixed(1)}s`);
  }

  /** Milliseconds left for one more step of the work: throws once the deadline has passed or on cancellation. */
  private timeLeft(budget: Budget | undefined): number {
    if (budget?.signal?.aborted) throw cancelledError();
    if (!budget) return this.timeoutMs;
    const left = budget.deadline - Date.now();
    if (left <= 0) throw this.timeoutError();
    return Math.min(left, this.timeoutMs);
  }

  /** Waits `ms`, within the budget: the deadline or a cancellation ends the wait with its error. */
  private async pause(ms: number, budget: Budget | undefined): Promise<void> {
    const left = this.timeLeft(budget);
    const signal = budget?.signal;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(ms, left));
      signal?.addEventListener('abort', done, { once: true });
    });
    if (signal?.aborted) throw cancelledError();
    if (ms >= left) throw this.timeoutError();
  }

  private tlsError(host: string, reason: string): RegistryError {
    return new RegistryError(
      'tls',
      `TLS: ${reason} (${host}); mark the host insecure (--insecure-registry ${host}) only if you trust it`,
    );
  }

  /** One HTTP exchange, body read with a cap, no redirects followed. */
  private async exchange(url: string, headers: Record<string, string>, opts: SendOptions): Promise<RegistryResponse> {
    const u = new URL(url);
    const timeoutMs = this.timeLeft(opts.budget);
    const dispatcher = await this.dispatcherFor(u.host, this.repositoryOn(u.host, opts));
    this.onRequest?.(opts.method, url);
    try {
      const res = await exchange(dispatcher, u, {
        method: opts.method,
        headers,
        timeoutMs,
        signal: opts.budget?.signal,
        // Redirects need no body; error bodies are kept short.
        limit: (status) =>
          status === 200 ? { bytes: opts.maxBody, over: 'fail' } : { bytes: status >= 300 && status < 400 ? 0 : 64 * 1024, over: 'truncate' },
      });
      return { ...res, url };
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      const f = e.failure;
      if (f.kind === 'timeout') throw this.timeoutError();
      if (f.kind === 'aborted') throw cancelledError();
      if (f.kind === 'too-large') throw new RegistryError('too-large', opts.tooLarge(f.declared));
      if (f.kind === 'body') {
        const ct = (f.contentType ?? '').split(';')[0].trim() || 'missing';
        throw new RegistryError('not-manifest', `not a manifest (content type ${ct}; body truncated)`);
      }
      const cause = errorCause(f.cause);
      if (cause.code && TLS_VERIFY_CODES.has(cause.code)) throw this.tlsError(u.host, cause.message);
      const err = new RegistryError('network', `cannot reach ${u.host}: ${cause.message}`);
      (err as RegistryError & { code?: string }).code = cause.code;
      throw err;
    }
  }

  /**
   * The scheme for a host: HTTPS; plain HTTP as a fallback only where allowed. The first request to a
   * host is the probe, and concurrent requests to the same host wait for it (and share its failure).
   * Once HTTPS has failed where plain HTTP is allowed, they go ahead over plain HTTP without waiting
   * for the probe's own answer: one round trip less for the whole batch.
   */
  private async scheme(host: string, path: string, headers: Record<string, string>, opts: SendOptions): Promise<{ scheme: 'https' | 'http'; first?: RegistryResponse }> {
    // The probe's answer depends on whether plain HTTP is allowed, which registries.conf may decide per repository.
    const key = `${host}|${this.plainHttpAllowed(host, this.repositoryOn(host, opts))}`;
    const known = this.schemes.get(key);
    if (known) {
      try {
        return { scheme: await known };
      } catch {
        // The probe of another request failed (perhaps only for its path): probe on our own.
        return this.probe(host, path, headers, opts);
      }
    }
    let fellBack!: () => void;
    const plainHttp = new Promise<'http'>((resolve) => (fellBack = () => resolve('http')));
    const probe = this.probe(host, path, headers, opts, fellBack);
    const settled = probe.then(
      (r) => r.scheme,
      (e: unknown) => {
        const s = (e as { scheme?: 'https' | 'http' }).scheme;
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
    return probe;
  }

  private probe(
    host: string,
    path: string,
    headers: Record<string, string>,
    opts: SendOptions,
    onPlainHttp?: () => void,
  ): Promise<{ scheme: 'https' | 'http'; first: RegistryResponse }> {
    // An error past the connection (a body too large) still tells which scheme works.
    const attempt = async (scheme: 'https' | 'http') => {
      try {
        return { scheme, first: await this.exchange(`${scheme}://${host}${path}`, headers, opts) };
      } catch (e) {
        if (e instanceof RegistryError && (e.kind === 'too-large' || e.kind === 'not-manifest')) Object.assign(e, { scheme });
        throw e;
      }
    };
    return attempt('https').catch((e: unknown) => {
      if (!(e instanceof RegistryError) || e.kind !== 'network' || !this.plainHttpAllowed(host, this.repositoryOn(host, opts))) throw e;
      onPlainHttp?.();
      return attempt('http');
    });
  }

  /**
   * Follows up to five redirects from `res` (the answer to a request sent with `headers`). The
   * Authorization header goes only while scheme, host and port stay those of the first request, and
   * is not restored after it was dropped; plain HTTP only where allowed.
   */
  private async followRedirects(res: RegistryResponse, headers: Record<string, string>, opts: SendOptions): Promise<RegistryResponse> {
    const origin = new URL(res.url);
    let sent = headers;
    for (let hops = 0; res.status >= 300 && res.status < 400 && res.headers.get('location'); hops++) {
      if (hops >= 5) throw new RegistryError('http', `too many redirects from ${origin.host}`);
      const next = new URL(res.headers.get('location')!, res.url);
      if (next.protocol !== 'https:' && !(next.protocol === 'http:' && this.plainHttpAllowed(next.host, this.repositoryOn(next.host, opts)))) {
        throw new RegistryError('insecure', `${origin.host} redirected to ${next.protocol}//${next.host}, which is not allowed over plain HTTP`);
      }
      // URL.origin: scheme, host and port (a default port written out or not), so https → http drops it.
      if (next.origin !== origin.origin && sent.authorization !== undefined) {
        const { authorization: _dropped, ...rest } = sent;
        sent = rest;
      }
      res = await this.exchange(next.href, sent, opts);
    }
    return res;
  }

  /**
   * Sends a request to a registry host, following redirects (Authorization only to the same origin) and
   * honouring one Retry-After on 429/503. Returns the final response, whatever its status.
   */
  private async send(target: RequestTarget, path: string, authorization: string | undefined, sendOptions: SendOptions): Promise<RegistryResponse> {
    const opts = { ...sendOptions, target };
    const headers = (withAuth: boolean): Record<string, string> => {
      const h: Record<string, string> = { 'user-agent': 'layerlint' };
      if (opts.accept) h.accept = opts.accept;
      if (withAuth && authorization) h.authorization = authorization;
      return h;
    };
    const once = async (): Promise<RegistryResponse> => {
      const { scheme, first } = await this.scheme(target.host, path, headers(true), opts);
      const res = first ?? (await this.exchange(`${scheme}://${target.host}${path}`, headers(true), opts));
      return this.followRedirects(res, headers(true), opts);
    };
    let res = await once();
    if (res.status === 429 || res.status === 503) {
      const wait = parseRetryAfter(res.headers.get('retry-after'));
      if (wait === undefined) {
        if (res.status === 429) throw new RegistryError('rate-limited', `rate limited by ${target.host} (429)`);
        return res;
      }
      await this.pause(Math.min(wait, this.retryAfterCapMs), opts.budget);
      res = await once();
      if (res.status === 429 || res.status === 503) {
        throw new RegistryError('rate-limited', `rate limited by ${target.host} (${res.status}, still after one retry)`);
      }
    }
    return res;
  }

  /** Request with authentication: cached token/basic first, the challenge dance on 401, one retry. */
  async request(target: RequestTarget, path: string, opts: SendOptions): Promise<RegistryResponse> {
    const scope = `repository:${target.repository}:pull`;
    let authorization = await this.cachedAuthorization(target, scope);
    let res = await this.send(target, path, authorization, opts);
    if (res.status === 401) {
      // A challenge counts only from the registry's own host: another host that a redirect led to
      // would otherwise name the token service that receives the registry's credentials.
      if (new URL(res.url).host !== target.host) throw new RegistryError('auth', `authentication required by ${target.host}`);
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      authorization = await this.authorize(target, scope, challenge, opts.budget);
      res = await this.send(target, path, authorization, opts);
      if (res.status === 401) throw new RegistryError('auth', `authentication required by ${target.host}`);
    }
    if (res.status === 403) throw new RegistryError('denied', `access denied by ${target.host}`);
    return res;
  }

  private async cachedAuthorization(target: RequestTarget, scope: string): Promise<string | undefined> {
    const t = this.tokens.get(`${target.host}|${scope}`);
    if (t && t.expires > Date.now()) return t.header;
    if (this.basicHosts.has(target.host)) {
      const c = await this.credentials(target.registry, target.repository);
      if (c) return basic(c);
    }
    return undefined;
  }

  private async authorize(target: RequestTarget, scope: string, challenge: Challenge | undefined, budget: Budget | undefined): Promise<string> {
    if (challenge?.scheme === 'basic') {
      const c = await this.credentials(target.registry, target.repository);
      if (!c) throw new RegistryError('auth', `authentication required by ${target.host}`);
      this.basicHosts.add(target.host);
      return basic(c);
    }
    if (challenge?.scheme === 'bearer' && challenge.params.realm) {
      const key = `${target.host}|${scope}`;
      let p = this.tokenRequests.get(key);
      if (!p) {
        p = this.fetchToken(target, scope, challenge.params, budget).finally(() => this.tokenRequests.delete(key));
        this.tokenRequests.set(key, p);
      }
      return p;
    }
    throw new RegistryError('auth', `authentication required by ${target.host}`);
  }

  private async fetchToken(target: RequestTarget, scope: string, params: Record<string, string>, budget: Budget | undefined): Promise<string> {
    const realm = params.realm;
    const fail = (why: string | number) => new RegistryError('token', `token service at ${realm} failed: ${why}`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw fail('invalid realm URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.plainHttpAllowed(url.host))) throw fail('plain HTTP realm not allowed');
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = { 'user-agent': 'layerlint', accept: 'application/json' };
    const creds = await this.credentials(target.registry, target.repository);
    if (creds) headers.authorization = basic(creds);
    let res: RegistryResponse;
    try {
      const opts: SendOptions = { method: 'GET', budget, maxBody: 1 << 20, tooLarge: () => 'response too large' };
      res = await this.followRedirects(await this.exchange(url.href, headers, opts), headers, opts);
    } catch (e) {
      if (e instanceof RegistryError && (e.kind === 'timeout' || e.kind === 'tls' || e.kind === 'cancelled')) throw e;
      throw fail(e instanceof RegistryError ? e.message.replace(/^cannot reach [^:]+: /, '') : String(e));
    }
    if (res.status !== 200) throw fail(res.status);
    let token: string | undefined;
    let expiresIn = 60;
    try {
      const j = JSON.parse(res.body.toString('utf8')) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
      token = typeof j.token === 'string' && j.token ? j.token : typeof j.access_token === 'string' && j.access_token ? j.access_token : undefined;
      if (typeof j.expires_in === 'number' && j.expires_in > 0) expiresIn = j.expires_in;
    } catch {
      throw fail('response is not JSON');
    }
    if (!token) throw fail('no token in response');
    const header = `Bearer ${token}`;
    this.tokens.set(`${target.host}|${scope}`, { header, expires: Date.now() + Math.max(0, expiresIn - 5) * 1000 });
    return header;
  }
}

function cancelledError(): RegistryError {
  return new RegistryError('cancelled', 'check cancelled');
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}
