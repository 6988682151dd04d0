// Any text gives diagnostics or nothing: never an exception, never an internal error, never a
// range or an edit outside the document.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { LineIndex } from '../../server/src/engine/text/line-index';
import { initEngine, KOJI, OKD } from '../support/engine';

await initEngine();

const ROOT = join(__dirname, '..', '..');
const SEEDS = readdirSync(join(ROOT, 'examples'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.startsWith('Containerfile'))
  .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

const TOKENS = [
  '\\\n',
  '`\n',
  '\r\n',
  '\n',
  '"',
  "'",
  '`',
  '$(',
  ')',
  '${',
  '}',
  '{',
  ',',
  '<<EOF\n',
  "<< 'EOF'\n",
  'EOF\n',
  '<<-X\n',
  '#',
  '# escape=`\n',
  '# layerlint ignore=dracut-hostonly\n',
  'RUN ',
  'FROM ',
  ' AS x\n',
  'FROM x\n',
  'ARG K=1\n',
  'ENV A=$K\n',
  '--kver ',
  '--kver=',
  '-f ',
  '-a ',
  '-m ',
  '-i a ',
  '--',
  'dracut ',
  '/usr/libexec/rpm-ostree/wrapped/dracut ',
  'RPMOSTREE_CLIWRAP_SKIP=1 ',
  'rpm-ostree ',
  'override replace ',
  'cliwrap install-to-root / ',
  'install ',
  'dnf -y install kernel-core-6.1-1.fc40 ',
  'ostree container commit',
  ' && ',
  ' || ',
  '; ',
  ' | ',
  '$(uname -r)',
  '`uname -r`',
  KOJI,
  ' ',
  '\t',
  '\u0000',
  '\ufeff',
  'é',
  '😀',
  '[ "sh", "-c" ]',
  '--mount=type=tmpfs,target=/tmp ',
  OKD,
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit: 'binary', maxLength: 20 }) }),
);

function mutate(seed: string, ops: fc.Arbitrary<typeof mutation extends fc.Arbitrary<infer T> ? T : never>[] | unknown[]): string {
  let text = seed;
  for (const op of ops as { kind: string; at: number; token?: string; length?: number; text?: string }[]) {
    const at = Math.floor(op.at * text.length);
    if (op.kind === 'insert') text = text.slice(0, at) + op.token + text.slice(at);
    else if (op.kind === 'delete') text = text.slice(0, at) + text.slice(at + op.length!);
    else text = text.slice(0, at) + op.text + text.slice(at);
  }
  return text;
}

/** Lints `text` and checks every invariant; returns the number of diagnostics. */
function checkInvariants(text: string): number {
  const a = analyze(text);
  expect(a.internalErrors).toEqual([]);
  const lines = new LineIndex(text);
  const inside = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
  a.diagnostics.forEach((d, i) => {
    expect(inside(d.range.start) && inside(d.range.end), `${d.code} ${JSON.stringify(d.range)}`).toBe(true);
    // Re-linting after every fix of a huge document would make this check quadratic: sample.
    for (const fix of i < 20 ? d.data.fixes : []) {
      for (const e of fix.edits) expect(inside(e.range.start) && inside(e.range.end), `${d.code} fix ${JSON.stringify(e.range)}`).toBe(true);
      expect(analyze(applyEdits(text, fix.edits)).internalErrors).toEqual([]);
    }
  });
  return a.diagnostics.length;
}

describe('robustness', () => {
  it('mutated Containerfiles: diagnostics or nothing, never an error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 12 }), (seed, ops) => {
        checkInvariants(mutate(seed, ops));
      }),
      { numRuns: 400, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        checkInvariants(Buffer.from(bytes).toString('utf8'));
        checkInvariants(`${OKD}\nRUN ${Buffer.from(bytes).toString('latin1')}`);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a 1 MB line', () => `${OKD}\nRUN dracut ${'a'.repeat(1 << 20)}\n`],
    ['10,000 continuation lines', () => `${OKD}\nRUN rpm-ostree install \\\n${'  pkg \\\n'.repeat(10000)}  last\n`],
    ['an unterminated quote', () => `${OKD}\nRUN dracut "--kver ${'x \\\n'.repeat(1000)}`],
    ['an unterminated heredoc', () => `${OKD}\nRUN <<EOF\n${'dracut -f\n'.repeat(1000)}`],
    ['10,000 nested substitutions', () => `${OKD}\nRUN dracut --kver ${'$('.repeat(10000)}\n`],
    ['CRLF and a BOM everywhere', () => `\ufeff${OKD}\r\nRUN rpm-ostree override replace ${KOJI} && \\\r\n  dracut -f\r\n`.repeat(50)],
    ['only a BOM', () => '\ufeff'],
    ['nothing', () => ''],
  ])('%s', (_name, make) => {
    expect(checkInvariants(make())).toBeGreaterThanOrEqual(0);
  });
});
