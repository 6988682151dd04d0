// The extension talks to the language server only: client/tsconfig.json (run by npm test) lists
// client/src and shared/, and a client file importing server source fails it.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

const tscClient = () => spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'client')], { cwd: ROOT, encoding: 'utf8' });

describe('tsc -p client', () => {
  it('passes on the client as it is', () => {
    const r = tscClient();
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails on a client file that imports server source, naming the server file', () => {
    const probe = join(ROOT, 'client/src', `server-import-probe-${process.pid}.ts`);
    writeFileSync(probe, "import { parsePlatform } from '../../server/src/registry/platform';\nexport const probe = parsePlatform('linux/amd64');\n");
    try {
      const r = tscClient();
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/error TS6307: File '[^']*\/server\/src\/registry\/platform\.ts' is not listed within the file list of project/);
    } finally {
      rmSync(probe, { force: true });
    }
  });
});
