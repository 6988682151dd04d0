// The code-server install (scripts/code-server.mjs) says why it failed instead of leaving a test to
// time out: npm's failure is diagnosed from its log, and `npm test` stops with that message.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: an ES module script without type declarations
import { diagnoseNpmFailure } from '../../scripts/code-server.mjs';

const root = join(__dirname, '..', '..');
const cache = mkdtempSync(join(tmpdir(), 'layerlint-cs-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('installing code-server', () => {
  it('names an unreachable npm registry, keeps the log, and exits 1', async () => {
    const port = await closedPort();
    const run = promisify(execFile)(process.execPath, [join(root, 'scripts/code-server.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        LAYERLINT_CACHE: cache,
        npm_config_registry: `http://127.0.0.1:${port}/`,
        npm_config_fetch_retries: '0',
        npm_config_cache: join(cache, 'npm-cache'),
        npm_config_offline: 'false',
        npm_config_prefer_offline: 'false',
      },
    });
    const failure = await run.then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('layerlint: cannot install code-server: npm install code-server@');
    expect(failure?.stderr).toContain('the npm registry could not be reached (network)');
    expect(failure?.stderr).toMatch(/Full log: .*code-server-[\d.]+\.install\.log/);
  }, 120_000);

  it.each([
    ['npm ERR! code ENOSPC\nnpm ERR! nospc ENOSPC: no space left on device, write', 'the disk is full (ENOSPC)'],
    ['npm ERR! code E404\nnpm ERR! 404 Not Found - GET http://127.0.0.1/code-server', 'the npm registry has no code-server@'],
    ['gyp ERR! build error\ngyp ERR! stack Error: `make` failed with exit code: 2', 'a native module failed to build (node-gyp)'],
    ['npm ERR! code EACCES\nnpm ERR! syscall mkdir', 'permission denied writing the cache folder'],
  ])('diagnoses %j', (log, cause) => {
    expect(diagnoseNpmFailure(log)).toContain(cause);
  });
});
