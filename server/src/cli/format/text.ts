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

/** The lines a fix changes, after applying it. */
function preview(text: string, edits: TextEdit[]): string {
  const after = applyEdits(text, edits).split('\n');
  const first = Math.min(...edits.map((e) => e.range.start.line));
  const lastBefore = Math.max(...edits.map((e) => e.range.end.line));
  const delta = after.length - text.split('\n').length;
  const last = Math.max(first, lastBefore + delta);
  return after.slice(first, last + 1).map((l) => `${l}\n`).join('') || '(lines removed)\n';
}

function indent(s: string, prefix: string): string {
  return s.split('\n').map((l) => (l ? prefix + l : l)).join('\n');
}
