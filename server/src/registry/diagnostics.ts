// Platform-check results as LSP diagnostics on the FROM line (range = the image reference).
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { docsUrl } from '../engine/catalog';
import { SEVERITIES } from '../engine/severity';
import { applyIgnoreComments } from '../engine/suppression';
import { LineIndex } from '../engine/text/line-index';
import type { LayerlintDiagnostic, SeveritySetting } from '../engine/types';
import type { ImageResult, PlatformChecker } from './check';
import { extractFroms, type FromImage, type FromOptions } from './froms';

export const MISSING = 'base-platform-missing';
export const MISLABELED = 'base-platform-mislabeled';

function diagnostic(code: string, severity: DiagnosticSeverity, from: FromImage, message: string): LayerlintDiagnostic {
  return {
    range: from.range,
    severity,
    code,
    source: 'layerlint',
    codeDescription: { href: docsUrl(code) },
    message,
    data: { fixes: [] },
  };
}

function offers(result: ImageResult): string {
  if (result.platforms.length === 0) return 'it offers no platform';
  return `it offers ${result.platforms.join(', ')}${result.single ? ' only (a single-platform manifest, no list)' : ''}`;
}

/** Diagnostics for one FROM image and its check result. */
export function diagnosticsFor(from: FromImage, result: ImageResult): LayerlintDiagnostic[] {
  const out: LayerlintDiagnostic[] = [];
  if (result.error !== null) {
    out.push(diagnostic(MISSING, DiagnosticSeverity.Information, from, `Platforms of ${result.image} not checked: ${result.error}`));
    return out;
  }
  const hint = result.mislabeled.length
    ? ` The entr${result.mislabeled.length > 1 ? 'ies' : 'y'} labelled ${result.mislabeled.map((m) => `${m.label} (should be ${m.canonical})`).join(', ')} ${result.mislabeled.length > 1 ? 'are' : 'is'} matched by no runtime.`
    : '';
  for (const r of result.results) {
    if (r.status !== 'missing') continue;
    out.push(
      diagnostic(
        MISSING,
        DiagnosticSeverity.Error,
        from,
        `${result.image} has no instance for ${r.platform}; ${offers(result)}. CRI-O/Podman: ${r.message}${hint}`,
      ),
    );
  }
  for (const m of result.mislabeled) {
    out.push(
      diagnostic(
        MISLABELED,
        DiagnosticSeverity.Warning,
        from,
        `${result.image}: the ${result.single ? 'image config' : 'index entry'} labelled ${m.label} is matched by no runtime (containers/image compares platform names exactly); it should say ${m.canonical}. Tools that normalise names accept it, CRI-O and Podman do not.`,
      ),
    );
  }
  return out;
}

/**
 * What the text rules get too: `# layerlint ignore=` above the FROM, `# layerlint global ignore=`,
 * and per-rule severity overrides (`off` drops the diagnostic).
 */
export function finishPlatformDiagnostics(text: string, diagnostics: LayerlintDiagnostic[], severities: Record<string, SeveritySetting> = {}): LayerlintDiagnostic[] {
  const kept = applyIgnoreComments(new LineIndex(text), diagnostics).filter((d) => severities[String(d.code)] !== 'off');
  return kept.map((d) => {
    const override = severities[String(d.code)];
    return override && override !== 'off' ? { ...d, severity: SEVERITIES[override] } : d;
  });
}

export interface PlatformCheckOfText {
  froms: FromImage[];
  results: ImageResult[];
  diagnostics: LayerlintDiagnostic[];
}

/**
 * Checks the FROM images of a Containerfile text and returns the diagnostics (for the language server
 * and `lint --check-platforms`). Network results are cached by the checker's caches.
 */
export async function checkContainerfileText(
  text: string,
  options: FromOptions & { severities?: Record<string, SeveritySetting> },
  checker: PlatformChecker,
  path = '<text>',
  signal?: AbortSignal,
): Promise<PlatformCheckOfText> {
  const froms = extractFroms(text, options);
  const checkable = froms.filter((f) => !f.unresolved);
  const checked = await checker.check(
    checkable.map((f) => ({ image: f.image, platforms: f.platforms, source: { path, line: f.line + 1 } })),
    signal,
  );
  const byFrom = new Map<FromImage, ImageResult>();
  checkable.forEach((f, i) => byFrom.set(f, checked[i]));
  const results: ImageResult[] = [];
  const diagnostics: LayerlintDiagnostic[] = [];
  for (const f of froms) {
    const result = byFrom.get(f) ?? unresolvedResult(f, path);
    results.push(result);
    diagnostics.push(...diagnosticsFor(f, result));
  }
  return { froms, results, diagnostics: finishPlatformDiagnostics(text, diagnostics, options.severities) };
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
