// Text for the platform check (summary, Markdown report, output-channel table, code-lens titles)
// and the status bar. vscode-free.
import type { CheckPlatformsResult, PlatformImageResult, PlatformTargetResult, ValidatedParams } from '../../shared/protocol';
import { escapeControl, lensText, markdownCode as code, markdownText, notificationName as name } from './safeText';

export type Level = 'info' | 'warning' | 'error';

export interface Summary {
  level: Level;
  text: string;
  /** Image × platform pairs a runtime could not pull. */
  missing: number;
  /** Images or targets that could not be checked. */
  errors: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * One-line summary for the notification: only our own words, image names and platforms neutralised
 * (a notification renders `[label](command:…)` as a link that runs the command). What the registry
 * said goes to the output channel and the report.
 */
export function summarize(r: CheckPlatformsResult): Summary {
  const imgs = r.images;
  if (imgs.length === 0) return { level: 'info', text: 'No base image to check (only scratch or earlier stages).', missing: 0, errors: 0 };
  const missingPairs = imgs.flatMap((i) => i.results.filter((t) => t.status === 'missing').map((t) => ({ image: i, t })));
  const unchecked = imgs.filter((i) => i.error !== null || i.results.some((t) => t.status === 'error'));
  const parts: string[] = [];
  let level: Level = 'info';
  if (missingPairs.length > 0) {
    level = 'error';
    const missingImages = unique(missingPairs.map((p) => p.image));
    const platforms = unique(missingPairs.map((p) => name(p.t.platform))).join(', ');
    parts.push(
      missingImages.length === 1 ? `${name(missingImages[0].image)} has no instance for ${platforms}.` : `${missingImages.length} of ${imgs.length} base images lack a target platform (${platforms}).`,
    );
  }
  if (unchecked.length > 0) {
    if (level === 'info') level = 'warning';
    parts.push(
      unchecked.length === 1 && imgs.length === 1
        ? `${name(unchecked[0].image)} could not be checked (the reason is in the report).`
        : `${plural(unchecked.length, 'base image')} could not be checked.`,
    );
  }
  if (parts.length === 0) {
    parts.push(`${imgs.length === 1 ? name(imgs[0].image) : plural(imgs.length, 'base image')} ${imgs.length === 1 ? 'has' : 'have'} instances for ${r.platforms.map(name).join(', ')}.`);
  }
  return { level, text: parts.join(' '), missing: missingPairs.length, errors: unchecked.length };
}

const shortDigest = (d: string | null) => (d ? d.replace(/^sha256:([0-9a-f]{12})[0-9a-f]*$/, 'sha256:$1…') : '');
/** A table cell: `|` would end it (inside code spans too). Its parts are escaped already. */
const cell = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');

function targetCell(t: PlatformTargetResult | undefined): string {
  if (!t) return '—';
  if (t.status === 'ok') return `✅ ${t.instance ? code(shortDigest(t.instance)) : 'ok'}`;
  if (t.status === 'missing') return '❌ missing';
  return '⚠️ error';
}

export interface ReportContext {
  /** How the document is named in the title (workspace-relative path). */
  document: string;
  /** When the check ran. */
  date: Date;
}

const timestamp = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(d)}`;
const pad = (n: number) => String(n).padStart(2, '0');
export const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** The readable report: a table per target platform, then the details of every image. */
export function markdownReport(r: CheckPlatformsResult, ctx: ReportContext): string {
  const s = summarize(r);
  const out: string[] = [];
  out.push(`# Base image platforms: ${markdownText(ctx.document)}`, '');
  out.push(`Checked ${timestamp(ctx.date)} for ${r.platforms.map(code).join(', ')} (document version ${r.version}).`, '');
  out.push(`**${s.level === 'error' ? '❌' : s.level === 'warning' ? '⚠️' : '✅'} ${markdownText(s.text)}**`, '');
  if (r.images.length === 0) return out.join('\n') + '\n';
  out.push(`| Line | Image | ${r.platforms.map(markdownText).join(' | ')} |`);
  out.push(`|---:|---|${r.platforms.map(() => '---').join('|')}|`);
  for (const i of r.images) {
    const cells = r.platforms.map((p) => (i.error ? '⚠️ not checked' : targetCell(i.results.find((t) => t.platform === p))));
    out.push(`| ${i.line + 1} | ${cell(code(i.image))} | ${cells.map(cell).join(' | ')} |`);
  }
  out.push('', '## Details', '');
  for (const i of r.images) {
    out.push(`### Line ${i.line + 1}: ${code(i.image)}`, '');
    if (i.reference && i.reference !== i.image) out.push(`- Reference: ${code(i.reference)}`);
    if (i.digest) out.push(`- Digest: ${code(i.digest)}${i.mediaType ? ` (${code(i.mediaType)})` : ''}`);
    if (i.error) out.push(`- Not checked: ${code(i.error)}`);
    else out.push(`- Offers: ${i.platforms.length ? i.platforms.map(code).join(', ') : 'no platform information'}`);
    for (const t of i.results) {
      const what = t.status === 'ok' ? 'ok' : t.status === 'missing' ? '**missing**' : '**error**';
      out.push(`- ${code(t.platform)}: ${what}${t.instance ? `, instance ${code(t.instance)}` : ''}${t.status !== 'ok' && t.message ? `: ${code(t.message)}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** A fixed-width table for the output channel, then the runtime messages of the misses (control characters escaped). */
export function outputTable(r: CheckPlatformsResult, ctx: ReportContext): string {
  const header = ['LINE', 'IMAGE', ...r.platforms];
  const rows = r.images.map((i) => [
    String(i.line + 1),
    i.image,
    ...r.platforms.map((p) => {
      if (i.error) return 'not checked';
      const t = i.results.find((x) => x.platform === p);
      if (!t) return '-';
      return t.status === 'ok' ? `ok ${shortDigest(t.instance)}`.trim() : t.status.toUpperCase();
    }),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row
      .map((v, c) => v.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  const out = [`[${timestamp(ctx.date)}] ${ctx.document}: ${summarize(r).text}`];
  if (rows.length) out.push(line(header), ...rows.map(line));
  for (const i of r.images) {
    if (i.error) out.push(`  line ${i.line + 1} ${i.image}: ${i.error}`);
    for (const t of i.results) if (t.status !== 'ok') out.push(`  line ${i.line + 1} ${i.image} ${t.platform}: ${t.message}`);
  }
  return out.map(escapeControl).join('\n');
}

/** The code lens above a FROM line: one entry per checked platform. */
export function lensTitle(i: PlatformImageResult): string {
  if (i.error) return `$(warning) platforms not checked: ${lensText(i.error.length > 80 ? `${i.error.slice(0, 79)}…` : i.error)}`;
  if (i.results.length === 0) return '$(info) no target platform checked';
  return i.results
    .map((t) => (t.status === 'ok' ? `$(check) ${lensText(t.platform)}` : t.status === 'missing' ? `$(error) ${lensText(t.platform)} missing` : `$(warning) ${lensText(t.platform)} error`))
    .join('  ');
}

/** The status-bar tooltip line for the last `layerlint/validated`. */
export function describeValidation(v: ValidatedParams, at: Date): string {
  const name = decodeURIComponent(v.uri.replace(/[?#].*$/, '').replace(/^.*\//, '')) || v.uri;
  return `Last validation: ${name} (v${v.version}) at ${clock(at)}, ${v.durationMs.toFixed(v.durationMs < 10 ? 1 : 0)} ms, ${plural(v.diagnostics, 'problem')}`;
}
