// Checkstyle XML, as Jenkins' warnings-ng, reviewdog and most CI report viewers read it.
import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';
import { messageText } from './message';
import { xmlEscape } from './xml';
import { internalErrorsOf } from './internal-errors';

const SEVERITY = { error: 'error', warning: 'warning', information: 'info', hint: 'info' } as const;

export function formatCheckstyle(files: LintedFile[]): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<checkstyle version="4.3">\n';
  for (const file of files) {
    out += `  <file name="${xmlEscape(file.path)}">\n`;
    for (const message of internalErrorsOf(file)) {
      out += `    <error line="1" column="1" severity="error" message="${xmlEscape(message)}" source="layerlint.internal-error"/>\n`;
    }
    for (const d of file.diagnostics) {
      const sev = SEVERITY[SEVERITY_NAMES[d.severity]];
      out += `    <error line="${d.range.start.line + 1}" column="${d.range.start.character + 1}" severity="${sev}" message="${xmlEscape(messageText(d))}" source="layerlint.${xmlEscape(d.code)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return `${out}</checkstyle>\n`;
}
