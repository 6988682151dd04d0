import { kverForFix, shellWord } from '../analysis/regeneration';
import { distTag } from '../kver';
import { replaceRange } from '../fixes/edits';
import type { Finding, Rule } from './rule';
import { argRange, dracutCalls, kverKind } from './dracut-shared';

export const dracutKverMismatch: Rule = {
  code: 'dracut-kver-mismatch',
  check(ctx) {
    const out: Finding[] = [];
    for (const [inv, f] of dracutCalls(ctx)) {
      const arg = inv.kver;
      const installed = f.before.kernel;
      if (!arg || !installed || kverKind(arg.value) !== 'literal') continue;
      const value = arg.value!;
      const matches = installed.kver ? value === installed.kver : installed.versionRelease ? value.startsWith(`${installed.versionRelease}.`) : true;
      if (matches) continue;
      const expected = installed.kver ?? `${installed.versionRelease}.<arch>`;
      out.push({
        code: this.code,
        severity: 'error',
        message: `dracut builds for kernel ${value}, but the stage installs ${expected}${detail(value, installed.kver)}. ` +
          'The initramfs must be built for exactly VERSION-RELEASE.ARCH: for any other version dracut fails or loops, and the node boots without a matching initramfs.',
        range: argRange(ctx, arg),
        fixes: [
          {
            title: `Use kernel version ${installed.kver ?? 'read from the image'}`,
            isPreferred: true,
            edits: [replaceRange(ctx, arg.word.start + arg.offsetInWord, arg.word.end, shellWord(kverForFix(installed.kver)))],
          },
        ],
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
