import type { RuleInfo } from './rule';

/** Reported by ignore-audit.ts once every other rule has run. */
export const unknownIgnore: RuleInfo = {
  code: 'unknown-ignore',
  defaultSeverity: 'hint',
  title: 'Ignore comment names an unknown rule code',
  summary: 'A code in `# layerlint ignore=` that no rule has (a typo, a renamed rule) suppresses nothing.',
  ignoreComments: true,
};
