// Does the base regenerate the initramfs by itself after a kernel change, and the dracut command
// that regenerates it explicitly (what rpm-ostree itself runs).
import { WRAPPED_DRACUT } from '../dracut/invocation';
import type { BaseInfo, Tristate } from '../model/types';
import { versionAtLeast, type CommandFacts } from './facts';

export function regenerates(f: CommandFacts, base: BaseInfo, version: [number, number] | undefined): Tristate {
  const tool = f.kernelChange!.tool;
  // The kernel's %posttrans (kernel-install add) is what rpm-ostree and kernel-install answer.
  if (f.kernelChange!.noScripts) return 'no';
  // kernel-install (or rpm-ostree's hook for dnf) turned off when dnf ran: nothing answers %posttrans.
  if (tool !== 'rpm-ostree' && f.before.kernelInstallOff !== undefined) return 'no';
  const cliwrapBefore = f.before.cliwrap;
  if (version) {
    if (tool === 'rpm-ostree') {
      if (base.ostreeRepo === 'no') return 'no';
      if (versionAtLeast(version, 2024, 6)) return 'yes';
      if (versionAtLeast(version, 2022, 11)) return cliwrapBefore;
      return 'no';
    }
    return versionAtLeast(version, 2025, 1) ? base.dnfRegenerates : 'no';
  }
  // Where the base's behaviour is unknown, cliwrap enabled before this change (earlier in the same RUN
  // or in an earlier RUN; docs/rules/README.md, "Base image families") wrapped kernel-install: every
  // rpm-ostree that has cliwrap answers it (2022.11+; 2024.6+ does anyway).
  const cliwrapEarlierRun = tool === 'rpm-ostree' && cliwrapBefore === 'yes' && base.cliwrapOn !== 'yes';
  switch (base.family) {
    case 'okd-fcos':
      return 'no';
    case 'coreos-legacy':
      return tool === 'rpm-ostree' && cliwrapBefore === 'yes' ? 'yes' : 'no';
    case 'coreos':
      if (tool !== 'rpm-ostree') return 'unknown';
      return base.rpmOstreeRegenerates === 'unknown' && cliwrapEarlierRun ? 'yes' : base.rpmOstreeRegenerates;
    case 'bootc':
      return base.dnfRegenerates;
    default:
      return cliwrapEarlierRun ? 'yes' : 'unknown';
  }
}

/** A shell word for a kver or a path containing it, quoted when it holds a command substitution. */
export function shellWord(s: string): string {
  return s.includes('$') ? `"${s}"` : s;
}

export function initramfsPathWord(kver: string): string {
  return shellWord(`/usr/lib/modules/${kver}/initramfs.img`);
}

/** rpm-ostree's own regeneration command, invoked so that it reaches the real dracut. */
export function regenerationCommand(kver: string, cliwrapOn: boolean): string {
  const invoke = cliwrapOn ? WRAPPED_DRACUT : 'RPMOSTREE_CLIWRAP_SKIP=1 dracut';
  return `${invoke} --no-hostonly --kver ${shellWord(kver)} --reproducible -v --add ostree -f ${initramfsPathWord(kver)}`;
}
