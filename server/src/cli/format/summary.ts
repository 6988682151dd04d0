// The closing line on a terminal: "3 files, 2 errors, 1 warning" or "2 files, no problems".
import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(files: LintedFile[]): string {
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const d of f.diagnostics) counts[SEVERITY_NAMES[d.severity]]++;
  const parts = [plural(files.length, 'file')];
  const found = (Object.keys(counts) as (keyof typeof counts)[]).filter((k) => counts[k] > 0);
  if (found.length === 0) parts.push('no problems');
  for (const k of found) parts.push(k === 'information' ? `${counts[k]} info` : plural(counts[k], k));
  return `${parts.join(', ')}\n`;
}
