import type { CommandFacts, StageFacts } from '../analysis/facts';
import type { DracutArg, DracutInvocation } from '../dracut/invocation';
import { hasHostKver, IMAGE_KVER } from '../kver';
import { commandsOf, type RuleContext } from './rule';
import { kverTextAt } from './shared';

/** dracut calls that build an initramfs, in layered-image stages. */
export function* dracutCalls(ctx: RuleContext): Generator<[DracutInvocation, CommandFacts, import('../analysis/facts').StageFacts]> {
  for (const [f, stage] of commandsOf(ctx)) if (f.dracut?.builds) yield [f.dracut, f, stage];
}

export type KverKind = 'unknown' | 'host' | 'image' | 'literal';

export function kverKind(value: string | undefined): KverKind {
  if (value === undefined) return 'unknown';
  if (hasHostKver(value)) return 'host';
  if (value.includes(IMAGE_KVER)) return value === IMAGE_KVER ? 'image' : 'unknown';
  return value.includes('\u0001') ? 'unknown' : 'literal';
}

/** The kver as shell text for a path next to this dracut call: its own kver word, else the stage's. */
export function kverTextFor(inv: DracutInvocation, f: CommandFacts, stage: StageFacts): string | undefined {
  const own = inv.kver;
  if (own && kverKind(own.value) !== 'host') return unquote(own.word.text.slice(own.offsetInWord));
  return kverTextAt(f, stage)?.text;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.length >= 2 && s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s;
}

/**
 * dracut reads the base's configuration (bootc's 10-bootc-base.conf: hostonly=no, ostree added):
 * the base ships it and the call does not point dracut at other configuration.
 */
export function baseDracutConfigApplies(inv: DracutInvocation, stage: StageFacts): boolean {
  return stage.base.dracutConfigured === 'yes' && !inv.options.some((o) => o.option.long === 'conf' || o.option.long === 'confdir');
}

export const INITRAMFS_RE = /^\/(?:usr\/)?lib\/modules\/([^/]+)\/initramfs\.img$/;

export function argRange(ctx: RuleContext, arg: DracutArg) {
  return ctx.lines.range(arg.word.start + arg.offsetInWord, arg.word.end);
}
