// The architecture as imports: no import cycle, the client apart from the server, and code outside
// the engine reaching it through server/src/engine/index.ts only.
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../support/import-graph';

const graph = importGraph(['server/src', 'client/src', 'shared']);

describe('import graph', () => {
  it('reads the real imports (sanity: the CLI entry point imports its subcommands)', () => {
    expect(graph.get('server/src/cli/main.ts')).toEqual(expect.arrayContaining(['server/src/cli/lint.ts', 'server/src/cli/platforms.ts', 'server/src/cli/types.ts']));
    expect(
      importCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('has no import cycle (the CLI, the configuration, the engine)', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('keeps the client and the shared protocol apart from the server source', () => {
    const crossing = [...graph]
      .filter(([file]) => file.startsWith('client/') || file.startsWith('shared/'))
      .flatMap(([file, targets]) => targets.filter((t) => t.startsWith('server/')).map((t) => `${file} → ${t}`));
    expect(crossing).toEqual([]);
  });

  it('has no registry → engine import: references in, verdicts out', () => {
    const crossing = [...graph]
      .filter(([file]) => file.startsWith('server/src/registry/'))
      .flatMap(([file, targets]) => targets.filter((t) => t.startsWith('server/src/engine/')).map((t) => `${file} → ${t}`));
    expect(crossing).toEqual([]);
  });

  it('is entered from outside the engine through engine/index.ts only', () => {
    const bypassing = [...graph]
      .filter(([file]) => !file.startsWith('server/src/engine/'))
      .flatMap(([file, targets]) => targets.filter((t) => t.startsWith('server/src/engine/') && t !== 'server/src/engine/index.ts').map((t) => `${file} → ${t}`));
    expect(bypassing).toEqual([]);
  });
});
