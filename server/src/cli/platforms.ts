// `layerlint platforms`: which instance of every FROM image a runtime (containers/image) would pick for
// each target platform, or the exact error it would hit. Exit 0 all ok, 1 a target missing, 2 an image
// that could not be checked or a usage error / unreadable file.
import { readFileSync, statSync } from 'node:fs';
import { checkTextPlatforms, planTextCheck, type PlannedCheck } from '../platform-check/check-text';
import { invalidPlatform, targetPlatforms } from '../reference/platform-name';
import { PlatformChecker, type CheckOptions, type ImageResult } from '../registry/check';
import { parseReference } from '../registry/reference';
import { buildArgs, parse, UsageError } from './args';
import type { ExtraCheck } from './types';
import { terminalText } from './terminal-text';

export const PLATFORMS_USAGE = `Usage:
  layerlint platforms [--platform os/arch[/variant]]... [--format text|json] [--timeout SECONDS]
                      [--insecure-registry HOST]... [--build-arg NAME=VALUE]... <Containerfile|image-reference>...

For every FROM image (or image reference given) and every target platform (default linux/amd64 and
linux/arm64), shows the instance CRI-O/Podman/Buildah would pick, or the error they would fail with.
Exit status: 0 every target found, 1 some target missing, 2 an image could not be checked or usage error.
`;

export interface PlatformsIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

/** Validates `os/arch[/variant]` targets; throws UsageError. */
export function parseTargets(values: string[] | undefined): string[] {
  const targets = targetPlatforms(values);
  const invalid = invalidPlatform(targets);
  if (invalid) throw new UsageError(`--platform expects os/arch[/variant], got "${String(invalid.value)}"`);
  return targets;
}

/** The JSON document of `layerlint platforms --format json`. */
export function platformsJson(results: readonly ImageResult[]): string {
  const images = results.map((r) => ({
    image: r.image,
    reference: r.reference,
    source: r.source ? { path: r.source.path, line: r.source.line } : null,
    digest: r.digest,
    mediaType: r.mediaType,
    platforms: r.platforms,
    error: r.error,
    results: r.results.map((t) => ({ platform: t.platform, status: t.status, instance: t.instance, message: t.message })),
  }));
  return `${JSON.stringify({ version: 1, images }, null, 2)}\n`;
}

const KIND: Record<string, string> = {
  'application/vnd.oci.image.index.v1+json': 'OCI image index',
  'application/vnd.docker.distribution.manifest.list.v2+json': 'Docker manifest list',
  'application/vnd.oci.image.manifest.v1+json': 'OCI manifest, single platform',
  'application/vnd.docker.distribution.manifest.v2+json': 'Docker manifest, single platform',
};

/**
 * The text table: per image a header, then ✓/✗ per target with the runtime's exact error for misses.
 * Every line is printed with its control characters escaped (registry and FROM text included).
 */
export function platformsText(results: readonly ImageResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const where = r.source ? `  (${r.source.path}:${r.source.line})` : '';
    lines.push(`${r.image}${where}`);
    if (r.reference && r.reference !== r.image) lines.push(`  reference  ${r.reference}`);
    if (r.digest) lines.push(`  digest     ${r.digest} (${KIND[r.mediaType ?? ''] ?? r.mediaType})`);
    if (r.error === null) lines.push(`  offers     ${r.platforms.length ? r.platforms.join(', ') : '(nothing)'}`);
    const width = Math.max(...r.results.map((t) => t.platform.length), 8);
    for (const t of r.results) {
      const mark = t.status === 'ok' ? '✓' : '✗';
      const detail = t.status === 'ok' ? `${t.instance}  ${t.message}` : t.status === 'error' ? `not checked: ${t.message}` : t.message;
      lines.push(`  ${mark} ${t.platform.padEnd(width)}  ${detail}`);
    }
    for (const m of r.mislabeled) lines.push(`  ! ${m.label} is matched by no runtime (containers/image compares names exactly); it should be ${m.canonical}`);
    lines.push('');
  }
  const missing = results.filter((r) => r.results.some((t) => t.status === 'missing')).length;
  const errors = results.filter((r) => r.error !== null).length;
  lines.push(`${results.length} image${results.length === 1 ? '' : 's'}: ${results.length - missing - errors} ok, ${missing} missing a target platform, ${errors} not checked`);
  return `${lines.map(terminalText).join('\n')}\n`;
}

