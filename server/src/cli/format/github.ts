// GitHub Actions workflow commands (`::error file=…,line=…::message`): findings annotate the pull
// request without code scanning. Data and property values are escaped as the runner's toolkit does.
import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';
import { messageText } from './message';
import { internalErrorsOf } from './internal-errors';

const COMMAND = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(files: LintedFile[]): string {
  let out = '';
  for (const file of files) {
    for (const message of internalErrorsOf(file)) {
      out += `::error file=${escapeProperty(file.path)},line=1,title=${escapeProperty('layerlint internal error')}::${escapeData(message)}\n`;
    }
    for (const d of file.diagnostics) {
      const r = d.range;
      const props = [
        `file=${escapeProperty(file.path)}`,
        `line=${r.start.line + 1}`,
        `col=${r.start.character + 1}`,
        `endLine=${r.end.line + 1}`,
        ...(r.end.line === r.start.line ? [`endColumn=${r.end.character + 1}`] : []),
        `title=${escapeProperty(`layerlint ${d.code}`)}`,
      ];
      out += `::${COMMAND[SEVERITY_NAMES[d.severity]]} ${props.join(',')}::${escapeData(messageText(d))}\n`;
    }
  }
  return out;
}
