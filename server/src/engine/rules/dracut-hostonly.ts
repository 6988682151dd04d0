import { lastOf } from '../dracut/invocation';
import { insertAfterName, replaceRange } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { baseDracutConfigApplies, dracutCalls } from './dracut-shared';

const WHY = 'A host-only initramfs holds only what the build container needs, not what the machines booting this image need.';

export const dracutHostonly: Rule = {
  code: 'dracut-hostonly',
  defaultSeverity: 'warning',
  title: 'dracut in host-only mode',
  summary: 'A host-only initramfs fits the build container, not the machines that boot the image.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f, stage] of dracutCalls(ctx)) {
      const last = lastOf(inv, 'hostonly', 'no-hostonly');
      if (last?.option.long === 'no-hostonly') continue;
      if (last) {
        const w = last.word;
        const edit =
          last.clusterIndex !== undefined && w.text.length > 2 && w.text.startsWith('-') && w.text[last.clusterIndex] === 'H'
            ? replaceRange(ctx, w.start + last.clusterIndex, w.start + last.clusterIndex + 1, 'N')
            : replaceRange(ctx, w.start, w.end, '--no-hostonly');
        out.push({
          code: this.code,
          severity: 'error',
          message: `dracut is asked for host-only mode. ${WHY} Use --no-hostonly as rpm-ostree does.`,
          range: last.clusterIndex !== undefined && w.text.length > 2 ? ctx.lines.range(w.start + last.clusterIndex, w.start + last.clusterIndex + 1) : w.range,
          fixes: [{ title: 'Switch to --no-hostonly', isPreferred: true, edits: [edit] }],
        });
        continue;
      }
      if (inv.uncertain || baseDracutConfigApplies(inv, stage)) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: `dracut runs without --no-hostonly; its configuration may turn host-only mode on. ${WHY}`,
        range: f.cmd.nameWord.range,
        fixes: [{ title: 'Add --no-hostonly', isPreferred: true, edits: [insertAfterName(ctx, f.cmd, '--no-hostonly')] }],
      });
    }
    return out;
  },
};
