// JUnit XML (the dialect GitLab, Jenkins and Azure Pipelines read): a test suite per file, a test case
// per finding that fails the run, and one passing case for a file without such findings.
import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';
import { messageText } from './message';
import { xmlEscape } from './xml';
import { internalErrorsOf } from './internal-errors';

export function formatJunit(files: LintedFile[], fails: (file: LintedFile, severity: number) => boolean): string {
  const suites = files.map((file) => {
    const failing = file.diagnostics.filter((d) => fails(file, d.severity));
    const cases = failing.map((d) => {
      const where = `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      const sev = SEVERITY_NAMES[d.severity];
      return (
        `    <testcase classname="${xmlEscape(file.path)}" name="${xmlEscape(`${d.code} at line ${d.range.start.line + 1}`)}">\n` +
        `      <failure type="${sev}" message="${xmlEscape(messageText(d))}">${xmlEscape(`${where} ${sev} ${d.code} ${messageText(d)}`)}</failure>\n` +
        '    </testcase>\n'
      );
    });
    const errors = internalErrorsOf(file).map(
      (message) =>
        `    <testcase classname="${xmlEscape(file.path)}" name="layerlint internal error">\n      <error type="internal-error" message="${xmlEscape(message)}">${xmlEscape(`${file.path} ${message}`)}</error>\n    </testcase>\n`,
    );
    cases.unshift(...errors);
    if (cases.length === 0) cases.push(`    <testcase classname="${xmlEscape(file.path)}" name="layerlint"/>\n`);
    return {
      tests: cases.length,
      failures: failing.length,
      errors: errors.length,
      xml: `  <testsuite name="${xmlEscape(file.path)}" tests="${cases.length}" failures="${failing.length}" errors="${errors.length}" skipped="0">\n${cases.join('')}  </testsuite>\n`,
    };
  });
  const sum = (key: 'tests' | 'failures' | 'errors') => suites.reduce((n, s) => n + s[key], 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="layerlint" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}">\n${suites.map((s) => s.xml).join('')}</testsuites>\n`;
}
