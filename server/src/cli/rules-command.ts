// `layerlint rules [--format text|json]`: every rule with its default severity and title.
import { docsUrl, RULES, type RuleInfo } from '../engine';
import { parse, UsageError } from './args';
import type { Io } from './types';

export const RULES_USAGE = `Usage: layerlint rules [--format text|json]

Lists every rule: code, default severity, the stages it applies to (the base families named, every
layered-image stage, or any stage), title, and whether it needs the registry (--check-platforms).
`;

/** Where a rule looks: its base families, every layered-image stage, any stage, the FROM images or the ignore comments. */
function appliesTo(r: RuleInfo): string {
  if (r.registry) return 'FROM images';
  if (r.ignoreComments) return 'ignore comments';
  if (r.families) return r.families.join(',');
  return r.anyStage ? 'any stage' : 'layered stages';
}

export function runRules(argv: string[], io: Pick<Io, 'stdout' | 'stderr'>): number {
  let format: string;
  try {
    const { values, positionals } = parse(argv, { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.stdout.write(RULES_USAGE);
      return 0;
    }
    format = values.format as string;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got "${format}"`);
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`layerlint rules: ${e.message}\n\n${RULES_USAGE}`);
    return 2;
  }
  if (format === 'json') {
    const rules = RULES.map((r) => ({
      code: r.code,
      defaultSeverity: r.defaultSeverity,
      title: r.title,
      summary: r.summary,
      appliesTo: appliesTo(r),
      ...(r.families ? { families: r.families } : {}),
      needs: r.registry ? 'registry' : 'text',
      documentation: docsUrl(r.code),
    }));
    io.stdout.write(`${JSON.stringify({ version: 1, rules }, null, 2)}\n`);
    return 0;
  }
  const codeWidth = Math.max(...RULES.map((r) => r.code.length));
  const severityWidth = Math.max(...RULES.map((r) => r.defaultSeverity.length));
  const scopeWidth = Math.max(...RULES.map((r) => appliesTo(r).length));
  const lines = RULES.map((r) => `${r.code.padEnd(codeWidth)}  ${r.defaultSeverity.padEnd(severityWidth)}  ${appliesTo(r).padEnd(scopeWidth)}  ${r.title}${r.registry ? ' (--check-platforms)' : ''}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
