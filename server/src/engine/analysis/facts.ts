// What each command of a stage does (kernel change, dracut, cliwrap, rpm-ostree verb) and the
// state it runs in (cliwrap on or not, which kernel is installed), in build order. A stage built
// FROM an earlier stage starts from that stage's final state.
import type { DracutInvocation } from '../dracut/invocation';
import { isDracut, parseDracut } from '../dracut/invocation';
import type { BaseInfo, RunModel, ShellCommand, Stage, Tristate } from '../model/types';
import { basename } from '../model/build';
import { kernelAfter, type InstalledKernel } from './installed-kernel';
import { opaqueCommand, type OpaqueCommand } from './opaque-commands';
import { isCliwrapInstall, kernelChange, removesKernel, rpmOstreeVerb, type KernelChange, type RpmOstreeVerb } from './package-commands';

export type { InstalledKernel };

export interface StateBefore {
  /** Is cliwrap on when this command runs? */
  cliwrap: Tristate;
  /** cliwrap was turned on by the base or an earlier RUN (not earlier in this RUN). */
  cliwrapBeforeThisRun: Tristate;
  /** The kernel a change in this stage (or the stages it is built from) installed; undefined: the base's. */
  kernel?: InstalledKernel;
  /** A script ran since the last kernel change that may have changed the kernel: its version is not known for certain. */
  kernelUncertain: boolean;
  kernelRemoved: boolean;
  /** /usr/lib/modules was emptied (after the old kernel was removed). */
  modulesCleared: boolean;
  /** The command that turned kernel-install (or rpm-ostree's hook for it) off, while it is off. */
  kernelInstallOff?: string;
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
  /** A script or other command whose effect is not visible here. */
  opaque?: OpaqueCommand;
  /** For a kernel change: the kernel installed after it. */
  kernelAfter?: InstalledKernel;
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

/** The facts of every stage, layered-image or not (`base` null for a plain builder stage). */
export interface AnyStageFacts {
  stage: Stage;
  base: BaseInfo | null;
  commands: CommandFacts[];
  /** The commands of each RUN of the stage. */
  byRun: Map<RunModel, CommandFacts[]>;
  /** Stages built FROM this one, directly or not. */
  descendants: StageFacts[];
}

interface State {
  cliwrap: Tristate;
  kernel?: InstalledKernel;
  kernelUncertain: boolean;
  kernelRemoved: boolean;
  modulesCleared: boolean;
  kernelInstallOff?: string;
}

/** The facts of every stage; `layered` keeps the stages of a layered-image family (what most rules read). */
export function collectFacts(stages: Stage[]): { layered: StageFacts[]; all: AnyStageFacts[] } {
  const endStates: (State | undefined)[] = [];
  const all: AnyStageFacts[] = [];
  for (const stage of stages) {
    const parentState = stage.parent !== undefined ? endStates[stage.parent] : undefined;
    const state: State = parentState ? { ...parentState } : { cliwrap: stage.base?.cliwrapOn ?? 'no', kernelUncertain: false, kernelRemoved: false, modulesCleared: false };
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
          before: { ...state, cliwrapBeforeThisRun },
        };
        facts.kernelChange = kernelChange(cmd, state);
        facts.rpmOstree = rpmOstreeVerb(cmd);
        facts.cliwrapInstall = isCliwrapInstall(cmd);
        facts.opaque = opaqueCommand(cmd);
        if (isDracut(cmd)) facts.dracut = parseDracut(cmd);
        commands.push(facts);
        runCommands.push(facts);
        if (facts.cliwrapInstall) state.cliwrap = 'yes';
        if (facts.removesKernel) state.kernelRemoved = true;
        if (facts.kernelChange && facts.kernelChange.packages.length > 0) {
          state.kernel = kernelAfter(facts.kernelChange, state);
          facts.kernelAfter = state.kernel;
          state.kernelUncertain = false;
          state.kernelRemoved = false;
          state.modulesCleared = false;
        }
        if (state.kernelRemoved && clearsModules(cmd)) state.modulesCleared = true;
        if (facts.opaque?.changesKernel) state.kernelUncertain = true;
        const hook = kernelInstallSwitch(cmd);
        if (hook === 'off') state.kernelInstallOff = commandText(cmd);
        else if (hook === 'on') state.kernelInstallOff = undefined;
      }
    }
    endStates.push(state);
    const stageFacts: AnyStageFacts = { stage, base: stage.base, commands, byRun, descendants: [] };
    all.push(stageFacts);
    if (stage.base) for (let p = stage.parent; p !== undefined; p = stages[p].parent) all[p].descendants.push(stageFacts as StageFacts);
  }
  return { layered: all.filter((s): s is StageFacts => s.base !== null), all };
}

const KERNEL_INSTALL_HOOK = /^\/(?:usr\/)?lib\/kernel\/install\.d\/05-rpmostree\.install$/;
const KERNEL_INSTALL = /^\/(?:usr\/)?s?bin\/kernel-install$/;
const NO_OP = /^\/(?:usr\/)?bin\/(?:true|false)$/;

/**
 * Turning kernel-install off around a kernel change (real cachyos swap scripts do it): moving or
 * removing rpm-ostree's kernel-install hook, or kernel-install itself, or linking it to `true`;
 * moving it back turns it on again.
 */
function kernelInstallSwitch(cmd: ShellCommand): 'off' | 'on' | undefined {
  const name = basename(cmd.name);
  const args = cmd.args.map((a) => a.values?.[0]).filter((v): v is string => v !== undefined && !v.startsWith('-'));
  const named = (v: string | undefined) => v !== undefined && (KERNEL_INSTALL_HOOK.test(v) || KERNEL_INSTALL.test(v));
  if (name === 'mv' && args.length === 2) return named(args[0]) ? 'off' : named(args[1]) ? 'on' : undefined;
  if (name === 'rm' && args.some(named)) return 'off';
  if (name === 'ln' && args.length === 2 && NO_OP.test(args[0]) && named(args[1])) return 'off';
  if (name === 'chmod' && cmd.args.some((a) => /^(?:a?-x|-x)$/.test(a.values?.[0] ?? '')) && args.some(named)) return 'off';
  return undefined;
}

function commandText(cmd: ShellCommand): string {
  return [cmd.nameWord.text, ...cmd.args.map((a) => a.text)].join(' ');
}

/** `rm -rf /usr/lib/modules/*` (or the directory itself). */
function clearsModules(cmd: ShellCommand): boolean {
  return basename(cmd.name) === 'rm' && cmd.args.some((a) => (a.values ?? []).some((v) => /^\/(?:usr\/)?lib\/modules(?:\/\*?)?$/.test(v)));
}

/** "2023.12" → comparable tuple; undefined when not a version. */
export function parseRpmOstreeVersion(v: string | undefined): [number, number] | undefined {
  const m = v ? /^v?(\d{4})\.(\d+)/.exec(v.trim()) : null;
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function versionAtLeast(v: [number, number], year: number, minor: number): boolean {
  return v[0] > year || (v[0] === year && v[1] >= minor);
}
