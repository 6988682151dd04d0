import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';
import { internalErrorsOf } from './internal-errors';

export function formatJson(files: LintedFile[]): string {
  const out = {
    version: 1,
    files: files.map((f) => ({
      path: f.path,
      diagnostics: f.diagnostics.map((d) => ({
        code: d.code,
        severity: SEVERITY_NAMES[d.severity],
        message: d.message,
        range: d.range,
        fixes: d.data.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
      })),
      ...(f.internalErrors ? { internalErrors: internalErrorsOf(f) } : {}),
    })),
  };
  return `${JSON.stringify(out)}\n`;
}
