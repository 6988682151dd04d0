// Commands whose effect the linter cannot see: scripts COPY'd or mounted into the build and run
// (`/ctx/build.sh`, `bash /tmp/x.sh`, `. ./env.sh`), commands named by a variable. After one of them,
// "no dracut call" or "this kernel is installed" is no longer known, so the rules claim less.
import { basename } from '../model/build';
import type { ShellCommand } from '../model/types';

export interface OpaqueCommand {
  /** The script or command as written. */
  name: string;
  /** Its name says it builds the initramfs (`/ctx/build-initramfs`, `dracut.sh`). */
  regenerates: boolean;
  /** Its name says it changes the kernel (`/ctx/install-kernel-akmods`). */
  changesKernel: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);
const SYSTEM_DIRS = /^\/(?:usr\/)?s?bin\/|^\/usr\/libexec\/|^\/usr\/local\/s?bin\//;
const RUNNERS = new Set(['make', 'just']);

export function opaqueCommand(cmd: ShellCommand): OpaqueCommand | undefined {
  const script = scriptOf(cmd);
  if (script === undefined) return undefined;
  return { name: script, regenerates: /initramfs|initrd|dracut/i.test(script), changesKernel: /kernel|kmod/i.test(script) };
}

function scriptOf(cmd: ShellCommand): string | undefined {
  if (cmd.nameWord.values === undefined) return cmd.nameWord.text;
  const name = cmd.name;
  const base = basename(name);
  if (SHELLS.has(base) || RUNNERS.has(base) || name === '.' || name === 'source') {
    if (cmd.args.some((a) => a.values?.[0] === '-c')) return undefined;
    const file = cmd.args.find((a) => !(a.values?.[0] ?? '').startsWith('-'));
    // `. /etc/os-release`: configuration read for its variables, not a build step.
    if (file && (name === '.' || name === 'source') && file.values?.every((v) => v.startsWith('/etc/'))) return undefined;
    if (file) return file.text;
    return base === 'make' || base === 'just' ? name : undefined;
  }
  if (name.includes('/') && !SYSTEM_DIRS.test(name)) return name;
  if (/\.(?:sh|bash|py)$/.test(name)) return name;
  return undefined;
}
