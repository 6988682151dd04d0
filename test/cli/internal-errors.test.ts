// No silent passes (issue 17, item 1): a file past the engine's bounds still fails on its real
// findings, and a file the engine fails on makes the run fail (exit 2) in every report format,
// with one line on standard error (the stack trace only with --debug or LAYERLINT_DEBUG).
// LAYERLINT_TEST_FAULT is the engine's test-only fault injection (honoured only with VITEST set, as under the test runner): a text containing its value
// fails inside the engine as a bug would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli';
import { OKD, REPLACE } from '../support/engine';

const FAULT = 'layerlint-test-fault-e8f1';
const dir = mkdtempSync(join(tmpdir(), 'layerlint-internal-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const DOUBLING = write('Doubling.Containerfile', `${[OKD, 'ARG A0=' + 'x'.repeat(32), ...Array.from({ length: 25 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`), `RUN ${REPLACE}`].join('\n')}\n`);
const BROKEN = write('Broken.Containerfile', `${OKD}\n# ${FAULT}\nRUN ${REPLACE}\n`);
const CLEAN = write('Clean.Containerfile', 'FROM quay.io/fedora/fedora:42\nRUN dnf -y install vim\n');

function lint(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', LAYERLINT_DEBUG: '', LAYERLINT_TEST_FAULT: FAULT, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a file past the bounds (values doubling 25 times)', () => {
  it('exits 1 on its kernel finding, with the analysis-limit warning and no internal error', () => {
    const r = lint(['--format', 'json', DOUBLING]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const codes = JSON.parse(r.stdout).files[0].diagnostics.map((d: { code: string; range: { start: { line: number } } }) => [d.code, d.range.start.line]);
    expect(codes).toContainEqual(['analysis-limit', 13]);
    expect(codes).toContainEqual(['kernel-without-initramfs', 27]);
  });
});

describe('a file the engine fails on', () => {
  it('text: exit 2 and one line naming the file, no stack trace', () => {
    const r = lint([BROKEN, CLEAN]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`layerlint: ${BROKEN}: internal error, the file was not fully analysed: model: Error: injected test fault (LAYERLINT_TEST_FAULT)\n`);
  });

  it.each([['--debug'], ['LAYERLINT_DEBUG']])('the stack trace with %s', (how) => {
    const r = how === '--debug' ? lint(['--debug', BROKEN]) : lint([BROKEN], { LAYERLINT_DEBUG: '1' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^layerlint: .*Broken\.Containerfile: internal error, the file was not fully analysed: model: Error: injected test fault/);
    expect(r.stderr).toMatch(/\n {4}at analyze \(/);
  });

  it('a clean file beside it does not hide it, and without the fault the same file exits 1', () => {
    expect(lint([CLEAN]).status).toBe(0);
    expect(lint([BROKEN], { LAYERLINT_TEST_FAULT: '' }).status).toBe(1);
  });

  it('SARIF: executionSuccessful false with a notification naming the file, still schema-valid', () => {
    const r = lint(['--format', 'sarif', BROKEN, CLEAN]);
    expect(r.status).toBe(2);
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'Layerlint could not analyse this file: model: Error: injected test fault (LAYERLINT_TEST_FAULT)' },
            locations: [{ physicalLocation: { artifactLocation: { uri: `file://${BROKEN}`, index: 0 } } }],
          },
        ],
      },
    ]);
    const schema = JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(JSON.parse(lint(['--format', 'sarif', CLEAN]).stdout).runs[0].invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  it('JSON: the file carries internalErrors', () => {
    const out = JSON.parse(lint(['--format', 'json', BROKEN, CLEAN]).stdout);
    expect(out.files.map((f: { internalErrors?: string[] }) => f.internalErrors)).toEqual([
      ['Layerlint could not analyse this file: model: Error: injected test fault (LAYERLINT_TEST_FAULT)'],
      undefined,
    ]);
  });

  it.each([
    ['github', `::error file=${BROKEN},line=1,title=layerlint internal error::Layerlint could not analyse this file: model: Error: injected test fault (LAYERLINT_TEST_FAULT)`],
    ['checkstyle', 'severity="error" message="Layerlint could not analyse this file: model: Error: injected test fault (LAYERLINT_TEST_FAULT)" source="layerlint.internal-error"'],
    ['junit', '<error type="internal-error" message="Layerlint could not analyse this file: model: Error: injected test fault (LAYERLINT_TEST_FAULT)">'],
    ['gitlab', '"check_name": "layerlint-internal-error"'],
  ])('%s shows it', (format, expected) => {
    const r = lint(['--format', format, BROKEN]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(expected);
  });
});
