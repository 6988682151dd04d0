// Recognises package-manager and rpm-ostree commands: which verb, which kernel packages.
import { basename } from '../model/build';
import type { ShellCommand, ShellWord } from '../model/types';
import { parseKernelGlob, parseKernelPackageName, parseKernelRpm, type KernelPackageName, type KernelRpm } from '../kver';

export interface KernelPackageRef {
  word: ShellWord;
  value: string;
  kernel: KernelPackageName;
  /** Parsed NEVRA when the spec names a version (file, URL, versioned package spec). */
  rpm: KernelRpm | null;
  /** A glob (`/tmp/rpms/kernel-*.rpm`): which packages and versions it matches is not known. */
  glob: boolean;
}

export interface KernelChange {
  tool: 'rpm-ostree' | 'dnf' | 'rpm';
  /** Words from the command name to the verb (`rpm-ostree override replace`), for the range. */
  verbWord: ShellWord;
  verb: string;
  /** The kernel packages the command installs. */
  packages: KernelPackageRef[];
  /** The kernel packages the same command removes (`override remove …`, `--remove`, `dnf swap <old>`). */
  removed: KernelPackageRef[];
  /** Replaces the installed kernel (override replace, dnf swap, rpm -U, install after a removal) rather than adding one. */
  replaces: boolean;
  /** The package scriptlets do not run (`--setopt=tsflags=noscripts`, `rpm --noscripts`): nothing regenerates the initramfs. */
  noScripts?: boolean;
}

/** What the stage did before the command: a removed kernel makes the next install a replacement. */
export interface KernelContext {
  kernelRemoved: boolean;
}

export interface RpmOstreeVerb {
  verb: string;
  verbWord: ShellWord;
  sub?: string;
  subWord?: ShellWord;
  /** Non-option arguments after the verb (and sub-verb). */
  operands: ShellWord[];
  /** Values of `--install` in `override remove/replace`. */
  installs: ShellWord[];
  /** Values of `--remove` in `override replace`. */
  removes: ShellWord[];
}

const value = (w: ShellWord | undefined): string | undefined => (w?.values?.length === 1 ? w.values[0] : undefined);

const RPM_OSTREE_VALUE_OPTIONS = new Set(['--install', '--from', '--uninstall', '--remove', '--replace', '--sysroot', '--os', '--repo']);

export function rpmOstreeVerb(cmd: ShellCommand): RpmOstreeVerb | undefined {
  if (basename(cmd.name) !== 'rpm-ostree') return undefined;
  const args = cmd.args;
  let i = 0;
  while (i < args.length && (value(args[i]) ?? '').startsWith('-')) i++;
  const verbWord = args[i];
  const verb = value(verbWord);
  if (!verbWord || verb === undefined) return undefined;
  const result: RpmOstreeVerb = { verb, verbWord, operands: [], installs: [], removes: [] };
  i++;
  if (verb === 'override' || verb === 'cliwrap' || verb === 'ex' || verb === 'initramfs-etc' || verb === 'compose') {
    while (i < args.length && (value(args[i]) ?? '').startsWith('-')) i++;
    if (i < args.length) {
      result.sub = value(args[i]);
      result.subWord = args[i];
      i++;
    }
  }
  for (; i < args.length; i++) {
    const v = value(args[i]);
    if (v === undefined) {
      result.operands.push(args[i]);
    } else if (v.startsWith('--install=')) {
      result.installs.push(args[i]);
    } else if (v.startsWith('--remove=')) {
      result.removes.push(args[i]);
    } else if (RPM_OSTREE_VALUE_OPTIONS.has(v)) {
      if (v === '--install' && args[i + 1]) result.installs.push(args[i + 1]);
      if (v === '--remove' && args[i + 1]) result.removes.push(args[i + 1]);
      i++;
    } else if (!v.startsWith('-')) {
      result.operands.push(args[i]);
    }
  }
  return result;
}

export function isCliwrapInstall(cmd: ShellCommand): RpmOstreeVerb | undefined {
  const v = rpmOstreeVerb(cmd);
  return v && v.verb === 'cliwrap' && v.sub === 'install-to-root' ? v : undefined;
}

