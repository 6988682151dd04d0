import { RULE_DOCS_BASE_URL } from '../../../shared/protocol';
import { REGISTRY_RULES, TEXT_RULES } from './rules';
import type { RuleInfo } from './rules/rule';
import { unknownIgnore } from './rules/unknown-ignore';
import { unusedIgnore } from './rules/unused-ignore';

/** Where each rule's documentation lives (docs/rules/<code>.md in the repository). */
export const DOCS_BASE_URL = RULE_DOCS_BASE_URL;

export type { RuleInfo } from './rules/rule';

function infoOf(rule: RuleInfo): RuleInfo {
  const { code, defaultSeverity, title, summary, families, anyStage, registry, ignoreComments } = rule;
  return {
    code,
    defaultSeverity,
    title,
    summary,
    ...(families ? { families } : {}),
    ...(anyStage ? { anyStage } : {}),
    ...(registry ? { registry } : {}),
    ...(ignoreComments ? { ignoreComments } : {}),
  };
}

/** Every rule, from the rules' own declarations: the text rules, the platform check's, those on ignore comments. */
export const RULES: readonly RuleInfo[] = [...TEXT_RULES, ...REGISTRY_RULES, unknownIgnore, unusedIgnore].map(infoOf);

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
