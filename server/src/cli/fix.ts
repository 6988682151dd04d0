// `layerlint lint --fix`: the engine's fix-all (every finding's preferred fix, re-linted between rounds)
// written back to the file; the report then shows what is left.
import { writeFileSync } from 'node:fs';
import { analyze, applyEdits, fixAllEdits, type Analysis, type LintOptions } from '../engine';
import { encodeOutput, type Input } from './inputs';

export function fixFile(input: Input, options: LintOptions, analysis: Analysis, io: { stderr: NodeJS.WritableStream }): { text: string; analysis: Analysis } | 'unwritable' | undefined {
  const edits = fixAllEdits(input.text, options, analysis);
  if (edits.length === 0) return undefined;
  const text = applyEdits(input.text, edits);
  try {
    writeFileSync(input.path, encodeOutput(text, input.encoding));
  } catch (e) {
    io.stderr.write(`layerlint: cannot write the fixes to ${input.path}: ${(e as Error).message}\n`);
    return 'unwritable';
  }
  const after = analyze(text, options);
  const fixed = analysis.diagnostics.length - after.diagnostics.length;
  io.stderr.write(`layerlint: fixed ${input.path} (${fixed > 0 ? fixed : 0} finding${fixed === 1 ? '' : 's'} fewer)\n`);
  return { text, analysis: after };
}
