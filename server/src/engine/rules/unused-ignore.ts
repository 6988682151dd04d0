import type { RuleInfo } from './rule';

/** Reported by ignore-audit.ts once every other rule has run. */
export const unusedIgnore: RuleInfo = {
  code: 'unused-ignore',
  defaultSeverity: 'hint',
  title: 'Ignore comment suppresses nothing',
  summary: 'The rule named in `# layerlint ignore=` reports nothing where the comment applies, so the comment can go.',
  ignoreComments: true,
};
