// Registry authentication (https://distribution.github.io/distribution/spec/auth/token/): the
// WWW-Authenticate challenge, basic auth, and bearer tokens from the realm's token service, cached
// per host and scope; concurrent requests for one token share a single token request.
import type { CredentialLookup, Credentials } from './auth';
import { RegistryError } from './errors';
import type { RegistryResponse } from './redirects';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** What authentication is asked for: the repository on its registry's host. */
export interface AuthTarget {
  host: string;
  registry: string;
  repository: string;
}

/** `Bearer realm="…",service="…",scope="…"` → {scheme, params}. */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let p; (p = re.exec(m[2]));) params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  return { scheme: m[1].toLowerCase(), params };
}

function basic(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

export interface TokenService<B> {
  /** GET of the token URL with these headers, redirects followed, within the budget. */
  get(url: URL, headers: Record<string, string>, budget: B | undefined): Promise<RegistryResponse>;
  plainHttpAllowed(host: string): boolean;
}

export class RegistryAuthorizer<B> {
  private readonly tokens = new Map<string, { header: string; expires: number }>();
  private readonly tokenRequests = new Map<string, Promise<string>>();
  private readonly basicHosts = new Set<string>();

  constructor(
    private readonly credentials: CredentialLookup,
    private readonly tokenService: TokenService<B>,
  ) {}

  /** The Authorization header known for the target without asking: a cached token, or basic auth the host asked for before. */
  async cached(target: AuthTarget, scope: string): Promise<string | undefined> {
    const t = this.tokens.get(`${target.host}|${scope}`);
    if (t && t.expires > Date.now()) return t.header;
    if (this.basicHosts.has(target.host)) {
      const c = await this.credentials(target.registry, target.repository);
      if (c) return basic(c);
    }
    return undefined;
  }

  /** The Authorization header that answers the registry's challenge. */
  async answer(target: AuthTarget, scope: string, challenge: Challenge | undefined, budget: B | undefined): Promise<string> {
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

  private async fetchToken(target: AuthTarget, scope: string, params: Record<string, string>, budget: B | undefined): Promise<string> {
    const realm = params.realm;
    const fail = (why: string | number) => new RegistryError('token', `token service at ${realm} failed: ${why}`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw fail('invalid realm URL');
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.tokenService.plainHttpAllowed(url.host))) throw fail('plain HTTP realm not allowed');
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', scope);
    const headers: Record<string, string> = { 'user-agent': 'layerlint', accept: 'application/json' };
    const creds = await this.credentials(target.registry, target.repository);
    if (creds) headers.authorization = basic(creds);
    let res: RegistryResponse;
    try {
      res = await this.tokenService.get(url, headers, budget);
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
