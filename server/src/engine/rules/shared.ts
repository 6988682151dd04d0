import type { AnyStageFacts, CommandFacts } from '../analysis/facts';
import { kverText, type InstalledKernel, type KverText } from '../analysis/installed-kernel';
import type { EditContext } from '../fixes/edits';
import type { Range } from 'vscode-languageserver-types';

/** From the command name to the verb: `rpm-ostree override replace`, `dnf install`. */
export function kernelChangeRange(ctx: EditContext, f: CommandFacts): Range {
  return ctx.lines.range(f.cmd.nameWord.start, f.kernelChange!.verbWord.end);
}

/** The kver the kernel change installs, when its packages name it. */
export function kernelChangeKver(f: CommandFacts): string | undefined {
  return f.kernelAfter?.kver;
}

/** The kernel installed in the stage at a command (or by it, for a kernel change); undefined: the base image's. */
export function kernelAt(f: CommandFacts): InstalledKernel | undefined {
  return f.kernelAfter ?? f.before.kernel;
}

/**
 * The kver at a command as shell text for a fix: the literal where known, else read from a package
 * that is installed there. Undefined where nothing is known to print exactly that kernel's version
 * (then no fix is offered rather than one that breaks the build).
 */
export function kverTextAt(f: CommandFacts, stage: Pick<AnyStageFacts, 'base'>): KverText | undefined {
  return kverText(kernelAt(f), stage.base !== null);
}
