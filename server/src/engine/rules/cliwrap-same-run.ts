import { versionAtLeast } from '../analysis/facts';
import { removeCommand } from '../fixes/edits';
import { commandsOf, type Finding, type Rule } from './rule';

export const cliwrapSameRun: Rule = {
  code: 'cliwrap-same-run',
  defaultSeverity: 'error',
  title: 'cliwrap enabled in the same RUN as dracut or a kernel change',
  summary: 'Before rpm-ostree 2024.4 wrapping an already wrapped image destroys the real dracut and rpm (the OKD 4.14 failure).',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      const wrap = f.cliwrapInstall;
      if (!wrap) continue;
      const sameRun = stage.byRun.get(f.run)!.filter((c) => c !== f);
      const dracut = sameRun.some((c) => c.dracut?.builds);
      const alreadyOn = f.before.cliwrapBeforeThisRun === 'yes' && !(ctx.rpmOstreeVersion && versionAtLeast(ctx.rpmOstreeVersion, 2024, 4));
      const kernel = alreadyOn && sameRun.some((c) => c.kernelChange);
      if (!dracut && !kernel) continue;
      const why = dracut
        ? 'it replaces dracut with the cliwrap shim in the same RUN that needs the real dracut'
        : 'cliwrap is already on here, and before rpm-ostree 2024.4 wrapping again moves the shim over the real dracut and rpm: every later dracut call loops (the OKD 4.14 failure)';
      const edit = removeCommand(ctx, f.run, f.cmd);
      out.push({
        code: this.code,
        severity: 'error',
        message: `\`rpm-ostree cliwrap install-to-root\` in the same RUN as ${dracut ? 'a dracut call' : 'a kernel change'}: ${why}. Remove it and regenerate the initramfs explicitly.`,
        range: wrap.subWord ? ctx.lines.range(wrap.verbWord.start, wrap.subWord.end) : wrap.verbWord.range,
        fixes: edit ? [{ title: 'Remove cliwrap install-to-root from this RUN', isPreferred: true, edits: [edit] }] : [],
      });
    }
    return out;
  },
};
