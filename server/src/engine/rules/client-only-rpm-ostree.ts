import { versionAtLeast } from '../analysis/facts';
import { commandsOf, type Finding, type Rule } from './rule';

const DAEMON_VERBS: Record<string, string> = {
  initramfs: 'regenerate the initramfs with an explicit dracut call in the build',
  'initramfs-etc': 'put dracut configuration in /usr/lib/dracut/dracut.conf.d and run dracut in the build',
  kargs: 'put kernel arguments in /usr/lib/bootc/kargs.d/*.toml',
  upgrade: 'change the FROM image (or run dnf/rpm-ostree install)',
  update: 'change the FROM image (or run dnf/rpm-ostree install)',
  rebase: 'change the FROM image',
  deploy: 'change the FROM image',
  rollback: 'roll back on the node, not in the image',
  'apply-live': 'nothing: the build result is the new image',
  usroverlay: 'nothing: /usr is writable during a build',
  reset: 'use `rpm-ostree override remove`/`uninstall` for specific packages',
  reload: 'nothing: there is no daemon in a build',
  cancel: 'nothing: there is no daemon in a build',
};

// Verbs that work in a build only from a given rpm-ostree release.
const SINCE: Record<string, [number, number]> = {
  cleanup: [2022, 6],
  'override replace': [2022, 9],
  'override remove': [2022, 9],
  uninstall: [2022, 14],
  search: [2023, 6],
};

export const clientOnlyRpmOstree: Rule = {
  code: 'client-only-rpm-ostree',
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
