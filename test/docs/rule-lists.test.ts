// The rule lists outside the engine (package.json settings, the configuration schema, the ignore
// snippets, the grammar, the docs index) are what `npm run generate` writes from the rules' own
// declarations: a rule added, renamed or re-titled without running it fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, type RuleInfo } from '../../server/src/engine';
// @ts-expect-error: an ES module script without type declarations
import { root, ruleListFiles } from '../../scripts/generate-rule-lists.mjs';

const generated = ruleListFiles(RULES) as { path: string; text: string }[];

describe('generated rule lists', () => {
  it.each(generated.map((f) => [f.path, f.text]))('%s is up to date (npm run generate)', (path, text) => {
    expect(readFileSync(join(root, path), 'utf8'), `${path} differs from what npm run generate writes`).toBe(text);
  });

  it('every file changes when a rule is added or re-titled', () => {
    const extra: RuleInfo = { code: 'no-such-rule', defaultSeverity: 'warning', title: 'A rule only this test knows', summary: '.' };
    const retitled = RULES.map((r, i) => (i === 0 ? { ...r, title: `${r.title}, re-titled` } : r));
    const withExtra = ruleListFiles([...RULES, extra]) as { path: string; text: string }[];
    for (const [i, f] of generated.entries()) {
      expect(withExtra[i].text, f.path).not.toBe(f.text);
      expect(withExtra[i].text, f.path).toMatch(/no\\*-such\\*-rule/);
    }
    const titleFiles = (ruleListFiles(retitled) as { path: string; text: string }[]).filter((f, i) => f.text !== generated[i].text).map((f) => f.path);
    expect(titleFiles).toEqual(['package.json', 'docs/rules/README.md']);
  });
});
