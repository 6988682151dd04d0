import { versionAtLeast } from '../analysis/facts';
import { DAEMON_VERBS, SINCE } from '../analysis/rpm-ostree-verbs';
import { commandsOf, type Finding, type Rule } from './rule';

export const clientOnlyRpmOstree: Rule = {
  code: 'client-only-rpm-ostree',
  defaultSeverity: 'error',
  title: 'rpm-ostree verb that cannot run in a container build',
  summary: 'This verb goes through the rpm-ostree daemon (or needs a newer rpm-ostree) and fails in a build.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f] of commandsOf(ctx)) {
      const ro = f.rpmOstree;
      if (!ro) continue;
      const name = ro.verb === 'override' && ro.sub ? `override ${ro.sub}` : ro.verb;
      const range = ro.subWord && ro.verb === 'override' ? ctx.lines.range(ro.verbWord.start, ro.subWord.end) : ro.verbWord.range;
      const alternative = name === 'override reset' ? 'use `rpm-ostree override remove`/`replace` with the base version, or rebuild from the base' : DAEMON_VERBS[ro.verb];
      if (alternative && (ro.verb !== 'override' || name === 'override reset')) {
        out.push({
          code: this.code,
          severity: 'error',
          message: `\`rpm-ostree ${name}\` goes through the rpm-ostree daemon and fails in a container build. Instead, ${alternative}.`,
          range,
          fixes: [],
        });
        continue;
      }
      const since = SINCE[name];
      if (since && ctx.rpmOstreeVersion && !versionAtLeast(ctx.rpmOstreeVersion, since[0], since[1])) {
        out.push({
          code: this.code,
          severity: 'error',
          message: `\`rpm-ostree ${name}\` works in a container build only from rpm-ostree ${since[0]}.${since[1]}; this image has ${ctx.rpmOstreeVersion.join('.')}.`,
          range,
          fixes: [],
        });
      }
    }
    return out;
  },
};
