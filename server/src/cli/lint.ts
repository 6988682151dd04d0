// `layerlint lint`: lints files, prints text / JSON / SARIF, exits 0 (clean), 1 (error finding), 2 (usage, unreadable).
import { analyze, initEngine, type LayerlintDiagnostic, type LintOptions } from '../engine';
import { buildArgs, parse, UsageError } from './args';
import { discoverFiles } from './discover';
import { readInputs } from './inputs';
import type { Io } from './main';
import { failsAt, parseFailureThreshold, type FailureThreshold } from './failure-threshold';
import { parseReportFormat, renderReport, type ReportFormat } from './report';
import { USAGE } from './usage';
import { parseTargets } from './platforms';

export interface LintedFile {
  path: string;
  text: string;
  diagnostics: LayerlintDiagnostic[];
}

/** Extra diagnostics for the lint command (the registry platform check plugs in here). */
export type ExtraCheck = (files: LintedFile[], options: { platforms: string[]; buildArgs: Record<string, string> }) => Promise<void>;
let platformCheck: ExtraCheck | undefined;
export function registerPlatformCheck(check: ExtraCheck): void {
  platformCheck = check;
}

export async function runLint(argv: string[], io: Io): Promise<number> {
  let values;
  let positionals: string[];
  let options: LintOptions;
  let platforms: string[];
  let format: ReportFormat;
  let threshold: FailureThreshold;
  try {
    ({ values, positionals } = parse(argv, {
      format: { type: 'string', default: 'text' },
      'build-arg': { type: 'string', multiple: true },
      'rpm-ostree-version': { type: 'string' },
      'show-fixes': { type: 'boolean' },
      'check-platforms': { type: 'boolean' },
      platform: { type: 'string', multiple: true },
      'failure-threshold': { type: 'string' },
      'stdin-filename': { type: 'string' },
    }));
    format = parseReportFormat(values.format as string);
    threshold = parseFailureThreshold(values['failure-threshold'] as string | undefined);
    options = { buildArgs: buildArgs(values['build-arg'] as string[] | undefined), rpmOstreeVersion: values['rpm-ostree-version'] as string | undefined };
    if (options.rpmOstreeVersion !== undefined && !/^\d{4}\.\d+/.test(options.rpmOstreeVersion)) {
      throw new UsageError(`--rpm-ostree-version expects a version like 2023.12, got "${options.rpmOstreeVersion}"`);
    }
    if (values['check-platforms'] && !platformCheck) throw new UsageError('--check-platforms is not available in this build');
    platforms = parseTargets(values.platform as string[] | undefined);
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
  const files: LintedFile[] = inputs.map((input) => {
    const analysis = analyze(input.text, options);
    for (const err of analysis.internalErrors) io.stderr.write(`layerlint: internal error while linting ${input.path}: ${err}\n`);
    return { path: input.path, text: input.text, diagnostics: analysis.diagnostics };
  });
  if (values['check-platforms'] && platformCheck) {
    await platformCheck(files, { platforms, buildArgs: options.buildArgs ?? {} });
  }
  const fails = failsAt(threshold);
  io.stdout.write(renderReport(format, files, io.stdout, { showFixes: Boolean(values['show-fixes']), fails }));
  if (failed) return 2;
  return files.some((f) => f.diagnostics.some((d) => fails(d.severity))) ? 1 : 0;
}
