import type { TextEdit } from 'vscode-languageserver-types';
import type { LintedFile } from '../lint';
import { SEVERITY_NAMES } from './severity';
import { applyEdits } from '../../engine/fixes/apply';

const COLORS: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '90' };

export function formatText(files: LintedFile[], opts: { color: boolean; showFixes: boolean }): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  let out = '';
  for (const file of files) {
    for (const d of file.diagnostics) {
      const sev = SEVERITY_NAMES[d.severity];
      out += `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(COLORS[sev], sev)} ${paint('1', d.code)} ${d.message}\n`;
      if (opts.showFixes) {
        for (const fix of d.data.fixes) out += `    fix: ${fix.title}\n${indent(preview(file.text, fix.edits), '      ')}`;
      }
    }
  }
  return out;
}

/** The lines a fix changes, as a small diff. */
function preview(text: string, edits: TextEdit[]): string {
  const before = text.split('\n');
  const after = applyEdits(text, edits).split('\n');
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let tailB = before.length - 1;
  let tailA = after.length - 1;
  while (tailB >= first && tailA >= first && before[tailB] === after[tailA]) {
    tailB--;
    tailA--;
  }
  const removed = before.slice(first, tailB + 1).map((l) => `- ${l}\n`);
  const added = after.slice(first, tailA + 1).map((l) => `+ ${l}\n`);
  return `@@ line ${first + 1}\n${removed.join('')}${added.join('')}`;
}

function indent(s: string, prefix: string): string {
  return s.split('\n').map((l) => (l ? prefix + l : l)).join('\n');
}
