import { describe, expect, it } from 'vitest';
import { RULES, SEVERITIES, TEXT_RULES } from '../../server/src/engine';
import { applyEdits, initEngine, lint, rangeOf, withCode } from '../support/engine';
import { CASES } from './cases';

await initEngine();

describe('every text rule (and rule on ignore comments) has positive and negative cases', () => {
  it.each([...TEXT_RULES.map((r) => r.code), ...RULES.filter((r) => r.ignoreComments).map((r) => r.code)])('%s', (code) => {
    const cases = CASES[code] ?? [];
    expect(cases.some((c) => c.expect)).toBe(true);
    expect(cases.some((c) => !c.expect)).toBe(true);
  });
});

for (const [code, cases] of Object.entries(CASES)) {
  describe(code, () => {
    for (const c of cases) {
      it(`${c.expect ? 'fires' : 'is silent'}: ${c.name}`, () => {
        const found = withCode(c.text, code, c.options);
        if (!c.expect) {
          expect(found).toEqual([]);
          return;
        }
        expect(found).toHaveLength(1);
        expect(found[0].range).toEqual(rangeOf(c.text, c.expect.token, c.expect.occurrence));
        expect(found[0].severity).toBe(SEVERITIES[c.expect.severity]);
        expect(found[0].codeDescription?.href).toMatch(new RegExp(`docs/rules/${code}\\.md$`));
      });
    }
  });
}

const DRACUT_RULES = [
  'dracut-kver-mismatch',
  'build-host-kernel',
  'dracut-output-path',
  'dracut-missing-ostree',
  'dracut-hostonly',
  'dracut-missing-force',
  'dracut-through-cliwrap',
  'wrapped-dracut-missing',
];

describe("applying a rule's own fix", () => {
  for (const [code, cases] of Object.entries(CASES)) {
    for (const c of cases.filter((x) => x.expect)) {
      const [diagnostic] = withCode(c.text, code, c.options);
      for (const fix of diagnostic?.data.fixes ?? []) {
        it(`${code} / ${c.name} / ${fix.title}: silences the rule and adds no dracut finding`, () => {
          const before = lint(c.text, c.options);
          const fixed = applyEdits(c.text, fix.edits);
          const after = lint(fixed, c.options);
          expect(after.filter((d) => d.code === code)).toEqual([]);
          for (const other of DRACUT_RULES) {
            expect(after.filter((d) => d.code === other).length, `${other} after the fix:\n${fixed}`).toBeLessThanOrEqual(before.filter((d) => d.code === other).length);
          }
        });
      }
    }
  }
});
