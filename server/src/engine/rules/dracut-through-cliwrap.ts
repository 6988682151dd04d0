import { WRAPPED_DRACUT } from '../dracut/invocation';
import { replaceWord } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { dracutCalls } from './dracut-shared';

export const dracutThroughCliwrap: Rule = {
  code: 'dracut-through-cliwrap',
  defaultSeverity: 'error',
  title: 'dracut runs through the cliwrap shim',
  summary: "With cliwrap on, `dracut` is rpm-ostree's shim, which fails in a container build.",
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f] of dracutCalls(ctx)) {
      if (inv.invokedAs !== 'plain' || inv.cliwrapSkip || f.before.cliwrapBeforeThisRun !== 'yes') continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `cliwrap is on in this image, so \`${f.cmd.nameWord.text}\` is rpm-ostree's shim: in a container build it waits, drops privileges and fails with "No permission to write to /usr/lib/modules/…". Call the real dracut.`,
        range: f.cmd.nameWord.range,
        fixes: [{ title: `Use ${WRAPPED_DRACUT}`, isPreferred: true, edits: [replaceWord(ctx, f.cmd.nameWord, WRAPPED_DRACUT)] }],
      });
    }
    return out;
  },
};
