import type { Finding, Rule } from './rule';

/** Where the analysis stopped at one of its bounds (model/limits.ts): findings there may be missing. */
export const analysisLimit: Rule = {
  code: 'analysis-limit',
  anyStage: true,
  defaultSeverity: 'warning',
  title: 'Part of the file is too large or too deeply nested to analyse',
  summary: 'A value grew past 64 KiB or shell syntax is nested more than 200 levels deep: Layerlint treats it as unknown, so findings that depend on it may be missing.',
  check(ctx) {
    const out: Finding[] = [];
    for (const hit of ctx.limitHits) {
      const start = ctx.lines.positionAt(hit.start);
      const lineEnd = ctx.lines.lineEnd(start.line);
      const end = Math.max(hit.start, Math.min(hit.end, lineEnd));
      out.push({
        code: this.code,
        severity: 'warning',
        message: `Not analysed: ${hit.message}, so findings that depend on it may be missing.`,
        range: ctx.lines.range(hit.start, end),
        fixes: [],
      });
    }
    return out;
  },
};
