// Generic Dockerfile diagnostics of the previous version, moved through the edit to the current
// text: shown with the fresh Layerlint findings until the worker's validation of this version
// arrives (validation.ts), so the two sources never wait for each other.
import type { Diagnostic, Position } from 'vscode-languageserver/node';
import { LineIndex } from '../engine';

export function carryOver(oldText: string, newText: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (oldText === newText || diagnostics.length === 0) return diagnostics;
  const min = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < min && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < min - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  const oldEnd = oldText.length - s;
  const newEnd = newText.length - s;
  const before = new LineIndex(oldText);
  const after = new LineIndex(newText);
  // Before the edit: unchanged; at or after its end: moved by its length; inside it: to its end.
  const move = (position: Position): Position => {
    const offset = before.offsetAt(position);
    return after.positionAt(offset < p ? offset : offset >= oldEnd ? offset + newEnd - oldEnd : newEnd);
  };
  return diagnostics.map((d) => ({ ...d, range: { start: move(d.range.start), end: move(d.range.end) } }));
}
