import type { CommandFacts, StageFacts } from '../analysis/facts';
import { regenerates } from '../analysis/regeneration';
import { insertAt, removeCommand } from '../fixes/edits';
import type { Fix } from '../types';
import { commandsAfter, commandsOf, type Finding, type Rule, type RuleContext } from './rule';

// `[ -d /usr/libexec/rpm-ostree/wrapped ] || rpm-ostree cliwrap install-to-root /`: wraps only once.
const GUARD = /\[\s+-d\s+\/usr\/libexec\/rpm-ostree\/wrapped\/?\s+\]\s*\|\|\s*$/;

export const cliwrapDeprecated: Rule = {
  code: 'cliwrap-deprecated',
  defaultSeverity: 'warning',
  title: 'rpm-ostree cliwrap is deprecated',
  summary: 'cliwrap is deprecated since rpm-ostree 2024.9 and its wrappers stay in the image.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      const wrap = f.cliwrapInstall;
      if (!wrap || GUARD.test(ctx.text.slice(Math.max(0, f.cmd.stmtStart - 80), f.cmd.stmtStart))) continue;
      const fixes: Fix[] = [];
      const remove = reliedOn(ctx, stage, f) ? undefined : removeCommand(ctx, f.run, f.cmd);
      if (remove) fixes.push({ title: 'Remove cliwrap install-to-root', isPreferred: true, edits: [remove] });
      fixes.push({
        title: 'Run install-to-root only where the image is not wrapped yet',
        edits: [insertAt(ctx, f.cmd.stmtStart, '{ [ -d /usr/libexec/rpm-ostree/wrapped ] || '), insertAt(ctx, f.cmd.stmtEnd, '; }')],
      });
      out.push({
        code: this.code,
        severity: 'warning',
        message:
          '`rpm-ostree cliwrap` is deprecated since rpm-ostree 2024.9. Its wrappers stay in the image and change how rpm and dracut behave on the nodes (OCPBUGS-30149), and before 2024.4 running it on an already wrapped image destroys the real binaries.',
        range: wrap.subWord ? ctx.lines.range(wrap.verbWord.start, wrap.subWord.end) : wrap.verbWord.range,
        fixes,
      });
    }
    return out;
  },
};

/**
 * A later kernel change relies on this cliwrap's kernel-install wrapper to regenerate the initramfs
 * (it regenerates with cliwrap on and would not without it): removing it would leave the kernel
 * without one.
 */
function reliedOn(ctx: RuleContext, stage: StageFacts, wrap: CommandFacts): boolean {
  const later = [...commandsAfter(stage, wrap)];
  return later.some((c, i) => {
    if (!c.kernelChange || c.kernelChange.packages.length === 0) return false;
    if (later.slice(i + 1).some((d) => d.dracut?.builds)) return false;
    if (regenerates(c, stage.base, ctx.rpmOstreeVersion) !== 'yes') return false;
    const unwrapped = { ...c, before: { ...c.before, cliwrap: stage.base.cliwrapOn, cliwrapBeforeThisRun: stage.base.cliwrapOn } };
    return regenerates(unwrapped, stage.base, ctx.rpmOstreeVersion) !== 'yes';
  });
}
