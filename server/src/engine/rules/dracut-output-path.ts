import { initramfsPathWord } from '../analysis/regeneration';
import { hasOption } from '../dracut/invocation';
import { insertAt, replaceRange } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { argRange, dracutCalls, INITRAMFS_RE, kverKind, kverTextFor } from './dracut-shared';

export const dracutOutputPath: Rule = {
  code: 'dracut-output-path',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f] of dracutCalls(ctx)) {
      if (inv.regenerateAll || inv.uncertain) continue;
      const path = initramfsPathWord(kverTextFor(inv, f));
      const image = inv.image;
      if (!image) {
        const force = hasOption(inv, 'force') ? '' : '-f ';
        out.push({
          code: this.code,
          severity: 'error',
          message: 'dracut has no output image, so it writes to /boot. Nothing may go to /boot in an image (bootc: nonempty-boot); the initramfs belongs in /usr/lib/modules/<kver>/initramfs.img beside vmlinuz.',
          range: f.cmd.nameWord.range,
          fixes: [{ title: `Write the initramfs to ${path}`, isPreferred: true, edits: [insertAt(ctx, f.cmd.end, ` ${force}${path}`)] }],
        });
        continue;
      }
      if (kverKind(image.value) === 'unknown') continue;
      const m = INITRAMFS_RE.exec(image.value!.replace(/\u0001H\d+-\d+\u0001/g, '\u0001H\u0001'));
      let problem: string | undefined;
      if (!m) problem = `dracut writes the initramfs to ${image.word.text}, where the boot loader does not look`;
      else {
        const own = inv.kver?.value?.replace(/\u0001H\d+-\d+\u0001/g, '\u0001H\u0001');
        const ownKind = kverKind(inv.kver?.value);
        const pathKind = kverKind(image.value);
        if (own !== undefined && own !== m[1] && ownKind === pathKind && ownKind === 'literal') {
          problem = `dracut builds for ${own} but writes to the directory of ${m[1]}`;
        }
      }
      if (!problem) continue;
      out.push({
        code: this.code,
        severity: 'error',
        message: `${problem}. The initramfs must be /usr/lib/modules/<kver>/initramfs.img for its own kernel version, beside vmlinuz.`,
        range: argRange(ctx, image),
        fixes: [{ title: `Write the initramfs to ${path}`, isPreferred: true, edits: [replaceRange(ctx, image.word.start, image.word.end, path)] }],
      });
    }
    return out;
  },
};