/** 0 all ok, 1 some target missing, 2 some image not checked. */
export function platformsExitCode(results: readonly ImageResult[]): number {
  if (results.some((r) => r.error !== null)) return 2;
  if (results.some((r) => r.results.some((t) => t.status === 'missing'))) return 1;
  return 0;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `layerlint platforms …`. `overrides` is for tests and embedders (cache directory, environment, …);
 * the command line wins for what it sets.
 */
export async function runPlatforms(argv: string[], io: PlatformsIo, overrides: CheckOptions = {}): Promise<number> {
  let values;
  let positionals: string[];
  let targets: string[];
  let args: Record<string, string>;
  let timeoutMs: number | undefined;
  try {
    ({ values, positionals } = parse(argv, {
      platform: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      timeout: { type: 'string' },
      'insecure-registry': { type: 'string', multiple: true },
      'build-arg': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    }));
    if (values.help) {
      io.stdout.write(PLATFORMS_USAGE);
      return 0;
    }
    if (!['text', 'json'].includes(values.format as string)) throw new UsageError(`--format must be text or json, got "${values.format}"`);
    targets = parseTargets(values.platform as string[] | undefined);
    args = buildArgs(values['build-arg'] as string[] | undefined);
    if (values.timeout !== undefined) {
      const s = Number(values.timeout);
      if (!(s > 0) || !Number.isFinite(s)) throw new UsageError(`--timeout expects a positive number of seconds, got "${values.timeout}"`);
      timeoutMs = s * 1000;
    }
    if (positionals.length === 0) throw new UsageError('no Containerfile or image reference given');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`layerlint platforms: ${e.message}\n\n${PLATFORMS_USAGE}`);
    return 2;
  }

  // Work list in argument order: Containerfiles expand to their FROM images.
  let unreadable = false;
  // A Containerfile's images, or an image reference given as is.
  const slots: Array<{ plan: PlannedCheck } | { image: string }> = [];
  for (const p of positionals) {
    if (await isFile(p)) {
      let text: string;
      try {
        text = readFileSync(p, 'utf8');
      } catch (e) {
        io.stderr.write(`layerlint: cannot read ${p}: ${(e as Error).message}\n`);
        unreadable = true;
        continue;
      }
      slots.push({ plan: planTextCheck(text, { platforms: targets, buildArgs: args }, p) });
      continue;
    }
    try {
      parseReference(p);
      slots.push({ image: p });
    } catch (e) {
      io.stderr.write(`layerlint: cannot read ${p}: no such file, and not an image reference (${(e as Error).message})\n`);
      unreadable = true;
    }
  }

  const insecure = [...(overrides.insecureRegistries ?? []), ...((values['insecure-registry'] as string[] | undefined) ?? [])];
  const checker = new PlatformChecker({ ...overrides, insecureRegistries: insecure, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
  let results: ImageResult[];
  try {
    // One check for every image of every argument: one network resolution per distinct reference.
    const toCheck = slots.flatMap((s) => ('plan' in s ? s.plan.toCheck : [{ image: s.image, platforms: targets, source: null }]));
    const checked = await checker.check(toCheck);
    let i = 0;
    results = slots.flatMap((s) => {
      const mine = checked.slice(i, (i += 'plan' in s ? s.plan.toCheck.length : 1));
      return 'plan' in s ? s.plan.finish(mine).results : mine;
    });
  } finally {
    await checker.close();
  }
  io.stdout.write(values.format === 'json' ? platformsJson(results) : platformsText(results));
  const code = platformsExitCode(results);
  return unreadable ? 2 : code;
}

/**
 * The platform check for `layerlint lint --check-platforms`: the verdicts on each file's FROM images,
 * which the engine reports as `base-platform-missing` / `base-platform-mislabeled`. Register it with
 * `registerPlatformCheck(lintPlatformCheck())` from cli/lint.ts.
 */
export function lintPlatformCheck(options: CheckOptions = {}): ExtraCheck {
  return async (files, { platforms, buildArgs: args }) => {
    const targets = parseTargets(platforms);
    const checker = new PlatformChecker(options);
    try {
      return await Promise.all(files.map(async (file) => (await checkTextPlatforms(file.text, { platforms: targets, buildArgs: args }, checker, file.path)).verdicts));
    } finally {
      await checker.close();
    }
  };
}
