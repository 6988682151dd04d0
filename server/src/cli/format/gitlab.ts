// GitLab Code Quality report (a JSON array of issues in the CodeClimate subset GitLab reads):
// description, check_name, fingerprint, severity, location.path and location.lines.begin.
import { createHash } from 'node:crypto';
import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';
import { messageText } from './message';
import { internalErrorsOf } from './internal-errors';

const SEVERITY = { error: 'critical', warning: 'major', information: 'minor', hint: 'info' } as const;

export function formatGitlab(files: LintedFile[]): string {
  const issues = files.flatMap((file) => {
    // The fingerprint names the finding, not its line number: an edit above it keeps it the same
    // issue in GitLab's comparison of the merge request with its target branch.
    const seen = new Map<string, number>();
    const lines = file.text.split(/\r?\n/);
    const errors = internalErrorsOf(file).map((description) => ({
      type: 'issue',
      check_name: 'layerlint-internal-error',
      description,
      categories: ['Bug Risk'],
      fingerprint: createHash('sha256').update(`${file.path}\0internal-error\0${description}`).digest('hex'),
      severity: 'blocker',
      location: { path: file.path, lines: { begin: 1, end: 1 } },
    }));
    return [
      ...errors,
      ...file.diagnostics.map((d) => {
        const lineText = (lines[d.range.start.line] ?? '').trim();
        const key = `${file.path}\0${d.code}\0${lineText}`;
        const nth = seen.get(key) ?? 0;
        seen.set(key, nth + 1);
        return {
          type: 'issue',
          check_name: d.code,
          description: messageText(d),
          categories: ['Bug Risk'],
          fingerprint: createHash('sha256').update(`${key}\0${nth}`).digest('hex'),
          severity: SEVERITY[SEVERITY_NAMES[d.severity]],
          location: { path: file.path, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
        };
      }),
    ];
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
