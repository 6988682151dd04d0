import { appendToRun } from '../fixes/edits';
import { isOstreeContainerCommit } from '../model/build';
import type { Finding, Rule } from './rule';

const FAMILIES = new Set(['okd-fcos', 'coreos-legacy', 'coreos']);

export const missingContainerCommit: Rule = {
  code: 'missing-container-commit',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      if (!FAMILIES.has(stage.base.family)) continue;
      for (const run of stage.stage.runs) {
        const cmds = stage.byRun.get(run)!;
        const first = cmds.find((c) => c.rpmOstree && (c.rpmOstree.verb === 'install' || c.rpmOstree.verb === 'override'));
        if (!first) continue;
        const last = cmds.reduce((a, c) => (c.cmd.stmtEnd > a.cmd.stmtEnd ? c : a));
        if (isOstreeContainerCommit(last.cmd)) continue;
        const edit = appendToRun(ctx, run, 'ostree container commit');
        out.push({
          code: this.code,
          severity: 'information',
          message: `On ${stage.base.label}, a RUN that changes packages with rpm-ostree should end with \`ostree container commit\`, the documented last step that cleans up and checks the layer.`,
          range: ctx.lines.range(first.cmd.nameWord.start, first.rpmOstree!.verbWord.end),
          fixes: edit ? [{ title: 'Append ostree container commit', isPreferred: true, edits: [edit] }] : [],
        });
      }
    }
    return out;
  },
};
