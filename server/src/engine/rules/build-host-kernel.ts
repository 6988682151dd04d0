import type { CommandFacts } from '../analysis/facts';
import { shellWord } from '../analysis/regeneration';
import { insertAfterName, insertAt, replaceRange } from '../fixes/edits';
import { hasHostKver, hostKverOrigins } from '../kver';
import { INITRAMFS_RE } from './dracut-shared';
import { basename } from '../model/build';
import type { Fix } from '../types';
import type { Finding, Rule } from './rule';
import { kverTextAt } from './shared';

const KVER_CONSUMERS = new Set(['dracut', 'depmod', 'akmods', 'dkms', 'kmodtool', 'weak-modules', 'kernel-install', 'modprobe', 'akmodsbuild']);
const DEPMOD_VALUE_OPTIONS = new Set(['-b', '--basedir', '-C', '--config', '-E', '--symvers', '-F', '--filesyms', '-o', '--outdir']);

const WHY = "In a container build `uname -r` is the build host's kernel, not the image's (coreos/layering-examples)";

export const buildHostKernel: Rule = {
  code: 'build-host-kernel',
  anyStage: true,
  defaultSeverity: 'error',
  title: 'Kernel version taken from the build host',
  summary: "`uname -r` (and dracut/depmod without a version) name the build host's kernel, not the image's.",
  check(ctx) {
    const out: Finding[] = [];
    const reported = new Set<string>();
    // In every stage, whatever its base: a build never runs on the kernel it builds for.
    for (const stage of ctx.allStages)
      for (const f of stage.commands) {
        const kver = kverTextAt(f, stage);
        const consumer = KVER_CONSUMERS.has(basename(f.cmd.name)) || f.dracut !== undefined;
        for (const word of f.cmd.args) {
          for (const value of word.values ?? []) {
            if (!consumer && !/(?:lib\/modules|src\/kernels)\/\u0001H/.test(value)) continue;
            for (const origin of hostKverOrigins(value)) {
              const key = `${origin.start}:${origin.end}`;
              if (reported.has(key)) continue;
              reported.add(key);
              out.push({
                code: this.code,
                severity: 'error',
                message: `${WHY}: \`${basename(f.cmd.name)}\` would work on a kernel that is not in the image. Use the installed kernel's version.`,
                range: ctx.lines.range(origin.start, origin.end),
                fixes: kver ? [{ title: `Use the kernel version installed in the image (${kver.describe})`, isPreferred: true, edits: [replaceRange(ctx, origin.start, origin.end, kver.text)] }] : [],
              });
            }
          }
        }
        const missing = missingVersion(f);
        if (missing) {
          const fixes: Fix[] = [];
          // `dracut -f /usr/lib/modules/K/initramfs.img`: the path already names the version meant.
          const own = missing === 'dracut' ? kverOfOutputPath(f) : undefined;
          const chosen = own ? { text: own, describe: 'the one in the output path' } : kver;
          if (chosen) {
            const word = shellWord(chosen.text);
            fixes.push({
              title: own ? 'Pass the kernel version of the output path' : `Pass the kernel version installed in the image (${chosen.describe})`,
              isPreferred: true,
              edits: [missing === 'dracut' ? insertAfterName(ctx, f.cmd, `--kver ${word}`) : insertAt(ctx, f.cmd.end, ` ${word}`)],
            });
          }
          out.push({
            code: this.code,
            severity: 'error',
            message: `${missing} runs without a kernel version, so it uses \`uname -r\`: the build host's kernel. ${WHY}. Pass the image's kernel version.`,
            range: f.cmd.nameWord.range,
            fixes,
          });
        }
      }
    return out;
  },
};

function kverOfOutputPath(f: CommandFacts): string | undefined {
  const image = f.dracut?.image;
  if (!image?.value || hasHostKver(image.value) || !INITRAMFS_RE.test(image.value)) return undefined;
  const m = /\/lib\/modules\/([^/"']+)\/initramfs\.img["']?$/.exec(image.word.text);
  return m && !m[1].includes('"') ? m[1] : undefined;
}

function missingVersion(f: CommandFacts): 'dracut' | 'depmod' | undefined {
  const inv = f.dracut;
  if (inv) return inv.builds && !inv.regenerateAll && !inv.kver && !inv.uncertain ? 'dracut' : undefined;
  if (basename(f.cmd.name) !== 'depmod') return undefined;
  const args = f.cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].values?.[0];
    if (v === undefined) return undefined;
    if (v.startsWith('-')) {
      if (DEPMOD_VALUE_OPTIONS.has(v)) i++;
      continue;
    }
    return undefined;
  }
  return 'depmod';
}
