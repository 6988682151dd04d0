// base-platform-missing and base-platform-mislabeled: the registry check's verdicts on the FROM
// images (LintOptions.platformVerdicts), on the image reference of each FROM line.
import { fromImages, type FromImage } from '../model/froms';
import type { PlatformVerdict } from '../types';
import type { Finding, Rule, RuleContext } from './rule';

export const BASE_PLATFORM_MISSING = 'base-platform-missing';
export const BASE_PLATFORM_MISLABELED = 'base-platform-mislabeled';
export const BASE_PLATFORM_CODES: readonly string[] = [BASE_PLATFORM_MISSING, BASE_PLATFORM_MISLABELED];

const judged = new WeakMap<RuleContext, Array<[FromImage, PlatformVerdict]>>();

/** Every FROM image of the text with the verdict on it (FROM images the check did not judge are left out). */
function verdictsOnFroms(ctx: RuleContext): Array<[FromImage, PlatformVerdict]> {
  let out = judged.get(ctx);
  if (out) return out;
  out = [];
  const verdicts = ctx.options.platformVerdicts;
  if (verdicts) {
    for (const from of fromImages(ctx.records, ctx.escapeChar, ctx.lines, { platforms: verdicts.platforms, buildArgs: ctx.options.buildArgs })) {
      if (Object.hasOwn(verdicts.images, from.image)) out.push([from, verdicts.images[from.image]]);
    }
  }
  judged.set(ctx, out);
  return out;
}

function offers(verdict: PlatformVerdict): string {
  if (verdict.platforms.length === 0) return 'it offers no platform';
  return `it offers ${verdict.platforms.join(', ')}${verdict.single ? ' only (a single-platform manifest, no list)' : ''}`;
}

function finding(code: string, severity: Finding['severity'], from: FromImage, message: string): Finding {
  return { code, severity, message, range: from.range, fixes: [] };
}

export const basePlatformMissing: Rule = {
  code: BASE_PLATFORM_MISSING,
  defaultSeverity: 'error',
  title: 'Base image has no instance for a target platform',
  summary: 'containers/image (CRI-O, Podman) would fail with "no image found in manifest list for architecture …".',
  registry: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const [from, verdict] of verdictsOnFroms(ctx)) {
      if (verdict.error !== null) {
        out.push(finding(BASE_PLATFORM_MISSING, 'information', from, `Platforms of ${verdict.image} not checked: ${verdict.error}`));
        continue;
      }
      const m = verdict.mislabeled;
      const hint = m.length
        ? ` The entr${m.length > 1 ? 'ies' : 'y'} labelled ${m.map((e) => `${e.label} (should be ${e.canonical})`).join(', ')} ${m.length > 1 ? 'are' : 'is'} matched by no runtime.`
        : '';
      for (const r of verdict.results) {
        if (r.status !== 'missing') continue;
        out.push(finding(BASE_PLATFORM_MISSING, 'error', from, `${verdict.image} has no instance for ${r.platform}; ${offers(verdict)}. CRI-O/Podman: ${r.message}${hint}`));
      }
    }
    return out;
  },
};

export const basePlatformMislabeled: Rule = {
  code: BASE_PLATFORM_MISLABELED,
  defaultSeverity: 'warning',
  title: 'Base image index entry with a non-canonical platform name',
  summary: 'Entries labelled aarch64, x86_64, armhf… are never matched by runtimes.',
  registry: true,
  check(ctx) {
    const out: Finding[] = [];
    for (const [from, verdict] of verdictsOnFroms(ctx)) {
      if (verdict.error !== null) continue;
      for (const m of verdict.mislabeled) {
        out.push(
          finding(
            BASE_PLATFORM_MISLABELED,
            'warning',
            from,
            `${verdict.image}: the ${verdict.single ? 'image config' : 'index entry'} labelled ${m.label} is matched by no runtime (containers/image compares platform names exactly); it should say ${m.canonical}. Tools that normalise names accept it, CRI-O and Podman do not.`,
          ),
        );
      }
    }
    return out;
  },
};
