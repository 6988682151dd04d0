// Incremental analysis (model/run-reuse.ts): analysing successive versions of a document with the
// RUN results of the earlier versions gives exactly what a fresh analysis of each version gives.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, RunReuse, type Analysis } from '../../server/src/engine';
import { initEngine, KOJI, OKD } from '../support/engine';

await initEngine();

const ROOT = join(__dirname, '..', '..');
const SEEDS = readdirSync(join(ROOT, 'examples'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name.startsWith('Containerfile'))
  .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
// Several stages in one file, with repeated RUNs (the same text at two places) and ARG-dependent ones.
const MULTI = `ARG V=1\n${SEEDS.join('\n')}\nFROM ${OKD.slice(5)} AS again\nARG KV=6.4.15-200.fc38.x86_64\nRUN rpm-ostree override replace ${KOJI}\nRUN dracut --kver $KV -f /usr/lib/modules/$KV/initramfs.img\n${SEEDS[0]}`;

const TOKENS = ['\n', '\\\n', ' ', 'x', '"', "'", '$', '${KV}', 'ARG KV=6.1.1-1.fc40.x86_64\n', 'ENV KV=7\n', '# escape=`\n', '<<EOF\n', 'EOF\n', 'RUN ', 'FROM quay.io/fedora/fedora-bootc:42\n', 'dracut ', '--no-hostonly ', '$(uname -r)', ' && ', '# layerlint ignore=dracut-hostonly\n', '\r\n'];

const edit = fc.oneof(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constantFrom(...TOKENS), remove: fc.constant(0) }),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), insert: fc.constant(''), remove: fc.integer({ min: 1, max: 30 }) }),
);

/** Everything an editor reads from an analysis: diagnostics with fixes, and each command's place. */
function observable(a: Analysis): unknown {
  return {
    diagnostics: a.diagnostics,
    commands: a.model.stages.flatMap((s) => s.runs.flatMap((r) => r.commands.map((c) => [c.name, c.start, c.end, c.range, c.args.map((w) => [w.text, w.range, w.values])]))),
    errors: a.internalErrors,
  };
}

describe('incremental analysis', () => {
  it('gives the same results as a fresh analysis after every edit', () => {
    fc.assert(
      fc.property(fc.constantFrom(MULTI, ...SEEDS), fc.array(edit, { minLength: 1, maxLength: 15 }), (seed, edits) => {
        const reuse = new RunReuse();
        let text = seed;
        expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
          expect(observable(analyze(text, {}, reuse))).toEqual(observable(analyze(text)));
        }
      }),
      { numRuns: 150, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
  });

  it('reuses the RUNs an edit does not touch, and re-evaluates those whose ARG values changed', () => {
    const reuse = new RunReuse();
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
