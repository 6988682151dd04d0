// The platform check of a Containerfile text, for `layerlint lint --check-platforms`, `layerlint
// platforms` and the language server alike: the engine's FROM images → the registry checker →
// verdicts, which the engine's base-platform-* rules report (LintOptions.platformVerdicts) through
// the ignore comments and severities of every rule.
import { analyze, BASE_PLATFORM_CODES, extractFroms, type FromImage, type FromOptions, type LayerlintDiagnostic, type LintOptions, type PlatformVerdicts } from '../engine';
import type { ImageResult, ImageToCheck, PlatformChecker } from '../registry/check';

export interface TextPlatformCheck {
  froms: FromImage[];
  /** One per FROM image, in the same order. */
  results: ImageResult[];
  verdicts: PlatformVerdicts;
}

/** The images of a text to ask the registries about, and how their answers become the text's results. */
export interface PlannedCheck {
  froms: FromImage[];
  toCheck: ImageToCheck[];
  /** `checked`: the checker's results for `toCheck`, in order. */
  finish(checked: readonly ImageResult[]): TextPlatformCheck;
}

export function planTextCheck(text: string, options: FromOptions, path: string): PlannedCheck {
  const froms = extractFroms(text, options);
  const checkable = froms.filter((f) => !f.unresolved);
  return {
    froms,
    toCheck: checkable.map((f) => ({ image: f.image, platforms: f.platforms, source: { path, line: f.line + 1 } })),
    finish(checked) {
      const byFrom = new Map<FromImage, ImageResult>();
      checkable.forEach((f, i) => byFrom.set(f, checked[i]));
      const results = froms.map((f) => byFrom.get(f) ?? unresolvedResult(f, path));
      return { froms, results, verdicts: verdictsOf(froms, results, options.platforms) };
    },
  };
}

/** Checks the FROM images of a text; network results are cached by the checker's caches. */
export async function checkTextPlatforms(text: string, options: FromOptions, checker: PlatformChecker, path = '<text>', signal?: AbortSignal): Promise<TextPlatformCheck> {
  const plan = planTextCheck(text, options, path);
  return plan.finish(await checker.check(plan.toCheck, signal));
}

/** The check and its findings: the base-platform-* diagnostics of the text linted with the verdicts. */
export async function lintTextPlatforms(
  text: string,
  options: LintOptions & FromOptions,
  checker: PlatformChecker,
  path = '<text>',
  signal?: AbortSignal,
): Promise<TextPlatformCheck & { diagnostics: LayerlintDiagnostic[] }> {
  const checked = await checkTextPlatforms(text, options, checker, path, signal);
  return { ...checked, diagnostics: platformDiagnostics(analyze(text, { ...options, platformVerdicts: checked.verdicts }).diagnostics) };
}

/** The base-platform-* findings among a text's diagnostics. */
export function platformDiagnostics<T extends { code?: unknown }>(diagnostics: readonly T[]): T[] {
  return diagnostics.filter((d) => BASE_PLATFORM_CODES.includes(String(d.code)));
}

/** The verdicts by resolved image, as the engine looks them up on the FROM lines of a text. */
export function verdictsOf(froms: readonly FromImage[], results: readonly ImageResult[], platforms: readonly string[]): PlatformVerdicts {
  const images: Record<string, ImageResult> = Object.create(null);
  froms.forEach((f, i) => (images[f.image] = results[i]));
  return { platforms: [...platforms], images };
}

/** The result for a FROM whose image could not be resolved from ARGs. */
export function unresolvedResult(f: FromImage, path: string): ImageResult {
  const message = f.unresolved ?? 'unresolved';
  return {
    image: f.image || f.written,
    reference: null,
    source: { path, line: f.line + 1 },
    digest: null,
    mediaType: null,
    platforms: [],
    error: message,
    results: f.platforms.map((platform) => ({ platform, status: 'error', instance: null, message })),
    mislabeled: [],
    single: false,
  };
}
