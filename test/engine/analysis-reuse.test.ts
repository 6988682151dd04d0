// Incremental analysis (model/analysis-reuse.ts): analysing successive versions of a document with the
// RUN results of the earlier versions gives exactly what a fresh analysis of each version gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, AnalysisReuse, type Analysis } from '../../server/src/engine';
import { initEngine, KOJI, OKD } from '../support/engine';

await initEngine();

const ROOT = join(__dirname, '..', '..');
const SEEDS = readdirSync(join(ROOT, 'examples'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.startsWith('Containerfile'))
  .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
// Several stages in one file, with repeated RUNs (the same text at two places) and ARG-dependent ones.
const MULTI = `ARG V=1\n${SEEDS.join('\n')}\nFROM ${OKD.slice(5)} AS again\nARG KV=6.4.15-200.fc38.x86_64\nRUN rpm-ostree override replace ${KOJI}\nRUN dracut --kver $KV -f /usr/lib/modules/$KV/initramfs.img\n${SEEDS[0]}`;

const TOKENS = [
  '\n',
  '\\\n',
  ' ',
  'x',
  '"',
  "'",
  '$',
  '${KV}',
  'ARG KV=6.1.1-1.fc40.x86_64\n',
  'ENV KV=7\n',
  '# escape=`\n',
  '<<EOF\n',
  'EOF\n',
  'RUN ',
  'FROM quay.io/fedora/fedora-bootc:42\n',
  'dracut ',
  '--no-hostonly ',
  '$(uname -r)',
  ' && ',
  '# layerlint ignore=dracut-hostonly\n',
  '\r\n',
];

const edit = fc.oneof(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom(...TOKENS), remove: fc.constant(0) }),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constant(''), remove: fc.integer({ min: 1, max: 30 }) }),
);

/** Everything an editor reads from an analysis: diagnostics with fixes, and each command's place. */
function observable(a: Analysis): unknown {
  return {
    diagnostics: a.diagnostics,
    instructions: a.document.instructions,
    stages: a.model.stages.map((s) => [s.name, s.image, s.imageText, s.imageRange, s.range, s.parent, s.base, s.runs.map((r) => [r.index, r.range, r.keywordRange, r.flags, r.execForm])]),
    escape: a.model.escapeChar,
    commands: a.model.stages.flatMap((s) => s.runs.flatMap((r) => r.commands.map((c) => [c.name, c.start, c.end, c.range, c.inHeredoc, c.args.map((w) => [w.text, w.range, w.values])]))),
    errors: a.internalErrors,
  };
}

describe('incremental analysis', () => {
  it('gives the same results as a fresh analysis after every edit', () => {
    let splices = 0;
    let wholeParses = 0;
    fc.assert(
      fc.property(fc.constantFrom(MULTI, ...SEEDS), fc.array(edit, { minLength: 1, maxLength: 15 }), (seed, edits) => {
        const reuse = new AnalysisReuse();
        let text = seed;
        expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
        }
        splices += reuse.splices;
        wholeParses += reuse.wholeParses;
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150), seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // Both paths were taken, many times.
    expect(splices).toBeGreaterThan(20);
    expect(wholeParses).toBeGreaterThan(100);
  });

  it('typing: keystrokes anywhere give the same results as a fresh analysis', () => {
    // Positions as large integers: fast-check's doubles crowd at 0 and 1, the file's comment header.
    const keystroke = fc.record({
      at: fc.integer({ min: 0, max: 2 ** 30 }),
      insert: fc.constantFrom('x', 'e', ' ', '"', "'", '$', '-', '/', '.', '1', '{', '}', ''),
      remove: fc.integer({ min: 0, max: 1 }),
    });
    let splices = 0;
    fc.assert(
      fc.property(fc.constantFrom(MULTI, ...SEEDS), fc.array(keystroke, { minLength: 1, maxLength: 25 }), (seed, keys) => {
        const reuse = new AnalysisReuse();
        let text = seed;
        analyze(text, {}, reuse);
        for (const k of keys) {
          const at = k.at % (text.length + 1);
          text = text.slice(0, at) + k.insert + text.slice(at + k.remove);
          expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
        }
        splices += reuse.splices;
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100), seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
    // Most keystrokes (about 13 per run) are parsed around the edit only.
    expect(splices).toBeGreaterThan(Number(process.env.FC_RUNS ?? 100) * 2);
  });

  it('parses only around an edit inside an instruction, and the whole text when directives change', () => {
    const reuse = new AnalysisReuse();
    analyze(MULTI, {}, reuse);
    expect([reuse.wholeParses, reuse.splices]).toEqual([1, 0]);
    const at = MULTI.indexOf('--kver $KV');
    let text = `${MULTI.slice(0, at)}--no-hostonly ${MULTI.slice(at)}`;
    expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
    text = text.replace('ARG KV=6.4.15-200.fc38.x86_64', 'ARG KV=6.5.1-100.fc39.x86_64');
    expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
    expect([reuse.wholeParses, reuse.splices]).toEqual([1, 2]);
    // A continuation left open at the end of the edited instruction: a whole parse.
    text = text.replace('-f /usr/lib/modules/$KV/initramfs.img', '-f /usr/lib/modules/$KV/initramfs.img \\');
    expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
    // An escape directive at the top: a whole parse.
    text = `# escape=\`\n${text}`;
    expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
    expect([reuse.wholeParses, reuse.splices]).toEqual([3, 2]);
  });

  it('reuses the RUNs an edit does not touch, and re-evaluates those whose ARG values changed', () => {
    const reuse = new AnalysisReuse();
    analyze(MULTI, {}, reuse);
    const evaluated = reuse.hits + reuse.misses;
    expect(reuse.misses).toBeGreaterThan(3);
    reuse.hits = reuse.misses = 0;
    // An edit in the last stage: everything before it is taken over.
    analyze(`${MULTI}\nRUN echo kernel`, {}, reuse);
    expect(reuse.misses).toBe(1);
    expect(reuse.hits).toBe(evaluated);
    reuse.hits = reuse.misses = 0;
    // A changed ARG: the RUN that reads it is evaluated again, with the new value.
    const changed = MULTI.replace('ARG KV=6.4.15-200.fc38.x86_64', 'ARG KV=6.5.1-100.fc39.x86_64');
    const a = analyze(changed, {}, reuse);
    expect(reuse.misses).toBeGreaterThanOrEqual(1);
    const dracut = a.model.stages.flatMap((s) => s.runs.flatMap((r) => r.commands)).find((c) => c.name === 'dracut' && c.args.some((w) => w.text === '$KV'));
    expect(dracut?.args.find((w) => w.text === '$KV')?.values).toEqual(['6.5.1-100.fc39.x86_64']);
  });
});
