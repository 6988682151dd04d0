// One HTTP exchange over undici's Agent (server/src/registry/http.ts) against loopback servers: body
// caps, truncation, HEAD, redirects, a body cut short, the deadline and a refused connection.
import Agent from 'undici/lib/dispatcher/agent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, HttpError, type BodyLimit, type HttpFailure, type HttpRequest } from '../../server/src/registry/http';
import { startServer, type TestServer } from './support/servers';

const agent = new Agent();
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req, res) => {
    const size = Number(new URL(req.url ?? '', 'http://x').searchParams.get('size') ?? 0);
    switch (new URL(req.url ?? '', 'http://x').pathname) {
      case '/ok':
        res.setHeader('warning', ['199 - "one"', '199 - "two"']);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
        return res.end(req.method === 'HEAD' ? undefined : Buffer.alloc(size, 'a'));
      case '/chunked':
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < size; i += 1024) res.write(Buffer.alloc(Math.min(1024, size - i), 'b'));
        return res.end();
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/plain' });
        for (let i = 0; i < size; i += 1024) res.write(Buffer.alloc(Math.min(1024, size - i), 'c'));
        return res.end();
      case '/moved':
        res.writeHead(302, { location: '/ok?size=3', 'content-length': 100 });
        return res.end(Buffer.alloc(100, 'd'));
      case '/cut':
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'content-length': 1000 });
        res.write(Buffer.alloc(10, 'e'));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      case '/silent':
        return; // never answers
      default:
        res.writeHead(500).end();
    }
  });
});
afterAll(async () => {
  await agent.destroy();
  await server?.close();
});

const manifestCap =
  (bytes: number) =>
  (status: number): BodyLimit =>
    status === 200 ? { bytes, over: 'fail' } : { bytes: status >= 300 && status < 400 ? 0 : 64, over: 'truncate' };

const send = (path: string, over: Partial<HttpRequest> = {}) =>
  exchange(agent, new URL(path, server.url), { method: 'GET', headers: { accept: 'application/json' }, timeoutMs: 5000, limit: manifestCap(4096), ...over });

async function failure(p: Promise<unknown>): Promise<HttpFailure> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(HttpError);
  return (e as HttpError).failure;
}

describe('exchange over undici', () => {
  it('returns status, headers and the whole body under the cap, and sends the request headers', async () => {
    const r = await send('/ok?size=4096');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(Buffer.alloc(4096, 'a'));
    expect(r.headers.get('Content-Type')).toBe('application/json');
    expect(r.headers.get('warning')).toBe('199 - "one", 199 - "two"');
    expect(r.headers.get('x-absent')).toBeNull();
    expect(server.requests.at(-1)?.headers.accept).toBe('application/json');
  });

  it('refuses a declared length over the cap, naming it', async () => {
    expect(await failure(send('/ok?size=4097'))).toEqual({ kind: 'too-large', declared: 4097 });
  });

  it('refuses an undeclared body once it passes the cap', async () => {
    expect(await failure(send('/chunked?size=10000'))).toEqual({ kind: 'too-large', declared: undefined });
    expect((await send('/chunked?size=4000')).body.length).toBe(4000);
  });

  it('keeps only the first bytes of a long error body', async () => {
    const r = await send('/missing?size=5000');
    expect(r.status).toBe(404);
    expect(r.body).toEqual(Buffer.alloc(64, 'c'));
  });

  it('does not follow a redirect, and reads no body for it', async () => {
    const r = await send('/moved');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/ok?size=3');
    expect(r.body.length).toBe(0);
  });

  it('answers HEAD with the headers only, whatever length they declare', async () => {
    const r = await send('/ok?size=9999999', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBe('9999999');
    expect(r.body.length).toBe(0);
  });

  it('reports a body cut short with its content type', async () => {
    const f = await failure(send('/cut'));
    expect(f).toMatchObject({ kind: 'body', contentType: 'application/vnd.oci.image.index.v1+json' });
  });

  it('gives up at the deadline on a server that never answers', async () => {
    expect(await failure(send('/silent', { timeoutMs: 200 }))).toEqual({ kind: 'timeout' });
    // The connection is released: the same agent still serves the next request.
    expect((await send('/ok?size=1')).status).toBe(200);
  });

  it('reports a refused connection with its cause', async () => {
    const closed = await startServer(() => {});
    const url = closed.url;
    await closed.close();
    const e = await exchange(agent, new URL('/v2/', url), { method: 'GET', headers: {}, timeoutMs: 5000, limit: manifestCap(10) }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HttpError);
    const f = (e as HttpError).failure;
    expect(f.kind).toBe('connection');
    expect((f as { cause: { code?: string } }).cause.code).toBe('ECONNREFUSED');
  });
});
