import type { CommandFacts, StageFacts } from '../analysis/facts';
import { initramfsPathWord } from '../analysis/regeneration';
import { hasOption, type DracutArg } from '../dracut/invocation';
import { insertAt, replaceRange } from '../fixes/edits';
import { basename } from '../model/build';
import type { Finding, Rule } from './rule';
import { argRange, dracutCalls, INITRAMFS_RE, kverKind, kverTextFor } from './dracut-shared';

export const dracutOutputPath: Rule = {
  code: 'dracut-output-path',
  defaultSeverity: 'error',
  title: 'initramfs written to the wrong place',
  summary: 'The initramfs must be /usr/lib/modules/<kver>/initramfs.img beside vmlinuz; without an image argument dracut writes to /boot.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f, stage] of dracutCalls(ctx)) {
      if (inv.regenerateAll || inv.uncertain) continue;
      const kver = kverTextFor(inv, f, stage);
      const path = kver !== undefined ? initramfsPathWord(kver) : undefined;
      const image = inv.image;
      if (!image) {
        const force = hasOption(inv, 'force') ? '' : '-f ';
        out.push({
          code: this.code,
          severity: 'error',
          message:
            'dracut has no output image, so it writes to /boot. Nothing may go to /boot in an image (bootc: nonempty-boot); the initramfs belongs in /usr/lib/modules/<kver>/initramfs.img beside vmlinuz.',
          range: f.cmd.nameWord.range,
          fixes: path ? [{ title: `Write the initramfs to ${path}`, isPreferred: true, edits: [insertAt(ctx, f.cmd.end, ` ${force}${path}`)] }] : [],
        });
        continue;
      }
      if (kverKind(image.value) === 'unknown') continue;
      const m = INITRAMFS_RE.exec(image.value!.replace(/\u0001H\d+-\d+\u0001/g, '\u0001H\u0001'));
      let problem: string | undefined;
      if (!m) {
        if (movedIntoPlace(image, f, stage)) continue;
        problem = `dracut writes the initramfs to ${image.word.text}, where the boot loader does not look`;
      } else {
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
        fixes: path ? [{ title: `Write the initramfs to ${path}`, isPreferred: true, edits: [replaceRange(ctx, image.word.start, image.word.end, path)] }] : [],
      });
    }
    return out;
  },
};

const MOVERS = new Set(['mv', 'cp', 'install', 'rsync']);
const MODULES_INITRAMFS_TEXT = /\/lib\/modules\/.+\/initramfs\.img["']?$/;

/**
 * `dracut … -f /tmp/initramfs.img && mv /tmp/initramfs.img /usr/lib/modules/<kver>/initramfs.img`
 * (the rpm-ostree 2022 workaround): the file ends up in the right place later in the same RUN.
 */
function movedIntoPlace(image: DracutArg, f: CommandFacts, stage: StageFacts): boolean {
  const sameRun = stage.byRun.get(f.run)!;
  for (const c of sameRun.slice(sameRun.indexOf(f) + 1)) {
    if (!MOVERS.has(basename(c.cmd.name))) continue;
    const operands = c.cmd.args.filter((a) => !(a.values?.[0] ?? a.text).startsWith('-'));
    if (operands.length < 2) continue;
    const target = operands[operands.length - 1];
    const sources = operands.slice(0, -1);
    const isSource = sources.some((s) => (s.values !== undefined && image.value !== undefined ? s.values.includes(image.value) : s.text === image.word.text));
    if (!isSource) continue;
    return target.values !== undefined ? target.values.every((v) => INITRAMFS_RE.test(v)) : MODULES_INITRAMFS_TEXT.test(target.text);
  }
  return false;
}