const DNF = new Set(['dnf', 'dnf5', 'yum', 'microdnf', 'dnf4']);
const DNF_VALUE_OPTIONS = new Set([
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '--setopt',
  '--releasever',
  '--installroot',
  '--repofrompath',
  '-x',
  '--exclude',
  '--forcearch',
  '-c',
  '--config',
  '--disableplugin',
  '--enableplugin',
  '--comment',
  '--downloaddir',
  '--destdir',
  '--color',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--rpmverbosity',
  '--from-repo',
  '--use-host-config',
]);
const DNF_CHANGE_VERBS = new Set(['install', 'in', 'localinstall', 'upgrade', 'update', 'up', 'swap', 'reinstall', 'distro-sync', 'dsync', 'downgrade', 'down']);
// Verbs that take the installed kernel's place rather than installing one beside it.
const DNF_REPLACING_VERBS = new Set(['swap', 'reinstall', 'distro-sync', 'dsync', 'downgrade', 'down']);
const DNF_REMOVE_VERBS = new Set(['remove', 'erase', 'rm']);

interface DnfCommand {
  verb: string;
  verbWord: ShellWord;
  operands: ShellWord[];
}

export function dnfCommand(cmd: ShellCommand): DnfCommand | undefined {
  if (!DNF.has(basename(cmd.name))) return undefined;
  let verb: DnfCommand | undefined;
  const args = cmd.args;
  for (let i = 0; i < args.length; i++) {
    const v = value(args[i]);
    if (v !== undefined && v.startsWith('-')) {
      if (DNF_VALUE_OPTIONS.has(v)) i++;
      continue;
    }
    if (!verb) {
      if (v === undefined) return undefined;
      verb = { verb: v, verbWord: args[i], operands: [] };
    } else verb.operands.push(args[i]);
  }
  return verb;
}

function rpmMode(cmd: ShellCommand): { mode: 'install' | 'upgrade' | 'erase'; word: ShellWord } | undefined {
  if (basename(cmd.name) !== 'rpm') return undefined;
  for (const w of cmd.args) {
    const v = value(w);
    if (!v) continue;
    if (v === '--install') return { mode: 'install', word: w };
    if (v === '--upgrade' || v === '--freshen') return { mode: 'upgrade', word: w };
    if (v === '--erase') return { mode: 'erase', word: w };
    if (/^-[a-zA-Z]+$/.test(v) && !/[q]/.test(v)) {
      if (/e/.test(v)) return { mode: 'erase', word: w };
      if (/[UF]/.test(v)) return { mode: 'upgrade', word: w };
      if (/i/.test(v)) return { mode: 'install', word: w };
    }
  }
  return undefined;
}

/**
 * The kernel packages named by some words (files, URLs, names, versioned specs, globs). Names that
 * are a kernel only in place of the installed one (`kernel-cachyos`, `kernel-*.rpm`) count only when
 * `asReplacement`.
 */
export function kernelPackages(words: ShellWord[], asReplacement = false): KernelPackageRef[] {
  const out: KernelPackageRef[] = [];
  for (const word of words) {
    for (const raw of word.values ?? []) {
      const v = raw.startsWith('--install=') || raw.startsWith('--remove=') ? raw.slice(raw.indexOf('=') + 1) : raw;
      const rpm = parseKernelRpm(v);
      const glob = rpm ? null : parseKernelGlob(v);
      const kernel = rpm?.kernel ?? glob ?? parseKernelPackageName(v);
      if (!kernel || (kernel.onlyAsReplacement && !asReplacement)) continue;
      out.push({ word, value: v, kernel, rpm, glob: glob !== null });
    }
  }
  return out;
}

/** Removing these takes the installed kernel out: its meta or core package, or a glob over the set. */
export function removesInstalledKernel(removed: KernelPackageRef[]): boolean {
  return removed.some((p) => p.kernel.subpackage === '' || p.kernel.subpackage === 'core' || p.kernel.subpackage === '*');
}

