// eslint.config.mjs as npm test runs it: the type-aware rules are on (a floating promise and a
// misnamed type fail), and the sources as they are pass (npm test runs `eslint .` itself; here one file).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';

describe('eslint.config.mjs', () => {
  it('reports a floating promise and a type not in PascalCase, with type information', async () => {
    const probe = join(ROOT, 'test/scripts', `eslint-probe-${process.pid}.ts`);
    writeFileSync(probe, 'async function work(): Promise<number> {\n  return 1;\n}\nwork();\nexport type lower_case = number;\nvoid work();\n');
    try {
      const [result] = await new ESLint({ cwd: ROOT }).lintFiles([probe]);
      expect(result.messages.map((m) => [m.line, m.ruleId])).toEqual([
        [4, '@typescript-eslint/no-floating-promises'],
        [5, '@typescript-eslint/naming-convention'],
      ]);
    } finally {
      rmSync(probe, { force: true });
    }
  });

  it('passes the engine entry point as it is', async () => {
    const [result] = await new ESLint({ cwd: ROOT }).lintFiles([join(ROOT, 'server/src/engine/analyze.ts')]);
    expect(result.messages).toEqual([]);
  });
});
