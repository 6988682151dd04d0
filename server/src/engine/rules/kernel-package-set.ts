import type { KernelPackageRef } from '../analysis/package-commands';
import { deleteWord, replaceWord } from '../fixes/edits';
import { fileName, hasModulesCore, type KernelRpm } from '../kver';
import type { ShellWord } from '../model/types';
import { commandsOf, type Finding, type Rule, type RuleContext } from './rule';

const ORDER = ['', 'core', 'modules', 'modules-core', 'modules-extra', 'modules-internal'];

export const kernelPackageSet: Rule = {
  code: 'kernel-package-set',
  defaultSeverity: 'error',
  title: 'Kernel packages of different versions or an incomplete set',
  summary: 'Replace the whole installed kernel set (kernel, kernel-core, kernel-modules, kernel-modules-core) at one VERSION-RELEASE.ARCH.',
  check(ctx) {
    const out: Finding[] = [];
    for (const [f] of commandsOf(ctx)) {
      const change = f.kernelChange;
      if (!change) continue;
      const versioned = change.packages.filter((p): p is KernelPackageRef & { rpm: KernelRpm } => p.rpm !== null);
      if (versioned.length === 0) continue;
      const key = (p: { rpm: KernelRpm }) => `${p.rpm.versionRelease}${p.rpm.arch ? `.${p.rpm.arch}` : ''}`;
      const counts = new Map<string, number>();
      for (const p of versioned) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
      const majority = [...counts.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
      const model = versioned.find((p) => key(p) === majority)!;
      const subs = new Set(versioned.filter((p) => p.kernel.base === model.kernel.base).map((p) => p.kernel.subpackage));
      const missing: string[] = [];
      // rpm-ostree overrides exactly the packages named (dnf resolves the set's dependencies); the
      // subpackages of kernels built outside Fedora's kernel.spec are not known.
      if (subs.has('core') && change.tool === 'rpm-ostree' && !model.kernel.flavour) {
        if (!subs.has('modules')) missing.push('modules');
        if (hasModulesCore(model.rpm.release) && !subs.has('modules-core')) missing.push('modules-core');
      }
      const differing = versioned.filter((p) => key(p) !== majority);
      if (differing.length === 0 && missing.length === 0) continue;
      const fix = rewriteAsSet(ctx, versioned, model, [...subs, ...missing]);
      if (differing.length > 0) {
        for (const p of differing) {
          out.push({
            code: this.code,
            severity: 'error',
            message: `${p.rpm.name} is ${key(p)} while the other kernel packages are ${majority}. Replace the whole installed kernel set at one VERSION-RELEASE.ARCH: mixed versions leave modules that do not match the kernel.`,
            range: p.word.range,
            fixes: fix ? [fix] : [],
          });
        }
      } else {
        const core = versioned.find((p) => p.kernel.subpackage === 'core')!;
        out.push({
          code: this.code,
          severity: 'warning',
          message: `${core.rpm.name} is replaced without ${missing.map((m) => `${model.kernel.base}-${m}`).join(' and ')}. rpm-ostree overrides exactly the packages named; the old modules stay and no longer match the kernel.`,
          range: core.word.range,
          fixes: fix ? [fix] : [],
        });
      }
    }
    return out;
  },
};

/** One brace-expanded word for the whole set at the majority version, in place of the kernel words. */
function rewriteAsSet(ctx: RuleContext, pkgs: (KernelPackageRef & { rpm: KernelRpm })[], model: KernelPackageRef & { rpm: KernelRpm }, subpackages: string[]) {
  const words: ShellWord[] = [];
  for (const p of pkgs) if (!words.includes(p.word)) words.push(p.word);
  const first = words[0];
  const value = model.value;
  const prefix = value.slice(0, value.length - fileName(value).length);
  if (/["'$`\\{}]/.test(prefix) && !/^[\w:/.%+-]*$/.test(prefix)) return undefined;
  const ordered = ORDER.filter((s) => subpackages.includes(s));
  const tail = `${model.rpm.versionRelease}${model.rpm.arch ? `.${model.rpm.arch}` : ''}${value.endsWith('.rpm') ? '.rpm' : ''}`;
  const names = ordered.map((s) => (s === '' ? '' : `${s}-`));
  const text = names.length === 1 ? `${prefix}${model.kernel.base}-${names[0]}${tail}` : `${prefix}${model.kernel.base}-{${names.join(',')}}${tail}`;
  const edits = [replaceWord(ctx, first, text)];
  let previousEnd = first.end;
  const fCmdWords = words.slice(1);
  for (const w of fCmdWords) {
    edits.push(deleteWord(ctx, w, previousEnd));
    previousEnd = w.end;
  }
  return { title: `Replace the whole kernel set at ${model.rpm.versionRelease}${model.rpm.arch ? `.${model.rpm.arch}` : ''}`, isPreferred: true, edits };
}
