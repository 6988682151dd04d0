import { replaceWord } from '../fixes/edits';
import { commandsAfter, commandsOf, type Finding, type Rule } from './rule';

export const multipleKernels: Rule = {
  code: 'multiple-kernels',
  defaultSeverity: 'error',
  title: 'A second kernel installed beside the base kernel',
  summary: 'Installing a kernel instead of replacing it leaves two kernels; bootc and rpm-ostree expect exactly one.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f, stage] of commandsOf(ctx)) {
      const change = f.kernelChange;
      if (!change || change.replaces || f.before.kernelRemoved) continue;
      // `dnf install kernel-core-<new> && dnf remove kernel-core-<old>`: one kernel in the end.
      if ([...commandsAfter(stage, f)].some((c) => c.removesKernel)) continue;
      if (change.tool === 'rpm-ostree') {
        const files = change.packages.every((p) => p.value.endsWith('.rpm'));
        out.push({
          code: this.code,
          severity: 'error',
          message:
            '`rpm-ostree install` of a kernel adds a second kernel beside the base one ("Multiple kernels"); bootc and rpm-ostree expect exactly one. Replace the installed kernel with `rpm-ostree override replace`.',
          range: change.verbWord.range,
          fixes: files ? [{ title: 'Use rpm-ostree override replace', isPreferred: true, edits: [replaceWord(ctx, change.verbWord, 'override replace')] }] : [],
        });
        continue;
      }
      // One finding per command: the packages of one kernel set make one second kernel.
      const p = change.packages.find((x) => x.rpm !== null);
      if (p) {
        out.push({
          code: this.code,
          severity: 'error',
          message: `\`${change.verb}\` of ${p.rpm!.name} ${p.rpm!.versionRelease} installs it beside the base image's kernel (kernels are install-only packages): the image ends up with two kernels. Remove the old kernel first, or use \`dnf swap\`.`,
          range: p.word.range,
          fixes: [],
        });
        continue;
      }
      // Another kernel by name (`dnf install kernel-cachyos`, `kernel-rt`) is another package: always a second kernel.
      const other = change.packages.find((x) => (x.kernel.flavour !== undefined || x.kernel.variant !== undefined) && !x.glob);
      if (other) {
        out.push({
          code: this.code,
          severity: 'error',
          message: `\`${change.verb}\` of ${other.kernel.name} installs it beside the base image's kernel: the image ends up with two kernels. Remove the base kernel (${'`kernel kernel-core kernel-modules kernel-modules-core`'}) first, or use \`dnf swap kernel-core ${other.kernel.name}\`.`,
          range: other.word.range,
          fixes: [],
        });
      }
    }
    return out;
  },
};
