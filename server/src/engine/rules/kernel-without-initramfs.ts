import { regenerates, kverForFix, regenerationCommand } from '../analysis/regeneration';
import { insertCommandAfter } from '../fixes/edits';
import { commandsAfter, commandsOf, type Finding, type Rule } from './rule';
import { kernelChangeRange, kernelChangeKver } from './shared';

export const kernelWithoutInitramfs: Rule = {
  code: 'kernel-without-initramfs',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      if (!f.kernelChange || f.kernelChange.packages.length === 0) continue;
      const regen = regenerates(f, stage.base, ctx.rpmOstreeVersion);
      if (regen === 'yes') continue;
      if ([...commandsAfter(stage, f)].some((c) => c.dracut?.builds)) continue;
      const kver = kverForFix(kernelChangeKver(f));
      const severity = regen === 'no' ? 'error' : 'warning';
      const why =
        regen === 'no'
          ? `on ${stage.base.label} nothing regenerates the initramfs after \`${f.kernelChange.verb}\``
          : `it is not known whether ${stage.base.label} regenerates the initramfs after \`${f.kernelChange.verb}\``;
      out.push({
        code: this.code,
        severity,
        message:
          `Kernel changed without regenerating its initramfs: ${why}, so nodes boot the new kernel with the old initramfs ` +
          `and stop with "cannot open root device" (okd-project/okd#1908). Run dracut for exactly ${kernelChangeKver(f) ?? 'the new kernel'} after this step.`,
        range: kernelChangeRange(ctx, f),
        fixes: [
          {
            title: 'Regenerate the initramfs with dracut after the kernel change',
            isPreferred: true,
            edits: [insertCommandAfter(ctx, f.run, f.cmd, regenerationCommand(kver, f.before.cliwrap === 'yes'))],
          },
        ],
      });
    }
    return out;
  },
};
