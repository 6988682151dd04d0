// Test support: loopback HTTP(S) servers that record what they receive (fault injection), a small real
// token service for the registry's `auth: token`, self-signed certificates from the openssl CLI, and a
// counting forward proxy (absolute-URI requests and CONNECT).
import { execFileSync } from 'node:child_process';
import { X509Certificate, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { requireCommand } from './registry';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface TestServer {
  host: string;
  port: number;
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

async function listen(server: Server, scheme: 'http' | 'https', requests: Recorded[]): Promise<TestServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A loopback server; every request is recorded (headers included) before the handler runs. */
export async function startServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TestServer> {
  const requests: Recorded[] = [];
  let self: TestServer | undefined;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res, self!);
  };
  const server = tls ? createHttpsServer(tls, onRequest) : createHttpServer(onRequest);
  self = await listen(server, tls ? 'https' : 'http', requests);
  return self;
}

/**
 * Names under this domain reach 127.0.0.1 through the test proxy only: the client never looks them up,
 * so a registry behind the proxy is a non-loopback host to the client while all traffic stays on loopback.
 */
export const PROXIED_DOMAIN = 'proxied.test';

/** A self-signed RSA certificate (for TLS failures and for signing registry tokens). */
export function selfSigned(dir: string, name: string, cn = 'layerlint-test'): { keyPath: string; certPath: string; key: string; cert: string } {
  requireCommand('openssl', 'openssl');
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.crt`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-addext',
      `subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:*.${PROXIED_DOMAIN}`,
    ],
    { stdio: 'ignore' },
  );
  return { keyPath, certPath, key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export interface TokenService extends TestServer {
  realm: string;
  /** Answer every token request with this status (0: work normally). */
  failWith: number;
}

/**
 * A distribution token service: RS256 JWTs with an x5c header. Users in `users` get pull on every
 * repository asked for; anonymous callers only on repositories under `public/`.
 */
export async function startTokenService(o: { key: string; cert: string; issuer: string; service: string; users: Record<string, string>; expiresIn?: number }): Promise<TokenService> {
  const der = new X509Certificate(o.cert).raw;
  const state = { failWith: 0 };
  const server = await startServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    if (state.failWith) {
      res.writeHead(state.failWith, { 'content-type': 'text/plain' }).end('token service down');
      return;
    }
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const [name, ...rest] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
      if (o.users[name] !== rest.join(':')) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
        return;
      }
      user = name;
    }
    const access = u.searchParams
      .getAll('scope')
      .map((s) => /^repository:([^:]+):(.*)$/.exec(s))
      .filter((m): m is RegExpExecArray => !!m)
      .filter((m) => user !== undefined || m[1].startsWith('public/'))
      .map((m) => ({ type: 'repository', name: m[1], actions: m[2].split(',').filter((a) => a === 'pull' || (user && a === 'push')) }));
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', x5c: [der.toString('base64')] }));
    const claims = b64url(
      JSON.stringify({
        iss: o.issuer,
        sub: user ?? '',
        aud: u.searchParams.get('service') ?? o.service,
        exp: now + (o.expiresIn ?? 300),
        nbf: now - 10,
        iat: now,
        jti: `${now}-${Math.random()}`,
        access,
      }),
    );
    const sig = b64url(sign('RSA-SHA256', Buffer.from(`${header}.${claims}`), o.key));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${header}.${claims}.${sig}`, expires_in: o.expiresIn ?? 300 }));
  });
  // An accessor (Object.assign would copy the getter's value, not the accessor).
  Object.defineProperty(server, 'failWith', { get: () => state.failWith, set: (v: number) => (state.failWith = v) });
  return Object.assign(server as TestServer & { failWith: number }, { realm: `${server.url}/token` });
}

const proxiedHost = (h: string) => (h === '127.0.0.1' || h === 'localhost' || h.endsWith(`.${PROXIED_DOMAIN}`) ? '127.0.0.1' : undefined);

/**
 * A forward proxy that records each request line (`GET http://…`, `CONNECT host:port`). `routes` sends
 * a `name:port` of the proxied domain to another loopback port (names on default ports, e.g.
 * `token.proxied.test:443`, without binding them).
 */
export async function startProxy(routes: Record<string, number> = {}): Promise<TestServer> {
  const portFor = (host: string, port: string) => routes[`${host}:${port}`] ?? Number(port);
  const requests: Recorded[] = [];
  const server = createHttpServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const target = new URL(req.url ?? '');
    const to = proxiedHost(target.hostname);
    if (!to) {
      res.writeHead(502).end();
      return;
    }
    target.port = String(portFor(target.hostname, target.port || '80'));
    target.hostname = to;
    const up = httpRequest(target, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    requests.push({ method: 'CONNECT', url: req.url ?? '', headers: req.headers });
    const [h, p] = (req.url ?? '').split(':');
    const to = proxiedHost(h);
    if (!to) {
      // Tests stay on loopback: anything else is refused without a lookup.
      client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const up = connect(portFor(h, p), to, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  return listen(server, 'http', requests);
}
