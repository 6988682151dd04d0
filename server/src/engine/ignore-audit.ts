// unknown-ignore and unused-ignore: the codes of `# layerlint ignore=` comments that name no rule,
// or that silenced nothing once every other rule has run.
import { DiagnosticTag } from 'vscode-languageserver-types';
import { RULES_BY_CODE } from './catalog';
import { removeIgnoreEntry } from './fixes/remove-ignore';
import type { Finding, RuleInfo } from './rules/rule';
import { unknownIgnore } from './rules/unknown-ignore';
import { unusedIgnore } from './rules/unused-ignore';
import type { IgnoreComment, Suppressions } from './suppression';
import type { LineIndex } from './text/line-index';
import type { LintOptions } from './types';

/**
 * Whether an unused entry of `code` is worth reporting: not for the rules of the registry check
 * (the engine never sees their findings), nor rules turned off (the comment may serve where they are
 * on), nor the ignore-comment rules themselves.
 */
function judgedByUse(code: string, options: LintOptions): boolean {
  const rule = RULES_BY_CODE.get(code)!;
  return !rule.registry && !rule.ignoreComments && options.severities?.[code] !== 'off';
}

export function auditIgnoreComments(lines: LineIndex, suppressions: Suppressions, options: LintOptions): { finding: Finding; comment: IgnoreComment }[] {
  const out: { finding: Finding; comment: IgnoreComment }[] = [];
  for (const comment of suppressions.comments) {
    const where = comment.global ? 'in this file' : comment.instruction ? `for the ${comment.instruction.keyword} below` : 'anywhere: no instruction follows this comment block directly';
    for (const entry of comment.entries) {
      let rule: RuleInfo;
      let message: string;
      if (!RULES_BY_CODE.has(entry.code)) {
        rule = unknownIgnore;
        message = `"${entry.code}" is no Layerlint rule code, so it suppresses nothing (layerlint rules lists the codes).`;
      } else if (!entry.used && judgedByUse(entry.code, options)) {
        rule = unusedIgnore;
        message = `${entry.code} reports nothing ${where}: this ignore suppresses nothing.`;
      } else continue;
      const finding: Finding = {
        code: rule.code,
        severity: rule.defaultSeverity,
        message,
        range: lines.range(entry.start, entry.end),
        fixes: [removeIgnoreEntry(lines, comment, entry)],
        tags: [DiagnosticTag.Unnecessary],
      };
      out.push({ finding, comment });
    }
  }
  return out;
}
