// Closing a checker (the language server does when the registry settings change) lets the check under
// way finish, and ends the connections afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { PlatformChecker } from '../../server/src/registry/check';
import { amd64Index, OCI_INDEX, sha256 } from './support/registry';
import { startServer, type TestServer } from './support/servers';

const INDEX = amd64Index('5');
let server: TestServer | undefined;
afterAll(() => server?.close());

describe('PlatformChecker.close', () => {
  it('lets a check under way finish', async () => {
    let answered = false;
    server = await startServer((_req, res) =>
      setTimeout(() => {
        res.writeHead(200, { 'content-type': OCI_INDEX, 'docker-content-digest': sha256(INDEX) });
        res.end(INDEX);
        answered = true;
      }, 300),
    );
    const checker = new PlatformChecker({ cacheDir: null });
    const running = checker.check([{ image: `${server.host}/slow:1`, platforms: ['linux/amd64'] }]);
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 10)); // the request is on its way
    await checker.close();
    expect(answered).toBe(true);
    const [result] = await running;
    expect([result.error, result.results[0].status]).toEqual([null, 'ok']);
  });
});
