// Completion: dracut options (dracut 059's table), kernel versions after --kver, rpm-ostree verbs
// that work in a container build, and rule codes in `# layerlint ignore=` comments.
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { StageFacts } from '../analysis/facts';
import { BUILD_VERBS, DAEMON_VERBS } from '../analysis/rpm-ostree-verbs';
import { RULES } from '../catalog';
import { isDracut } from '../dracut/invocation';
import { DRACUT_OPTIONS } from '../dracut/options';
import type { Analysis } from '../analyze';
import { initramfsPath } from '../kver';
import type { Stage } from '../model/types';
import { commandAt, runAt } from './locate';

const IGNORE_COMMENT = /^\s*#\s*layerlint\s+(?:global\s+)?ignore\s*=\s*([\w\s,-]*)$/;

function ignoreCodes(linePrefix: string): CompletionItem[] | undefined {
  const m = IGNORE_COMMENT.exec(linePrefix);
  if (!m) return undefined;
  const listed = new Set(m[1].split(/[\s,]+/).filter(Boolean));
  return RULES.filter((r) => !listed.has(r.code)).map((r) => ({
    label: r.code,
    kind: CompletionItemKind.Value,
    detail: r.title,
    documentation: { kind: MarkupKind.Markdown, value: r.summary },
  }));
}

/** Kernel versions the stage (and the stages it is built from) installs, newest change last. */
export function stageKvers(facts: StageFacts[], stage: Stage): string[] {
  const byStage = new Map(facts.map((f) => [f.stage, f]));
  const kvers: string[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent !== undefined ? facts.find((f) => f.stage.index === s!.parent)?.stage : undefined) {
    for (const c of byStage.get(s)?.commands ?? []) {
      for (const p of c.kernelChange?.packages ?? []) if (p.rpm?.kver && !kvers.includes(p.rpm.kver)) kvers.push(p.rpm.kver);
    }
  }
  return kvers;
}

function kverItems(kvers: string[]): CompletionItem[] {
  return kvers.map((kver, i) => ({
    label: kver,
    kind: CompletionItemKind.Value,
    detail: `kernel installed in this stage → ${initramfsPath(kver)}`,
    sortText: String(i).padStart(3, '0'),
  }));
}

function dracutOptionItems(): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const o of DRACUT_OPTIONS) {
    const documentation = { kind: MarkupKind.Markdown, value: `${o.description}${o.usedByRpmOstree ? '\n\nrpm-ostree uses this option when it regenerates an initramfs.' : ''}` };
    const detail = o.arity === 0 ? 'dracut option' : o.arity === 1 ? 'dracut option <value>' : 'dracut option <source> <target>';
    items.push({ label: `--${o.long}`, kind: CompletionItemKind.Property, detail, documentation, sortText: `${o.usedByRpmOstree ? 0 : 1}${o.long}` });
    if (o.short) items.push({ label: `-${o.short}`, kind: CompletionItemKind.Property, detail: `${detail} (--${o.long})`, documentation, sortText: `2${o.short}` });
  }
  return items;
}

function rpmOstreeVerbItems(sub: 'verb' | 'override'): CompletionItem[] {
  const verbs = Object.entries(BUILD_VERBS).filter(([v]) => (sub === 'override' ? v.startsWith('override ') : true));
  const items: CompletionItem[] = verbs.map(([v, doc]) => ({
    label: sub === 'override' ? v.slice('override '.length) : v,
    kind: CompletionItemKind.Function,
    detail: 'works in a container build',
    documentation: doc,
  }));
  // The cliwrap-deprecated rule warns on it: offered, but marked deprecated and last.
  for (const item of items) {
    if (item.label !== 'cliwrap install-to-root') continue;
    item.detail = 'deprecated: Layerlint warns on it (cliwrap-deprecated)';
    item.tags = [1];
    item.sortText = `y${item.label}`;
  }
  if (sub === 'verb') {
    for (const [v, instead] of Object.entries(DAEMON_VERBS)) {
      items.push({ label: v, kind: CompletionItemKind.Function, detail: 'needs the rpm-ostree daemon: fails in a build', documentation: `Instead, ${instead}.`, tags: [1], sortText: `z${v}` });
    }
  }
  return items;
}

