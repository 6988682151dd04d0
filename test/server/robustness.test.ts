// Edit storms and garbage: 1,000 random incremental edits (fast-check), then the server still
// publishes exactly the engine's diagnostics for the final text; huge documents and binary text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine, lint } from '../../server/src/engine';
import { ROOT } from '../support/cli';
import { LspClient } from '../support/lsp-client';

const OKD = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile'), 'utf8');
const URI = 'file:///storm/Containerfile';
let c: LspClient;

beforeAll(async () => {
  await initEngine();
  c = new LspClient();
  await c.initialize();
});
afterAll(() => c.kill());

const pieces = fc.constantFrom(
  '\\\n',
  '\n',
  ' ',
  '"',
  "'",
  '<<EOF\n',
  'EOF\n',
  'dracut ',
  '--kver ',
  'rpm-ostree ',
  'override replace ',
  '&& ',
  '$(',
  ')',
  '{,a}',
  '`',
  '\u0000',
  '\r\n',
  '# layerlint ignore=',
  'kernel-6.4.15-200.fc38.x86_64.rpm ',
  'FROM quay.io/openshift/okd-content:4.14\n',
  'RUN ',
);

describe('language server under an edit storm', () => {
  it('survives 1,000 random incremental edits and then publishes the correct diagnostics', async () => {
    let doc = TextDocument.create(URI, 'dockerfile', 1, OKD);
    c.open(URI, OKD, 1);
    await c.diagnostics(URI, 1);
    const edits = fc.sample(
      fc.tuple(
        fc.nat(),
        fc.nat(6),
        fc.array(pieces, { maxLength: 3 }).map((a) => a.join('')),
      ),
      { numRuns: 1000, seed: 20261124 },
    );
    for (const [at, length, text] of edits) {
      const size = doc.getText().length;
      const start = doc.positionAt(at % (size + 1));
      const end = doc.positionAt(Math.min(size, (at % (size + 1)) + length));
      const change = { range: { start, end }, text };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      c.change(URI, doc.version, [change]);
    }
    // Put a known recipe in front of whatever the storm left, so the final text has findings.
    const prepend = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${OKD}\n` };
    doc = TextDocument.update(doc, [prepend], doc.version + 1);
    c.change(URI, doc.version, [prepend]);
    const final = await c.diagnostics(URI, doc.version, 30_000);
    const expected = lint(doc.getText()).map((d) => [d.code, d.range]);
    expect(expected.length).toBeGreaterThan(0);
    expect(final.params.diagnostics.filter((d: any) => d.source === 'layerlint').map((d: any) => [d.code, d.range])).toEqual(expected);
    // And it still works on a clean document afterwards.
    const since = c.received.length;
    c.change(URI, doc.version + 1, [{ text: OKD }]);
    const clean = await c.diagnostics(URI, doc.version + 1, 10_000, since);
    expect(clean.params.diagnostics.map((d: any) => d.code)).toContain('kernel-without-initramfs');
    expect(c.child.exitCode).toBeNull();
  });

  it('handles binary text, a 1 MB line and 10,000 continuation lines without dying', async () => {
    const inputs = [
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
      `FROM quay.io/openshift/okd-content:4.14\nRUN ${'x'.repeat(1_000_000)}\n`,
      `FROM quay.io/openshift/okd-content:4.14\nRUN dracut \\\n${'  --add ostree \\\n'.repeat(10_000)}  -f\n`,
      "RUN cat << 'EOF'\nunterminated \"quote $(\n",
    ];
    for (const [i, text] of inputs.entries()) {
      const uri = `file:///storm/bad-${i}`;
      c.open(uri, text, 1);
      const published = await c.diagnostics(uri, 1, 30_000);
      expect(Array.isArray(published.params.diagnostics)).toBe(true);
      const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 5 } });
      expect(hover.error).toBeUndefined();
    }
    expect(c.child.exitCode).toBeNull();
  });
});

describe('language server while typing faster than the generic validation', () => {
  it('keeps its memory bounded: versions the worker has not reached yet are skipped, not queued', async () => {
    // @ts-expect-error plain .mjs module of the benches
    const { generateContainerfile } = await import('../../scripts/bench/generate.mjs');
    const text: string = generateContainerfile(2000);
    const t = new LspClient();
    try {
      await t.initialize();
      const uri = 'file:///typing/Containerfile';
      t.open(uri, text, 1);
      await t.diagnostics(uri, 1, 60_000);
      const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${t.child.pid}/status`, 'utf8'))![1]) / 1024;
      // Each keystroke as soon as the previous version's first publication arrived (the Layerlint
      // findings come before the worker's generic ones: every version hands the worker more work).
      const type = async (from: number, count: number) => {
        for (let v = from; v < from + count; v++) {
          const published = t.diagnostics(uri, v, 30_000);
          t.change(uri, v, [{ range: { start: { line: 500 + (v % 60), character: 9 }, end: { line: 500 + (v % 60), character: 9 } }, text: 'e' }]);
          await published;
        }
      };
      await type(2, 60);
      const early = rssMb();
      await type(62, 180);
      const late = rssMb();
      // Queued validations held about 1.5 MB each: 180 versions grew the process by about 270 MB.
      expect(late - early, `RSS ${early.toFixed(0)} MB after 60 versions, ${late.toFixed(0)} MB after 240`).toBeLessThan(60);
      expect(t.child.exitCode).toBeNull();
    } finally {
      t.kill();
    }
  }, 120_000);
});
