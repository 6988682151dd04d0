import { replaceRange } from '../fixes/edits';
import { isOstreeContainerCommit } from '../model/build';
import { commandsOf, type Finding, type Rule } from './rule';

export const ostreeCommitOnBootc: Rule = {
  code: 'ostree-commit-on-bootc',
  defaultSeverity: 'warning',
  title: '`ostree container commit` on a bootc image',
  summary: 'bootc-built images carry no embedded ostree repo; use `bootc container lint` as the last step.',
  families: ['bootc'],
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      if (!this.families!.includes(stage.base.family) || !isOstreeContainerCommit(f.cmd)) continue;
      const end = f.cmd.args[1].end;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `${stage.base.label} is built by bootc and carries no embedded ostree repo, so \`ostree container commit\` fails here. Use \`bootc container lint\` as the last step.`,
        range: ctx.lines.range(f.cmd.nameWord.start, end),
        fixes: [{ title: 'Use bootc container lint', isPreferred: true, edits: [replaceRange(ctx, f.cmd.nameWord.start, end, 'bootc container lint')] }],
      });
    }
    return out;
  },
};
