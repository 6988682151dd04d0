// How the server is started: the bin's shebang carries SERVER_NODE_OPTIONS (the VS Code client passes
// the same as execArgv), and the bin runs directly, as editors other than VS Code start it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_OPTIONS } from '../../shared/protocol';
import { ROOT } from '../support/cli';

const BIN = join(ROOT, 'dist', 'server.js');

describe('layerlint-language-server bin', () => {
  it('starts Node with SERVER_NODE_OPTIONS', () => {
    const shebang = readFileSync(BIN, 'utf8').split('\n')[0];
    expect(shebang).toMatch(/^#!\/usr\/bin\/env -S node /);
    expect(shebang.replace(/^#!\/usr\/bin\/env -S node /, '').split(/\s+/)).toEqual(SERVER_NODE_OPTIONS);
  });

  it('runs through its shebang', () => {
    expect(execFileSync(BIN, ['--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
