import { replaceWord } from '../fixes/edits';
import { commandsOf, type Finding, type Rule } from './rule';

export const multipleKernels: Rule = {
  code: 'multiple-kernels',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f] of commandsOf(ctx)) {
      const change = f.kernelChange;
      if (!change || change.replaces || f.before.kernelRemoved) continue;
      if (change.tool === 'rpm-ostree') {
        const files = change.packages.every((p) => p.value.endsWith('.rpm'));
        out.push({
          code: this.code,
          severity: 'error',
          message: '`rpm-ostree install` of a kernel adds a second kernel beside the base one ("Multiple kernels"); bootc and rpm-ostree expect exactly one. Replace the installed kernel with `rpm-ostree override replace`.',
          range: change.verbWord.range,
          fixes: files ? [{ title: 'Use rpm-ostree override replace', isPreferred: true, edits: [replaceWord(ctx, change.verbWord, 'override replace')] }] : [],
        });
        continue;
      }
      const other = change.packages.filter((p) => p.rpm !== null);
      for (const p of other) {
        out.push({
          code: this.code,
          severity: 'error',
          message: `\`${change.verb}\` of ${p.rpm!.name} ${p.rpm!.versionRelease} installs it beside the base image's kernel (kernels are install-only packages): the image ends up with two kernels. Remove the old kernel first, or use \`dnf swap\`.`,
          range: p.word.range,
          fixes: [],
        });
      }
    }
    return out;
  },
};
