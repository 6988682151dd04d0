// Inputs that grow past the engine's bounds (issue 17, item 1): values doubling on every line and
// shell syntax nested thousands deep. The analysis stops at the bound with an analysis-limit finding
// on its line, and every other rule's findings in the file are still reported.
import { beforeAll, describe, expect, it } from 'vitest';
import { AnalysisReuse, analyze } from '../../server/src/engine';
import { MAX_NESTING_DEPTH, MAX_SCOPE_LENGTH, MAX_VALUE_LENGTH } from '../../server/src/engine/model/limits';
import { initEngine, OKD, rangeOf, REPLACE } from '../support/engine';

beforeAll(async () => {
  await initEngine();
});

const SWAP = `RUN ${REPLACE}`;
/** `keyword` values of 32 characters doubling 25 times (2 GiB by the last line, past V8's longest string). */
const doubling = (keyword: 'ARG' | 'ENV') => [`${keyword} A0=${'x'.repeat(32)}`, ...Array.from({ length: 25 }, (_, i) => `${keyword} A${i + 1}=\${A${i}}\${A${i}}`)];
const file = (...lines: string[]) => `${lines.join('\n')}\n`;

function codes(text: string) {
  const a = analyze(text);
  return { errors: a.internalErrors, found: a.diagnostics.map((d) => [d.code, d.range] as const) };
}

describe('values doubling 25 times', () => {
  it.each(['ARG', 'ENV'] as const)('%s: one analysis-limit finding on the first line past 64 KiB, the kernel swap still reported', (keyword) => {
    const lines = doubling(keyword);
    const text = file(OKD, ...lines, SWAP);
    const { errors, found } = codes(text);
    expect(errors).toEqual([]);
    // 32 · 2^11 = 64 KiB: A12 is the first value past the bound.
    expect(MAX_VALUE_LENGTH).toBe(32 * 2 ** 11);
    expect(found.filter(([c]) => c === 'analysis-limit')).toEqual([['analysis-limit', rangeOf(text, lines[12])]]);
    expect(found).toContainEqual(['kernel-without-initramfs', rangeOf(text, 'rpm-ostree override replace')]);
  });

  it('the value past the bound is unknown, not cut: a FROM built from it has no family', () => {
    const text = file(...doubling('ARG'), 'FROM quay.io/openshift/okd-content@sha256:${A12}', SWAP);
    const a = analyze(text);
    expect(a.internalErrors).toEqual([]);
    expect(a.model.stages[0].image).toBeUndefined();
  });

  it('a shell variable doubling 30 times in a RUN', () => {
    const text = file(OKD, `RUN A=${'x'.repeat(16)}; ${'A=$A$A; '.repeat(30)}rpm-ostree install $A`, SWAP);
    const { errors, found } = codes(text);
    expect(errors).toEqual([]);
    // 16 · 2^12 = 64 KiB: the 13th assignment's value is the first past the bound.
    expect(found.filter(([c]) => c === 'analysis-limit')).toEqual([['analysis-limit', rangeOf(text, '$A$A', 13)]]);
    expect(found.map(([c]) => c)).toContain('kernel-without-initramfs');
  });
});

describe('many values of 64 KiB', () => {
  it('2,000 ARGs of 64 KiB: one analysis-limit finding where they pass 1 MiB together; the editor path (reuse) gives the same', () => {
    const base = [`ARG A0=${'x'.repeat(32)}`, ...Array.from({ length: 11 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`)];
    const wide = Array.from({ length: 2000 }, (_, i) => `ARG B${i}=\${A11}`);
    const text = file(OKD, ...base, ...wide, ...Array(200).fill(SWAP));
    // A0…A11 hold 32 · (2^12 − 1) characters; each B adds 64 KiB: B14 is the first past 1 MiB.
    expect(32 * (2 ** 12 - 1) + 14 * MAX_VALUE_LENGTH).toBeLessThanOrEqual(MAX_SCOPE_LENGTH);
    expect(32 * (2 ** 12 - 1) + 15 * MAX_VALUE_LENGTH).toBeGreaterThan(MAX_SCOPE_LENGTH);
    const fresh = analyze(text);
    expect(fresh.internalErrors).toEqual([]);
    expect(fresh.diagnostics.filter((d) => d.code === 'analysis-limit').map((d) => d.range)).toEqual([rangeOf(text, 'ARG B14=${A11}')]);
    expect(fresh.diagnostics.filter((d) => d.code === 'kernel-without-initramfs')).toHaveLength(200);
    const reused = analyze(text, {}, new AnalysisReuse());
    expect(reused.diagnostics).toEqual(fresh.diagnostics);
  });
});

describe('nesting far past the depth bound', () => {
  const nested = (open: string, close: string, n: number) => `${open.repeat(n)}x${close.repeat(n)}`;

  it.each([
    ['$( nested 1,200 deep', `echo ${nested('$(', ')', 1200)}`],
    ['$( nested 1,200 deep inside a double-quoted string', `echo "${nested('$(', ')', 1200)}"`],
    ['subshells nested 5,000 deep', nested('(', ')', 5000)],
    ['groups nested 2,000 deep', nested('{ ', '; }', 2000)],
  ])('%s: an analysis-limit finding on its line, the kernel swap in the same file still reported', (_name, shell) => {
    const text = file(OKD, `RUN rpm-ostree install vim && ${shell}`, SWAP);
    const a = analyze(text);
    expect(a.internalErrors).toEqual([]);
    const limits = a.diagnostics.filter((d) => d.code === 'analysis-limit');
    expect(limits).toHaveLength(1);
    expect(limits[0].range.start.line).toBe(1);
    expect(limits[0].message).toContain(`more than ${MAX_NESTING_DEPTH} levels`);
    expect(a.diagnostics.find((d) => d.code === 'kernel-without-initramfs')?.range).toEqual(rangeOf(text, 'rpm-ostree override replace'));
  });
});