export function kernelChange(cmd: ShellCommand, context: KernelContext = { kernelRemoved: false }): KernelChange | undefined {
  const ro = rpmOstreeVerb(cmd);
  if (ro) {
    if (ro.verb === 'override' && (ro.sub === 'replace' || ro.sub === 'remove') && ro.subWord) {
      const removed = kernelPackages(ro.sub === 'remove' ? ro.operands : ro.removes, true);
      const inPlace = context.kernelRemoved || removesInstalledKernel(removed) || ro.sub === 'replace';
      const packages = kernelPackages(ro.sub === 'replace' ? [...ro.operands, ...ro.installs] : ro.installs, inPlace);
      if (packages.length === 0 && removed.length === 0) return undefined;
      return { tool: 'rpm-ostree', verb: `override ${ro.sub}`, verbWord: ro.subWord, packages, removed, replaces: true };
    }
    if (ro.verb === 'install') {
      const packages = kernelPackages(ro.operands, context.kernelRemoved);
      if (packages.length === 0) return undefined;
      return { tool: 'rpm-ostree', verb: 'install', verbWord: ro.verbWord, packages, removed: [], replaces: context.kernelRemoved };
    }
    return undefined;
  }
  const dnf = dnfCommand(cmd);
  if (dnf && DNF_CHANGE_VERBS.has(dnf.verb)) {
    const removed = dnf.verb === 'swap' ? kernelPackages(dnf.operands.slice(0, 1), true) : [];
    const inPlace = context.kernelRemoved || removesInstalledKernel(removed) || DNF_REPLACING_VERBS.has(dnf.verb);
    const packages = kernelPackages(dnf.verb === 'swap' ? dnf.operands.slice(1) : dnf.operands, inPlace);
    if (packages.length === 0) return undefined;
    return { tool: 'dnf', verb: dnf.verb, verbWord: dnf.verbWord, packages, removed, replaces: inPlace, noScripts: skipsScriptlets(cmd) };
  }
  const rpm = rpmMode(cmd);
  if (rpm && rpm.mode !== 'erase') {
    const inPlace = context.kernelRemoved || rpm.mode === 'upgrade';
    const packages = kernelPackages(
      cmd.args.filter((w) => w !== rpm.word && (value(w) ?? '').endsWith('.rpm')),
      inPlace,
    );
    if (packages.length === 0) return undefined;
    return { tool: 'rpm', verb: rpm.mode, verbWord: rpm.word, packages, removed: [], replaces: inPlace, noScripts: skipsScriptlets(cmd) };
  }
  return undefined;
}

/** `--setopt=tsflags=noscripts`, `--setopt tsflags=noscripts`, `rpm --noscripts|--noposttrans`. */
function skipsScriptlets(cmd: ShellCommand): boolean {
  return cmd.args.some((w, i) => {
    const v = value(w) ?? '';
    if (v === '--noscripts' || v === '--no-scripts' || v === '--noposttrans') return true;
    const setopt = v.startsWith('--setopt=') ? v.slice('--setopt='.length) : v === '--setopt' ? (value(cmd.args[i + 1]) ?? '') : '';
    return /^tsflags=(?:\S*,)?noscripts\b/.test(setopt);
  });
}

/** `dnf remove kernel…`, `rpm -e kernel…`, `rpm-ostree override remove kernel…`, `dnf swap kernel …`: the installed kernel is gone. */
export function removesKernel(cmd: ShellCommand): boolean {
  const ro = rpmOstreeVerb(cmd);
  if (ro) {
    if (ro.verb !== 'override') return false;
    if (ro.sub === 'remove') return removesInstalledKernel(kernelPackages(ro.operands, true));
    return ro.sub === 'replace' && removesInstalledKernel(kernelPackages(ro.removes, true));
  }
  const dnf = dnfCommand(cmd);
  if (dnf) {
    if (dnf.verb === 'swap') return removesInstalledKernel(kernelPackages(dnf.operands.slice(0, 1), true));
    return DNF_REMOVE_VERBS.has(dnf.verb) && removesInstalledKernel(kernelPackages(dnf.operands, true));
  }
  const rpm = rpmMode(cmd);
  return rpm?.mode === 'erase' && removesInstalledKernel(kernelPackages(cmd.args, true));
}
