// What `layerlint lint` writes to standard output, by --format.
import { UsageError } from './args';
import { wantsColor, type MaybeTerminal } from './color';
import type { LintedFile } from './types';
import { formatCheckstyle } from './format/checkstyle';
import { formatGithub } from './format/github';
import { formatGitlab } from './format/gitlab';
import { formatJson } from './format/json';
import { formatJunit } from './format/junit';
import { formatSarif } from './format/sarif';
import { summaryLine } from './format/summary';
import { formatText } from './format/text';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'checkstyle', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function parseReportFormat(value: string): ReportFormat {
  if (!(REPORT_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be ${REPORT_FORMATS.slice(0, -1).join(', ')} or ${REPORT_FORMATS.at(-1)}, got "${value}"`);
  }
  return value as ReportFormat;
}

export interface ReportOptions {
  showFixes: boolean;
  /** Whether a finding of this LSP severity in this file fails the run (junit marks only those as failures). */
  fails: (file: LintedFile, severity: number) => boolean;
}

export function renderReport(format: ReportFormat, files: LintedFile[], stdout: MaybeTerminal, opts: ReportOptions): string {
  switch (format) {
    case 'json':
      return formatJson(files);
    case 'sarif':
      return formatSarif(files);
    case 'github':
      return formatGithub(files);
    case 'gitlab':
      return formatGitlab(files);
    case 'checkstyle':
      return formatCheckstyle(files);
    case 'junit':
      return formatJunit(files, opts.fails);
    case 'text': {
      const out = formatText(files, { color: wantsColor(stdout), showFixes: opts.showFixes });
      // The summary is for a person at a terminal; a pipe or a CI log gets the findings alone.
      return stdout.isTTY ? out + summaryLine(files) : out;
    }
  }
}
