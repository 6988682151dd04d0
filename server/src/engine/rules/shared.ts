import type { CommandFacts } from '../analysis/facts';
import type { EditContext } from '../fixes/edits';
import type { Range } from 'vscode-languageserver-types';

/** From the command name to the verb: `rpm-ostree override replace`, `dnf install`. */
export function kernelChangeRange(ctx: EditContext, f: CommandFacts): Range {
  return ctx.lines.range(f.cmd.nameWord.start, f.kernelChange!.verbWord.end);
}

/** The kver the kernel change installs, when its packages name it. */
export function kernelChangeKver(f: CommandFacts): string | undefined {
  const pkgs = f.kernelChange!.packages.filter((p) => p.rpm?.kver);
  const core = pkgs.find((p) => p.kernel.subpackage === 'core') ?? pkgs[0];
  return core?.rpm?.kver;
}

/** The kver installed in the stage at a command (or by it, for a kernel change). */
export function stageKver(f: CommandFacts): string | undefined {
  return f.kernelChange ? kernelChangeKver(f) ?? f.before.kernel?.kver : f.before.kernel?.kver;
}
