import { regenerates, initramfsPathWord } from '../analysis/regeneration';
import type { CommandFacts } from '../analysis/facts';
import { insertCommandAfter } from '../fixes/edits';
import { commandsAfter, commandsOf, type Finding, type Rule } from './rule';
import { kernelChangeRange, kverTextAt } from './shared';

// `test -f …/initramfs.img`, `[ -f … ]`, `ls …/initramfs.img`, `stat …`: the build checks the file.
function verifiesInitramfs(c: CommandFacts): boolean {
  if (!['test', '[', '[[', 'ls', 'stat'].includes(c.cmd.name)) return false;
  return c.cmd.args.some((a) => (a.values ?? [a.text]).some((v) => /lib\/modules\/.*initramfs\.img/.test(v)));
}

export const initramfsUnverified: Rule = {
  code: 'initramfs-unverified',
  defaultSeverity: 'hint',
  title: 'Automatic initramfs regeneration is not verified',
  summary: 'The kernel change relies on rpm-ostree regenerating the initramfs; failures in the kernel %posttrans do not fail the build, so check that the file exists.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      if (!f.kernelChange || f.kernelChange.packages.length === 0) continue;
      if (regenerates(f, stage.base, ctx.rpmOstreeVersion) !== 'yes') continue;
      const later = [...commandsAfter(stage, f)];
      if (later.some((c) => c.dracut?.builds || c.opaque?.regenerates || verifiesInitramfs(c))) continue;
      const kver = kverTextAt(f, stage);
      const path = initramfsPathWord(kver?.text ?? '<kver>');
      out.push({
        code: this.code,
        severity: 'hint',
        message:
          `This kernel change relies on ${stage.base.label} regenerating the initramfs itself. A failure in the kernel's %posttrans ` +
          `does not fail the build (rpm-ostree#5261), so check that ${path} exists.`,
        range: kernelChangeRange(ctx, f),
        fixes: kver
          ? [{ title: `Fail the build when the initramfs was not generated (kernel: ${kver.describe})`, isPreferred: true, edits: [insertCommandAfter(ctx, f.run, f.cmd, `test -f ${path}`)] }]
          : [],
      });
    }
    return out;
  },
};
