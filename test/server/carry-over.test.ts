// Generic diagnostics of the previous version moved through an edit (handlers/carry-over.ts).
import type { Diagnostic } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { carryOver } from '../../server/src/handlers/carry-over';

const at = (line: number, start: number, end: number, message = 'm'): Diagnostic => ({ range: { start: { line, character: start }, end: { line, character: end } }, message });
const ranges = (ds: Diagnostic[]) => ds.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

describe('carryOver', () => {
  const old = 'FROM a\nworkdir x\nRUN b\nexpose 1\n';
  const ds = [at(1, 0, 7), at(3, 0, 6)];

  it('keeps what is before the edit and moves what is after it', () => {
    // A character typed in line 2: line 1 stays, line 3 stays (the edit is within a line).
    expect(ranges(carryOver(old, old.replace('RUN b', 'RUN bb'), ds))).toEqual([
      [1, 0, 1, 7],
      [3, 0, 3, 6],
    ]);
    // A line inserted at the top: both move down.
    expect(ranges(carryOver(old, `\n${old}`, ds))).toEqual([
      [2, 0, 2, 7],
      [4, 0, 4, 6],
    ]);
    // Characters inserted before a finding on its line: it moves right.
    expect(ranges(carryOver(old, old.replace('expose', '  expose'), ds))).toEqual([
      [1, 0, 1, 7],
      [3, 2, 3, 8],
    ]);
  });

  it('collapses a finding inside a removed region onto the edit', () => {
    expect(ranges(carryOver(old, 'FROM a\nRUN b\nexpose 1\n', ds))).toEqual([
      [1, 0, 1, 0],
      [2, 0, 2, 6],
    ]);
  });

  it('returns the same diagnostics for the same text', () => {
    expect(carryOver(old, old, ds)).toBe(ds);
  });
});
