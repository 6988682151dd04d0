// HTTP transport for registry APIs on undici's dispatchers (`./http`): which hosts are verified and
// which may speak plain HTTP (loopback and user-listed insecure hosts), proxies from the environment,
// one deadline per image over every request and wait, Retry-After with a cap, capped bodies, and the
// order of the steps: scheme probe (scheme-probe.ts), redirects (redirects.ts), authentication
// (challenge-auth.ts, challenges answered only from the registry's own host), failures as
// RegistryErrors (transport-errors.ts) (docs/SECURITY.md).
import type { Dispatcher } from 'undici';
import type { CredentialLookup } from './auth';
import { credentialLookup } from './auth';
import { parseChallenge, RegistryAuthorizer } from './challenge-auth';
import { RegistryError } from './errors';
import { makeDispatcher } from './dispatchers';
import { exchange } from './http';
import { followRedirects, type RegistryResponse } from './redirects';
import { isLoopback } from './reference';
import { insecureByRegistriesConf, registriesConf, type RegistryEntry } from './registries-conf';
import { SchemeProbes } from './scheme-probe';
import { cancelledError, exchangeError, timeoutError } from './transport-errors';

export type { RegistryResponse };

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

function parseRetryAfter(v: string | null): number | undefined {
  if (!v) return undefined;
  if (/^\s*\d+\s*$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - Date.now());
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
  private readonly schemes = new SchemeProbes<RegistryResponse>();
  private readonly authorizer: RegistryAuthorizer<Budget>;

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
    this.authorizer = new RegistryAuthorizer<Budget>(this.credentials, {
      get: async (url, headers, budget) => {
        const opts: SendOptions = { method: 'GET', budget, maxBody: 1 << 20, tooLarge: () => 'response too large' };
        return this.followRedirects(await this.exchange(url.href, headers, opts), headers, opts);
      },
      plainHttpAllowed: (host) => this.plainHttpAllowed(host),
    });
  }

  /**
   * Ends the connections once the requests under way are answered (a check of a document still runs
   * to its end when the settings change). A request given up at its deadline is aborted already,
   * or fails at its connect timeout, which is the same deadline.
   */
  async close(): Promise<void> {
    const all = [...this.dispatchers.values()];
    this.dispatchers.clear();
    await Promise.all(
      all.map((d) =>
        d.then(
          (x) => x.close(),
          () => {},
        ),
      ),
    );
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
    return timeoutError(this.timeoutMs);
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
        limit: (status) => (status === 200 ? { bytes: opts.maxBody, over: 'fail' } : { bytes: status >= 300 && status < 400 ? 0 : 64 * 1024, over: 'truncate' }),
      });
      return { ...res, url };
    } catch (e) {
      throw exchangeError(e, u.host, this.timeoutMs, opts.tooLarge);
    }
  }

  /** Redirects followed from `res` (redirects.ts), plain HTTP judged for the target's repository. */
  private followRedirects(res: RegistryResponse, headers: Record<string, string>, opts: SendOptions): Promise<RegistryResponse> {
    return followRedirects(
      res,
      headers,
      (url, sent) => this.exchange(url, sent, opts),
      (host) => this.plainHttpAllowed(host, this.repositoryOn(host, opts)),
    );
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
      // The probe's answer depends on whether plain HTTP is allowed, which registries.conf may decide per repository.
      const plainHttp = this.plainHttpAllowed(target.host, target.repository);
      const { scheme, first } = await this.schemes.scheme(target.host, plainHttp, (s) => this.exchange(`${s}://${target.host}${path}`, headers(true), opts));
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
    let authorization = await this.authorizer.cached(target, scope);
    let res = await this.send(target, path, authorization, opts);
    if (res.status === 401) {
      // A challenge counts only from the registry's own host: another host that a redirect led to
      // would otherwise name the token service that receives the registry's credentials.
      if (new URL(res.url).host !== target.host) throw new RegistryError('auth', `authentication required by ${target.host}`);
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      authorization = await this.authorizer.answer(target, scope, challenge, opts.budget);
      res = await this.send(target, path, authorization, opts);
      if (res.status === 401) throw new RegistryError('auth', `authentication required by ${target.host}`);
    }
    if (res.status === 403) throw new RegistryError('denied', `access denied by ${target.host}`);
    return res;
  }
}
