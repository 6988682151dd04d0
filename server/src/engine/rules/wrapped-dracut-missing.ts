import { replaceWord } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { dracutCalls } from './dracut-shared';

export const wrappedDracutMissing: Rule = {
  code: 'wrapped-dracut-missing',
  defaultSeverity: 'warning',
  title: 'The wrapped dracut path may not exist',
  summary: '/usr/libexec/rpm-ostree/wrapped/dracut exists only where cliwrap is on.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f] of dracutCalls(ctx)) {
      if (inv.invokedAs !== 'wrapped' || f.before.cliwrap === 'yes') continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: '/usr/libexec/rpm-ostree/wrapped/dracut exists only where cliwrap is on, and nothing here shows that it is. `RPMOSTREE_CLIWRAP_SKIP=1 dracut` reaches the real dracut either way.',
        range: f.cmd.nameWord.range,
        fixes: [{ title: 'Use RPMOSTREE_CLIWRAP_SKIP=1 dracut', isPreferred: true, edits: [replaceWord(ctx, f.cmd.nameWord, 'RPMOSTREE_CLIWRAP_SKIP=1 dracut')] }],
      });
    }
    return out;
  },
};
