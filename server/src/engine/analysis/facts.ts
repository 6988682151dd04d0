// What each command of a stage does (kernel change, dracut, cliwrap, rpm-ostree verb) and the
// state it runs in (cliwrap on or not, which kernel is installed), in build order. A stage built
// FROM an earlier stage starts from that stage's final state.
import type { DracutInvocation } from '../dracut/invocation';
import { isDracut, parseDracut } from '../dracut/invocation';
import type { BaseInfo, RunModel, ShellCommand, Stage, Tristate } from '../model/types';
import { isCliwrapInstall, kernelChange, removesKernel, rpmOstreeVerb, type KernelChange, type RpmOstreeVerb } from './package-commands';

export interface InstalledKernel {
  /** VERSION-RELEASE.ARCH when known. */
  kver?: string;
  /** VERSION-RELEASE when known (the arch may not be: `dnf install kernel-6.5.5-200.fc38`). */
  versionRelease?: string;
  change: CommandFacts;
}

export interface StateBefore {
  /** Is cliwrap on when this command runs? */
  cliwrap: Tristate;
  /** cliwrap was turned on by the base or an earlier RUN (not earlier in this RUN). */
  cliwrapBeforeThisRun: Tristate;
  kernel?: InstalledKernel;
  kernelRemoved: boolean;
}

export interface CommandFacts {
  stage: Stage;
  run: RunModel;
  cmd: ShellCommand;
  kernelChange?: KernelChange;
  dracut?: DracutInvocation;
  cliwrapInstall?: RpmOstreeVerb;
  rpmOstree?: RpmOstreeVerb;
  removesKernel: boolean;
  before: StateBefore;
}

export interface StageFacts {
  stage: Stage;
  base: BaseInfo;
  commands: CommandFacts[];
  /** The commands of each RUN of the stage. */
  byRun: Map<RunModel, CommandFacts[]>;
  /** Stages built FROM this one, directly or not. */
  descendants: StageFacts[];
}

interface State {
  cliwrap: Tristate;
  kernel?: InstalledKernel;
  kernelRemoved: boolean;
}

export function collectFacts(stages: Stage[]): StageFacts[] {
  const endStates: (State | undefined)[] = [];
  const all: (StageFacts | undefined)[] = [];
  for (const stage of stages) {
    const parentState = stage.parent !== undefined ? endStates[stage.parent] : undefined;
    const state: State = parentState ? { ...parentState } : { cliwrap: stage.base?.cliwrapOn ?? 'no', kernelRemoved: false };
    const commands: CommandFacts[] = [];
    const byRun = new Map<RunModel, CommandFacts[]>();
    for (const run of stage.runs) {
      const runCommands: CommandFacts[] = [];
      byRun.set(run, runCommands);
      const cliwrapBeforeThisRun = state.cliwrap;
      for (const cmd of run.commands) {
        if (cmd.inSubstitution) continue;
        const facts: CommandFacts = {
          stage,
          run,
          cmd,
          removesKernel: removesKernel(cmd),
          before: { cliwrap: state.cliwrap, cliwrapBeforeThisRun, kernel: state.kernel, kernelRemoved: state.kernelRemoved },
        };
        facts.kernelChange = kernelChange(cmd);
        facts.rpmOstree = rpmOstreeVerb(cmd);
        facts.cliwrapInstall = isCliwrapInstall(cmd);
        if (isDracut(cmd)) facts.dracut = parseDracut(cmd);
        commands.push(facts);
        runCommands.push(facts);
        if (facts.cliwrapInstall) state.cliwrap = 'yes';
        if (facts.removesKernel) state.kernelRemoved = true;
        if (facts.kernelChange) state.kernel = installedBy(facts) ?? state.kernel;
      }
    }
    endStates.push(state);
    const stageFacts = stage.base ? { stage, base: stage.base, commands, byRun, descendants: [] } : undefined;
    all.push(stageFacts);
    for (let p = stage.parent; p !== undefined; p = stages[p].parent) {
      if (stageFacts) all[p]?.descendants.push(stageFacts);
    }
  }
  return all.filter((s): s is StageFacts => s !== undefined);
}

function installedBy(facts: CommandFacts): InstalledKernel | undefined {
  const pkgs = facts.kernelChange!.packages.filter((p) => p.rpm);
  if (pkgs.length === 0) return undefined;
  const core = pkgs.find((p) => p.kernel.subpackage === 'core') ?? pkgs[0];
  return { kver: core.rpm!.kver, versionRelease: core.rpm!.versionRelease, change: facts };
}

/** "2023.12" → comparable tuple; undefined when not a version. */
export function parseRpmOstreeVersion(v: string | undefined): [number, number] | undefined {
  const m = v ? /^v?(\d{4})\.(\d+)/.exec(v.trim()) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function versionAtLeast(v: [number, number], year: number, minor: number): boolean {
  return v[0] > year || (v[0] === year && v[1] >= minor);
}
