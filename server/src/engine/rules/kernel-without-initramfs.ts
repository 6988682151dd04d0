import { regenerates, regenerationCommand } from '../analysis/regeneration';
import type { CommandFacts, StageFacts } from '../analysis/facts';
import { insertCommandAfter, removeCommand } from '../fixes/edits';
import type { Fix, TextEdit } from '../types';
import { commandsAfter, commandsOf, type Finding, type Rule, type RuleContext } from './rule';
import { kernelChangeRange, kernelChangeKver, kverTextAt } from './shared';

export const kernelWithoutInitramfs: Rule = {
  code: 'kernel-without-initramfs',
  defaultSeverity: 'error',
  title: 'Kernel changed without regenerating the initramfs',
  summary:
    'A kernel change with no dracut call after it: on bases where rpm-ostree does not regenerate the initramfs, the node boots the new kernel with the old initramfs and stops at "cannot open root device".',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      if (!f.kernelChange || f.kernelChange.packages.length === 0) continue;
      const regen = regenerates(f, stage.base, ctx.rpmOstreeVersion);
      if (regen === 'yes') continue;
      const later = [...commandsAfter(stage, f)];
      if (later.some((c) => c.dracut?.builds || c.opaque?.regenerates)) continue;
      // `dnf swap kernel-core kernel-rt-core && dnf install kernel-rt-modules`: one change, reported
      // (and fixed) after its last step in the RUN.
      if (later.some((c) => c.run === f.run && c.kernelChange && c.kernelChange.packages.length > 0)) continue;
      // A script run later may hold the dracut call: claim one level less.
      const script = later.find((c) => c.opaque)?.opaque;
      const severity = regen === 'no' ? (script ? 'warning' : 'error') : script ? 'information' : 'warning';
      const off = f.kernelChange.tool !== 'rpm-ostree' ? f.before.kernelInstallOff : undefined;
      const why = f.kernelChange.noScripts
        ? `with the package scriptlets off, nothing runs kernel-install to regenerate the initramfs after \`${f.kernelChange.verb}\``
        : off !== undefined
          ? `kernel-install was turned off (\`${off}\`) when \`${f.kernelChange.verb}\` ran, so nothing regenerated the initramfs`
          : regen === 'no'
            ? `on ${stage.base.label} nothing regenerates the initramfs after \`${f.kernelChange.verb}\``
            : `it is not known whether ${stage.base.label} regenerates the initramfs after \`${f.kernelChange.verb}\``;
      const fix = regenerationFix(ctx, f, stage);
      out.push({
        code: this.code,
        severity,
        message:
          `Kernel changed without regenerating its initramfs: ${why}${script ? ` (unless \`${script.name}\` does it)` : ''}, so nodes boot the new kernel with the old initramfs ` +
          `and stop with "cannot open root device" (okd-project/okd#1908). Run dracut for exactly ${kernelChangeKver(f) ?? 'the new kernel'} after this step.`,
        range: kernelChangeRange(ctx, f),
        fixes: fix ? [fix] : [],
      });
    }
    return out;
  },
};

/**
 * rpm-ostree's own dracut call right after the kernel change. cliwrap enabled in the same RUN would
 * put its shim in the way of that call (and wraps twice where it was on already): the fix takes it
 * out of the RUN.
 */
function regenerationFix(ctx: RuleContext, f: CommandFacts, stage: StageFacts): Fix | undefined {
  const kver = kverTextAt(f, stage);
  if (!kver) return undefined;
  const wraps = stage.byRun.get(f.run)!.filter((c) => c.cliwrapInstall);
  const removals: TextEdit[] = [];
  for (const w of wraps) {
    const edit = removeCommand(ctx, f.run, w.cmd);
    if (!edit) return undefined;
    removals.push(edit);
  }
  const cliwrapOn = (wraps.length > 0 ? f.before.cliwrapBeforeThisRun : f.before.cliwrap) === 'yes';
  const insert = insertCommandAfter(ctx, f.run, f.cmd, regenerationCommand(kver.text, cliwrapOn));
  const at = ctx.lines.offsetAt(insert.range.start);
  const edits: TextEdit[] = [];
  let inserted = false;
  for (const r of removals) {
    // A removal that starts where the insertion goes: one edit, so that their order cannot matter.
    if (ctx.lines.offsetAt(r.range.start) === at && !inserted) {
      edits.push({ range: r.range, newText: insert.newText });
      inserted = true;
    } else edits.push(r);
  }
  if (!inserted) edits.unshift(insert);
  return {
    title: `Regenerate the initramfs with dracut after the kernel change (kernel: ${kver.describe})${wraps.length > 0 ? ', without cliwrap install-to-root in this RUN' : ''}`,
    isPreferred: true,
    edits,
  };
}
