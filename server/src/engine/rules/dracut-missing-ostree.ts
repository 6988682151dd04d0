import { insertAfterName } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { baseDracutConfigApplies, dracutCalls } from './dracut-shared';

export const dracutMissingOstree: Rule = {
  code: 'dracut-missing-ostree',
  defaultSeverity: 'error',
  title: 'dracut without the ostree module',
  summary: 'The ostree dracut module is opt-in; without it the initramfs cannot mount the deployment.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f, stage] of dracutCalls(ctx)) {
      if (inv.uncertain) continue;
      const lists = inv.options.filter((o) => ['add', 'force-add', 'modules'].includes(o.option.long)).flatMap((o) => o.values.map((v) => v.value));
      if (lists.some((v) => v === undefined || v.split(/\s+/).includes('ostree'))) continue;
      const bootc = stage.base.family === 'bootc';
      const modules = inv.options.some((o) => o.option.long === 'modules');
      // The base's configuration adds ostree (add_dracutmodules); -m replaces the module list it adds to.
      if (!modules && baseDracutConfigApplies(inv, stage)) continue;
      // Only where the base's dracut configuration is known not to add ostree is the call sure to miss it.
      const unknownConfig = !bootc && stage.base.dracutConfigured !== 'no';
      out.push({
        code: this.code,
        severity: bootc || unknownConfig ? 'warning' : 'error',
        message:
          `dracut ${modules ? 'limits the modules with -m and leaves out' : 'runs without'} the ostree module. It is opt-in (its check() returns 255), and without it the initramfs cannot mount the ostree deployment: the node does not boot.` +
          (bootc ? ' bootc base images add it in /usr/lib/dracut.conf.d, so this matters only if that configuration is changed.' : '') +
          (unknownConfig ? ` Whether ${stage.base.label}'s dracut configuration adds it is not known (bootc bases do, in /usr/lib/dracut.conf.d).` : ''),
        range: f.cmd.nameWord.range,
        fixes: [{ title: 'Add the ostree dracut module (--add ostree)', isPreferred: true, edits: [insertAfterName(ctx, f.cmd, '--add ostree')] }],
      });
    }
    return out;
  },
};