/** `RUN `, `RUN rpm-`, `… && dra`: the cursor where a command name goes (on the RUN line). */
const COMMAND_NAME_AT_END = /^\s*RUN(?:\s+--\S+)*\s+(?:.*(?:&&|\|\||[;|(])\s*)?[\w./-]*$/i;
/** `$`, `${`, `$KV`, `${KV`: a variable name being typed. */
const VARIABLE_AT_END = /\$\{?[A-Za-z_0-9]*$/;

const COMMANDS: [string, string][] = [
  ['rpm-ostree', 'rpm-ostree: install, override replace/remove, cleanup (the verbs that work in a build)'],
  ['dracut', "build an initramfs (for the image's kernel, beside it in /usr/lib/modules/<kver>/)"],
  ['/usr/libexec/rpm-ostree/wrapped/dracut', 'the real dracut where cliwrap is on'],
  ['ostree container commit', 'the last step of a RUN on rpm-ostree-composed bases'],
  ['bootc container lint', 'the last step of a bootc Containerfile'],
  ['dnf', 'dnf: install, upgrade, swap packages (bootc bases)'],
  ['depmod', 'module dependency lists (depmod -a <kver>)'],
];

function commandItems(): CompletionItem[] {
  return COMMANDS.map(([label, detail]) => ({ label, kind: CompletionItemKind.Function, detail }));
}

/** The ARG and ENV names declared above the cursor (global ARGs and the current stage's). */
function variableItems(analysis: Analysis, p: Position): CompletionItem[] {
  const names = new Map<string, string>();
  const { lines } = analysis.document;
  const stage = analysis.model.stages.filter((s) => s.range.start.line <= p.line).pop();
  for (const i of analysis.document.instructions) {
    if (i.range.start.line >= p.line) break;
    if (i.keyword !== 'ARG' && i.keyword !== 'ENV') continue;
    if (i.stage !== undefined && i.stage !== stage?.index) continue;
    const args = lines.lineText(i.range.start.line).slice(i.range.start.character + i.keyword.length);
    // `ENV NAME value` (no `=`) declares its first word only.
    const declared = i.keyword === 'ENV' && !args.includes('=') ? [/^\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(args)?.[1]] : [...args.matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)/g)].map((m) => m[1]);
    for (const name of declared) if (name && !names.has(name)) names.set(name, i.keyword);
  }
  return [...names].map(([name, keyword]) => ({ label: name, kind: CompletionItemKind.Variable, detail: keyword }));
}

/** The text of the current line before the cursor. */
function linePrefix(analysis: Analysis, p: Position): string {
  const lines = analysis.document.lines;
  const start = lines.lineStart(p.line);
  return analysis.document.text.slice(start, Math.min(lines.offsetAt(p), lines.lineEnd(p.line)));
}

export function completion(analysis: Analysis, p: Position): CompletionItem[] {
  const prefix = linePrefix(analysis, p);
  const codes = ignoreCodes(prefix);
  if (codes) return codes;
  if (VARIABLE_AT_END.test(prefix)) return variableItems(analysis, p);
  if (COMMAND_NAME_AT_END.test(prefix)) return commandItems();
  const at = runAt(analysis, p);
  if (!at) return [];
  const offset = analysis.document.lines.offsetAt(p);
  const command = commandAt(at, offset, analysis.document.text, analysis.model.escapeChar);
  if (!command) return [];
  const before = command.args.filter((w) => w.end < offset);
  const current = command.args.find((w) => w.start <= offset && offset <= w.end);
  const typed = current ? analysis.document.text.slice(current.start, offset) : '';
  const previous = before.length ? before[before.length - 1].text : undefined;
  if (isDracut(command)) {
    if (previous === '--kver' || typed.startsWith('--kver=')) return kverItems(stageKvers(analysis.facts, at.stage));
    if (typed.startsWith('-') || !current) return dracutOptionItems();
    return [];
  }
  if (command.name === 'rpm-ostree') {
    const words = before.map((w) => w.text).filter((t) => !t.startsWith('-'));
    if (words.length === 0) return rpmOstreeVerbItems('verb');
    if (words.length === 1 && words[0] === 'override') return rpmOstreeVerbItems('override');
  }
  return [];
}
