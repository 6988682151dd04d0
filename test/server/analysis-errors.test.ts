// No silent passes in the editor (issue 17, item 1): a document past the engine's bounds gets its
// real findings and the analysis-limit warning; a document the engine fails on gets a visible
// Error diagnostic on line 1 instead of an empty list. LAYERLINT_TEST_FAULT is the engine's
// test-only fault injection (a text containing its value fails inside the engine).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../support/lsp-client';
import { OKD, REPLACE } from '../support/engine';

const FAULT = 'layerlint-test-fault-5c2a';
let c: LspClient;

beforeAll(async () => {
  c = new LspClient(['--stdio'], { ...process.env, LAYERLINT_TEST_FAULT: FAULT });
  await c.initialize();
});
afterAll(() => c.kill());

describe('language server', () => {
  it('values doubling 25 times: analysis-limit on the line past 64 KiB and the kernel finding', async () => {
    const text = `${[OKD, `ARG A0=${'x'.repeat(32)}`, ...Array.from({ length: 25 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`), `RUN ${REPLACE}`].join('\n')}\n`;
    c.open('file:///limits/Containerfile', text);
    const published = await c.diagnostics('file:///limits/Containerfile', 1, 20_000);
    const own = published.params.diagnostics.filter((d: any) => d.source === 'layerlint').map((d: any) => [d.code, d.range.start.line]);
    expect(own).toContainEqual(['analysis-limit', 13]);
    expect(own).toContainEqual(['kernel-without-initramfs', 27]);
    expect(c.child.exitCode).toBeNull();
  });

  it('an internal error: an Error diagnostic over line 1 saying the file could not be analysed', async () => {
    const text = `${OKD}\n# ${FAULT}\nRUN ${REPLACE}\n`;
    c.open('file:///broken/Containerfile', text);
    const published = await c.diagnostics('file:///broken/Containerfile', 1, 20_000);
    const own = published.params.diagnostics.filter((d: any) => d.source === 'layerlint');
    expect(own).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: OKD.length } },
        severity: 1,
        source: 'layerlint',
        message: 'Layerlint could not analyse this file: model: Error: injected test fault (LAYERLINT_TEST_FAULT)',
      },
    ]);
  });
});
