import type { LintedFile } from '../types';
import { terminalText } from '../terminal-text';
import { messageText } from './message';
import { SEVERITY_NAMES } from './severity';

const COLORS: Record<string, string> = { error: '31', warning: '33', information: '36', hint: '90' };

export function formatText(files: LintedFile[], opts: { color: boolean; showFixes: boolean }): string {
  const paint = (code: string, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  let out = '';
  for (const file of files) {
    for (const d of file.diagnostics) {
      const sev = SEVERITY_NAMES[d.severity];
      // Messages quote the file and the registry: their control characters are printed escaped.
      out += `${terminalText(file.path)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(COLORS[sev], sev)} ${paint('1', d.code)} ${terminalText(messageText(d))}\n`;
      if (opts.showFixes) {
        // jsdiff loads only for --show-fixes.
        const { unifiedDiff } = require('./diff') as typeof import('./diff');
        // Not indented: GNU patch takes an indented diff, but not its "\ No newline at end of file" lines.
        for (const fix of d.data.fixes) out += `    fix: ${terminalText(fix.title)}\n${unifiedDiff(file.path, file.text, fix.edits)}`;
      }
    }
  }
  return out;
}
