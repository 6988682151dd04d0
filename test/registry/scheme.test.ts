// The scheme probe on a host where plain HTTP is allowed (loopback here): HTTPS first; once it has
// failed, the other requests to the host go ahead over plain HTTP without waiting for the probe's answer.
import { createServer, type ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImages, PlatformChecker } from '../../server/src/registry/check';
import { amd64Index, freePort, OCI_INDEX, sha256 } from './support/registry';
import { startServer, type TestServer } from './support/servers';

const INDEX = amd64Index('4');

function serveIndex(res: ServerResponse) {
  res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) });
  res.end(INDEX);
}

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

describe('scheme probe on a plain-HTTP loopback registry', () => {
  it('sends the other requests as soon as HTTPS has failed, not after the first answer', async () => {
    const arrived = new Map<string, number>();
    let firstAnswered = Infinity;
    const server = await startServer((req, res) => {
      const repo = /^\/v2\/([^/]+)\//.exec(req.url ?? '')?.[1] ?? '';
      arrived.set(repo, arrived.get(repo) ?? Date.now());
      if (repo !== 'first') return serveIndex(res);
      setTimeout(() => {
        firstAnswered = Date.now();
        serveIndex(res);
      }, 400);
    });
    servers.push(server);
    const results = await checkImages(
      ['first', 'second', 'third'].map((repo) => ({ image: `${server.host}/${repo}:1`, platforms: ['linux/amd64'] })),
      { cacheDir: null },
    );
    expect(results.map((r) => [r.error, r.results[0].status])).toEqual([
      [null, 'ok'],
      [null, 'ok'],
      [null, 'ok'],
    ]);
    // The probe's HTTPS attempt never reaches a plain-HTTP server as a request; its HTTP retry does.
    expect(server.requests.filter((r) => r.url.startsWith('/v2/first/')).length).toBe(1);
    expect(arrived.get('second')).toBeLessThan(firstAnswered);
    expect(arrived.get('third')).toBeLessThan(firstAnswered);
  });

  it('probes again, in a long-lived checker, a host that answered on neither scheme', async () => {
    const port = await freePort();
    const checker = new PlatformChecker({ cacheDir: null, timeoutMs: 2000 });
    try {
      const image = { image: `127.0.0.1:${port}/late:1`, platforms: ['linux/amd64'] };
      const [down] = await checker.check([image]);
      expect(down.error).toMatch(new RegExp(`^cannot reach 127\\.0\\.0\\.1:${port}: `));
      const late = createServer((_req, res) => serveIndex(res));
      await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
      try {
        const [up] = await checker.check([image]);
        expect([up.error, up.results[0].status]).toEqual([null, 'ok']);
      } finally {
        late.closeAllConnections();
        await new Promise<void>((resolve) => late.close(() => resolve()));
      }
    } finally {
      await checker.close();
    }
  });
});
