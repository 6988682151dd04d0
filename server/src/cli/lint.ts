// `layerlint lint`: lints files, prints text / JSON / SARIF, exits 0 (clean), 1 (error finding), 2 (usage, unreadable).
import { analyze, initEngine, internalErrorSummary, type PlatformVerdicts } from '../engine';
import { buildArgs, parse, UsageError } from './args';
import { discoverFiles } from './discover';
import { fixFile } from './fix';
import { LINT_HELP } from './help';
import { readInputs } from './inputs';
import { failsAt, parseFailureThreshold } from './failure-threshold';
import { ConfigError, environmentSettings, severityOverrides, SettingsResolver, type FileSettings } from './lint-settings';
import { parseReportFormat, renderReport, type ReportFormat } from './report';
import { USAGE } from './usage';
import { parseTargets } from './platforms';
import type { ExtraCheck, Io, LintedFile } from './types';

let platformCheck: ExtraCheck | undefined;
export function registerPlatformCheck(check: ExtraCheck): void {
  platformCheck = check;
}

export async function runLint(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  let positionals: string[];
  let format: ReportFormat;
  let settings: SettingsResolver;
  try {
    ({ values, positionals } = parse(argv, {
      format: { type: 'string' },
      'build-arg': { type: 'string', multiple: true },
      'rpm-ostree-version': { type: 'string' },
      'show-fixes': { type: 'boolean' },
      'check-platforms': { type: 'boolean' },
      platform: { type: 'string', multiple: true },
      'failure-threshold': { type: 'string' },
      'stdin-filename': { type: 'string' },
      config: { type: 'string' },
      severity: { type: 'string', multiple: true },
      ignore: { type: 'string', multiple: true },
      fix: { type: 'boolean' },
      'no-ignore-comments': { type: 'boolean' },
      debug: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    }));
    if (values.help) {
      io.stdout.write(LINT_HELP);
      return 0;
    }
    if (values.fix && positionals.includes('-')) throw new UsageError('--fix cannot write standard input back (--show-fixes prints the fixes as diffs)');
    format = parseReportFormat((values.format as string | undefined) ?? env.LAYERLINT_FORMAT ?? 'text');
    const fromEnv = environmentSettings(env);
    const rpmOstreeVersion = values['rpm-ostree-version'] as string | undefined;
    if (rpmOstreeVersion !== undefined && !/^\d{4}\.\d+/.test(rpmOstreeVersion)) {
      throw new UsageError(`--rpm-ostree-version expects a version like 2023.12, got "${rpmOstreeVersion}"`);
    }
    if (values['check-platforms'] && !platformCheck) throw new UsageError('--check-platforms is not available in this build');
    const flags = severityOverrides((values.severity as string[] | undefined) ?? [], (values.ignore as string[] | undefined) ?? [], { severity: '--severity', ignore: '--ignore' });
    settings = new SettingsResolver({
      configPath: (values.config as string | undefined) ?? fromEnv.configPath,
      severities: { ...fromEnv.severities, ...flags },
      failureThreshold: values['failure-threshold'] !== undefined ? parseFailureThreshold(values['failure-threshold'] as string) : fromEnv.failureThreshold,
      buildArgs: buildArgs(values['build-arg'] as string[] | undefined),
      rpmOstreeVersion,
      platforms: values.platform ? parseTargets(values.platform as string[]) : undefined,
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`layerlint lint: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  await initEngine();
  const discovery = discoverFiles(positionals);
  for (const arg of discovery.unmatched) io.stderr.write(`layerlint: no Containerfile found for ${arg}\n`);
  const read = await readInputs(discovery.paths, io);
  const failed = read.failed || discovery.unmatched.length > 0;
  const stdinName = values['stdin-filename'] as string | undefined;
  const inputs = stdinName === undefined ? read.inputs : read.inputs.map((i) => (i.path === '-' ? { ...i, path: stdinName } : i));
  const perFile = new Map<LintedFile, FileSettings>();
  let unwritable = false;
  const debug = Boolean(values.debug) || Boolean(env.LAYERLINT_DEBUG);
  const files: LintedFile[] = [];
  let configured: Array<{ input: (typeof inputs)[number]; settings: FileSettings }>;
  try {
    // Standard input's configuration is searched from where --stdin-filename puts it, else from here.
    configured = inputs.map((input) => ({ input, settings: input.path === '-' ? settings.forDirectory('.') : settings.forFile(input.path) }));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const problem of e.problems) io.stderr.write(`layerlint: ${problem}\n`);
    return 2;
  }
  const verdicts = values['check-platforms'] && platformCheck ? await checkPlatforms(platformCheck, configured) : new Map<unknown, PlatformVerdicts>();
  for (const { input, settings: fileSettings } of configured) {
    if (values['no-ignore-comments']) fileSettings.options.ignoreComments = false;
    const platformVerdicts = verdicts.get(input);
    const options = platformVerdicts ? { ...fileSettings.options, platformVerdicts } : fileSettings.options;
    let analysis = analyze(input.text, options);
    if (values.fix) {
      const fixed = fixFile(input, options, analysis, io);
      if (fixed === 'unwritable') unwritable = true;
      else if (fixed) {
        input.text = fixed.text;
        analysis = fixed.analysis;
      }
    }
    const internalErrors = analysis.internalErrors.map(internalErrorSummary);
    for (const [i, err] of analysis.internalErrors.entries()) {
      io.stderr.write(`layerlint: ${input.path}: internal error, the file was not fully analysed: ${debug ? err : internalErrors[i]}\n`);
    }
    const file: LintedFile = { path: input.path, text: input.text, diagnostics: analysis.diagnostics, ...(internalErrors.length > 0 ? { internalErrors } : {}) };
    perFile.set(file, fileSettings);
    files.push(file);
  }
  const fails = (file: LintedFile, severity: number) => failsAt(perFile.get(file)?.failureThreshold ?? 'error')(severity);
  io.stdout.write(renderReport(format, files, io.stdout, { showFixes: Boolean(values['show-fixes']), fails }));
  if (failed || unwritable || files.some((f) => f.internalErrors)) return 2;
  return files.some((f) => f.diagnostics.some((d) => fails(f, d.severity))) ? 1 : 0;
}

/** The platform verdicts per input: one check per distinct target list and build arguments (files under different configurations). */
async function checkPlatforms<T extends { path: string; text: string }>(check: ExtraCheck, configured: Array<{ input: T; settings: FileSettings }>): Promise<Map<T, PlatformVerdicts>> {
  const groups = new Map<string, { platforms: string[]; buildArgs: Record<string, string>; inputs: T[] }>();
  for (const { input, settings } of configured) {
    const platforms = parseTargets(settings.platforms);
    const buildArgs = settings.options.buildArgs ?? {};
    const key = JSON.stringify([platforms, settings.options.buildArgs]);
    const group = groups.get(key) ?? { platforms, buildArgs, inputs: [] };
    group.inputs.push(input);
    groups.set(key, group);
  }
  const out = new Map<T, PlatformVerdicts>();
  for (const group of groups.values()) {
    const verdicts = await check(group.inputs, { platforms: group.platforms, buildArgs: group.buildArgs });
    group.inputs.forEach((input, i) => out.set(input, verdicts[i]));
  }
  return out;
}
