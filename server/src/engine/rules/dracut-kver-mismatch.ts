import { initramfsPathWord, shellWord } from '../analysis/regeneration';
import { kverText } from '../analysis/installed-kernel';
import { distTag } from '../kver';
import { replaceRange } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { argRange, dracutCalls, INITRAMFS_RE, kverKind } from './dracut-shared';

export const dracutKverMismatch: Rule = {
  code: 'dracut-kver-mismatch',
  defaultSeverity: 'error',
  title: 'dracut builds for a kernel version the stage does not install',
  summary: "dracut's kernel version differs from VERSION-RELEASE.ARCH of the kernel installed in the stage.",
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f] of dracutCalls(ctx)) {
      const arg = inv.kver;
      const installed = f.before.kernel;
      if (!arg || !installed || f.before.kernelUncertain || kverKind(arg.value) !== 'literal') continue;
      const value = arg.value!;
      const matches = installed.kver ? value === installed.kver : installed.versionRelease ? value.startsWith(`${installed.versionRelease}.`) : true;
      if (matches) continue;
      const expected = installed.kver ?? `${installed.versionRelease}.<arch>`;
      const kver = kverText(installed, true)!;
      const edits = [replaceRange(ctx, arg.word.start + arg.offsetInWord, arg.word.end, shellWord(kver.text))];
      // The output path named after the same wrong version moves with it (else: dracut-output-path).
      const image = inv.image;
      if (image?.value && image.word !== arg.word && INITRAMFS_RE.exec(image.value)?.[1] === value) {
        edits.push(replaceRange(ctx, image.word.start, image.word.end, initramfsPathWord(kver.text)));
      }
      out.push({
        code: this.code,
        severity: 'error',
        message:
          `dracut builds for kernel ${value}, but the stage installs ${expected}${detail(value, installed.kver)}. ` +
          'The initramfs must be built for exactly VERSION-RELEASE.ARCH: for any other version dracut fails or loops, and the node boots without a matching initramfs.',
        range: argRange(ctx, arg),
        fixes: [{ title: `Use the installed kernel's version (${kver.describe})`, isPreferred: true, edits }],
      });
    }
    return out;
  },
};

function detail(value: string, expected: string | undefined): string {
  if (!expected) return '';
  const m = /^(.*)-(.*)\.([^.]+)$/.exec(expected);
  if (!m) return '';
  const [, version, release, arch] = m;
  const tag = distTag(release);
  if (tag && value === `${version}-${release.replace(`.${tag}`, '')}.${arch}`) return ` (the dist tag .${tag} is missing)`;
  if (value === `${version}-${release}`) return ' (the architecture is missing)';
  return '';
}
