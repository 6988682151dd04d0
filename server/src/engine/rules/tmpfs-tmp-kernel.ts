import type { CommandFacts, StageFacts } from '../analysis/facts';
import { regenerates } from '../analysis/regeneration';
import { deleteFlag } from '../fixes/edits';
import { commandsAfter, type Finding, type Rule, type RuleContext } from './rule';

export const tmpfsTmpKernel: Rule = {
  code: 'tmpfs-tmp-kernel',
  defaultSeverity: 'error',
  title: 'Kernel change with a tmpfs on /tmp',
  summary: 'rpm-ostree builds the initramfs in $TMPDIR and renames it into /usr/lib/modules: across a tmpfs that rename fails while the build still passes.',
  check(ctx) {
    const out: Finding[] = [];
    for (const stage of ctx.stages) {
      for (const run of stage.stage.runs) {
        if (!stage.byRun.get(run)!.some((c) => c.kernelChange && c.kernelChange.packages.length > 0 && regeneratesThroughTmp(ctx, stage, c))) continue;
        for (const flag of run.flags) {
          if (flag.name !== 'mount' || !flag.value) continue;
          const opts = new Map(flag.value.split(',').map((kv) => [kv.split('=')[0], kv.slice(kv.indexOf('=') + 1)] as const));
          const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
          if (opts.get('type') !== 'tmpfs' || !target || target.replace(/\/+$/, '') !== '/tmp') continue;
          out.push({
            code: this.code,
            severity: 'error',
            message:
              'rpm-ostree builds the new initramfs in $TMPDIR and renames it into /usr/lib/modules; with a tmpfs on /tmp that rename fails ("Invalid cross-device link") while the build still passes (blue-build/cli#119).',
            range: flag.range,
            fixes: [{ title: 'Drop the tmpfs mount from this RUN', isPreferred: true, edits: [deleteFlag(ctx, flag)] }],
          });
        }
      }
    }
    return out;
  },
};

/**
 * The kernel change leaves the initramfs to the automatic regeneration, which builds it in $TMPDIR
 * (/tmp unless set elsewhere). Where nothing regenerates automatically, or an explicit dracut call
 * follows, the tmpfs does not matter.
 */
function regeneratesThroughTmp(ctx: RuleContext, stage: StageFacts, f: CommandFacts): boolean {
  if (regenerates(f, stage.base, ctx.rpmOstreeVersion) === 'no') return false;
  if ([...commandsAfter(stage, f)].some((c) => c.dracut?.builds || c.opaque?.regenerates)) return false;
  const tmpdir = f.cmd.assignments.TMPDIR ?? f.cmd.env.lookup('TMPDIR');
  return tmpdir === undefined || tmpdir === null || tmpdir === '' || /^\/tmp(\/|$)/.test(tmpdir);
}
