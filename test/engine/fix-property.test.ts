// Property over every case and every offered fix: apply it, lint again, and no new error or warning
// appears (per code and severity), while the finding it fixes is gone. A fix never leaves the file worse.
import { describe, expect, it } from 'vitest';
import { SEVERITIES, type LayerlintDiagnostic } from '../../server/src/engine';
import { applyEdits, initEngine, lint } from '../support/engine';
import { CASES } from './cases';

await initEngine();

const SERIOUS = new Set<number>([SEVERITIES.error, SEVERITIES.warning]);

function tally(ds: LayerlintDiagnostic[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of ds)
    if (SERIOUS.has(d.severity))
      out.set(`${d.code} (${d.severity === SEVERITIES.error ? 'error' : 'warning'})`, (out.get(`${d.code} (${d.severity === SEVERITIES.error ? 'error' : 'warning'})`) ?? 0) + 1);
  return out;
}

const offered: { name: string; text: string; options: (typeof CASES)[string][number]['options']; diagnostic: LayerlintDiagnostic; fix: number }[] = [];
for (const [code, cases] of Object.entries(CASES)) {
  for (const c of cases) {
    for (const d of lint(c.text, c.options)) {
      d.data.fixes.forEach((fix, i) => offered.push({ name: `${code} / ${c.name} / ${d.code}: ${fix.title}`, text: c.text, options: c.options, diagnostic: d, fix: i }));
    }
  }
}

describe('every offered fix leaves the file better', () => {
  it('has fixes to check', () => {
    expect(offered.length).toBeGreaterThan(40);
  });

  it.each(offered.map((o) => [o.name, o] as const))('%s', (_name, { text, options, diagnostic, fix }) => {
    const before = lint(text, options);
    const fixed = applyEdits(text, diagnostic.data.fixes[fix].edits);
    const after = lint(fixed, options);
    const show = `\n--- fixed file:\n${fixed}\n--- after:\n${after.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n')}`;
    expect(after.filter((d) => d.code === diagnostic.code).length, `the fixed finding is gone${show}`).toBeLessThan(before.filter((d) => d.code === diagnostic.code).length);
    const was = tally(before);
    for (const [key, n] of tally(after)) expect(n, `${key}: no new error or warning${show}`).toBeLessThanOrEqual(was.get(key) ?? 0);
  });
});
