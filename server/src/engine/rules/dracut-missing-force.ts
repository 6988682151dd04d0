import { hasOption } from '../dracut/invocation';
import { insertAt } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { argRange, dracutCalls } from './dracut-shared';

export const dracutMissingForce: Rule = {
  code: 'dracut-missing-force',
  defaultSeverity: 'warning',
  title: 'dracut without --force over an existing initramfs',
  summary: 'dracut refuses to overwrite an existing initramfs.img without -f.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv] of dracutCalls(ctx)) {
      const image = inv.image;
      if (!image?.value || !/\/lib\/modules\/.*initramfs\.img$/.test(image.value) || hasOption(inv, 'force')) continue;
      out.push({
        code: this.code,
        severity: 'warning',
        message: 'The base image already ships this initramfs.img, and dracut will not overwrite an existing file without -f: the build keeps the old initramfs.',
        range: argRange(ctx, image),
        fixes: [{ title: 'Add -f', isPreferred: true, edits: [insertAt(ctx, image.word.start, '-f ')] }],
      });
    }
    return out;
  },
};
