// The rule documentation (docs/rules/<code>.md) exists for every catalogued code, has the agreed
// sections, and its Bad/Good examples behave as documented when linted by the engine.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULES, SEVERITIES, type LayerlintDiagnostic } from '../../server/src/engine';
import { initEngine, lint } from '../support/engine';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
const SECTIONS = ['What it reports', 'Why it matters', 'Bad', 'Good', 'Fix', 'Suppressing'];

interface Doc {
  title: string;
  severityLine: string;
  /** Section name → body, in file order. */
  sections: Map<string, string>;
  order: string[];
}

function readDoc(code: string): Doc {
  const text = readFileSync(join(DOCS, `${code}.md`), 'utf8');
  const lines = text.split('\n');
  const sections = new Map<string, string>();
  const order: string[] = [];
  let current: string | undefined;
  let body: string[] = [];
  let inFence = false;
  for (const line of lines.slice(1)) {
    if (line.startsWith('```')) inFence = !inFence;
    const m = !inFence && /^## (.+)$/.exec(line);
    if (m) {
      if (current !== undefined) sections.set(current, body.join('\n'));
      current = m[1].trim();
      order.push(current);
      body = [];
    } else if (current !== undefined) body.push(line);
  }
  if (current !== undefined) sections.set(current, body.join('\n'));
  const firstBody = lines.slice(1).find((l) => l.trim() !== '') ?? '';
  return { title: lines[0], severityLine: firstBody, sections, order };
}

/** The ```dockerfile blocks of a section body. */
function dockerfileBlocks(body: string): string[] {
  return [...body.matchAll(/^```dockerfile\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

function example(code: string, section: 'Bad' | 'Good'): string {
  const blocks = dockerfileBlocks(readDoc(code).sections.get(section) ?? '');
  expect(blocks, `${code}.md ## ${section}: exactly one dockerfile block`).toHaveLength(1);
  return blocks[0];
}

function describeAll(ds: LayerlintDiagnostic[]): string {
  return ds.map((d) => `${d.code} (${d.severity}) ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('\n');
}

const TEXT_CODES = RULES.filter((r) => !r.registry).map((r) => r.code);

beforeAll(async () => {
  await initEngine();
});

describe('rule documentation', () => {
  it('covers exactly the 23 catalogued codes: 19 text rules, 2 on ignore comments, 2 of the registry', () => {
    expect(RULES).toHaveLength(23);
    expect(RULES.filter((r) => !r.registry && !r.ignoreComments)).toHaveLength(19);
    expect(RULES.filter((r) => r.ignoreComments).map((r) => r.code)).toEqual(['unknown-ignore', 'unused-ignore']);
    expect(TEXT_CODES).toHaveLength(21);
  });

  describe.each(RULES.map((r) => [r.code, r] as const))('%s', (code, rule) => {
    it('exists with the title, severity line and all sections in order', () => {
      expect(existsSync(join(DOCS, `${code}.md`)), `docs/rules/${code}.md`).toBe(true);
      const doc = readDoc(code);
      expect(doc.title).toBe(`# ${code}`);
      expect(doc.severityLine).toBe(`Default severity: **${rule.defaultSeverity}**. ${rule.summary}`);
      expect(doc.order).toEqual(SECTIONS);
      for (const s of SECTIONS) expect(doc.sections.get(s)?.trim(), `## ${s} is empty`).toBeTruthy();
      expect(doc.sections.get('Why it matters')).toMatch(/\]\(https?:\/\//);
      expect(dockerfileBlocks(doc.sections.get('Bad')!)).toHaveLength(1);
      expect(dockerfileBlocks(doc.sections.get('Good')!)).toHaveLength(1);
      const supp = doc.sections.get('Suppressing')!;
      expect(supp).toContain(`# layerlint ignore=${code}`);
      expect(supp).toContain(`# layerlint global ignore=${code}`);
      if (rule.registry) expect(supp).toContain('--check-platforms');
    });
  });

  it('README lists every code with its default severity and a link to its page', () => {
    const readme = readFileSync(join(DOCS, 'README.md'), 'utf8');
    for (const r of RULES) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${r.code}\` |`));
      expect(row, `README row for ${r.code}`).toBeDefined();
      expect(row).toContain(`| ${r.defaultSeverity} |`);
      expect(row).toContain(`(./${r.code}.md)`);
    }
  });
});

describe.each(TEXT_CODES)('examples of %s', (code) => {
  it('Bad reports the rule, with a link to this page', () => {
    const found = lint(example(code, 'Bad'));
    expect(
      found.filter((d) => d.code === code),
      describeAll(found),
    ).not.toHaveLength(0);
  });

  it('Good does not report the rule, nor any error', () => {
    const found = lint(example(code, 'Good'));
    expect(
      found.filter((d) => d.code === code),
      describeAll(found),
    ).toEqual([]);
    expect(
      found.filter((d) => d.severity === SEVERITIES.error),
      describeAll(found),
    ).toEqual([]);
  });

  it('the ignore comment in Suppressing silences the rule', () => {
    const blocks = dockerfileBlocks(readDoc(code).sections.get('Suppressing')!);
    const local = blocks.find((b) => b.includes(`# layerlint ignore=${code}`));
    expect(local).toBeDefined();
    expect(lint(local!).filter((d) => d.code === code)).toEqual([]);
    expect(lint(local!.replace(`# layerlint ignore=${code}\n`, '')).filter((d) => d.code === code)).not.toHaveLength(0);
  });

  it("every diagnostic of the examples links to its code's page, and that page exists", () => {
    for (const d of [...lint(example(code, 'Bad')), ...lint(example(code, 'Good'))]) {
      expect(d.codeDescription?.href).toMatch(new RegExp(`docs/rules/${d.code}\\.md$`));
      expect(existsSync(join(DOCS, `${d.code}.md`))).toBe(true);
    }
  });
});
