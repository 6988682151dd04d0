// JUnit XML (the dialect GitLab, Jenkins and Azure Pipelines read): a test suite per file, a test case
// per finding that fails the run, and one passing case for a file without such findings.
import type { LintedFile } from '../lint';
import { SEVERITY_NAMES } from './severity';
import { messageText } from './message';
import { xmlEscape } from './xml';

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
    if (cases.length === 0) cases.push(`    <testcase classname="${xmlEscape(file.path)}" name="layerlint"/>\n`);
    return `  <testsuite name="${xmlEscape(file.path)}" tests="${cases.length}" failures="${failing.length}" errors="0" skipped="0">\n${cases.join('')}  </testsuite>\n`;
  });
  const tests = files.reduce((n, f) => n + Math.max(1, f.diagnostics.filter((d) => fails(f, d.severity)).length), 0);
  const failures = files.reduce((n, f) => n + f.diagnostics.filter((d) => fails(f, d.severity)).length, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="layerlint" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`;
}
