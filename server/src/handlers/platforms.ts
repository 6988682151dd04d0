// `layerlint/checkPlatforms`: checks a document's FROM images against their registries and keeps
// the results, so that every later validation of the document shows them on the FROM lines (until
// the next check). A long-lived checker keeps the manifest caches: re-checking an unchanged file
// within the tag TTL costs no network.
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import { analyze, type PlatformVerdicts } from '../engine';
import { checkTextPlatforms, platformDiagnostics } from '../platform-check/check-text';
import { invalidPlatform } from '../reference/platform-name';
import { PlatformChecker, type CheckOptions } from '../registry/check';
import type { CheckPlatformsParams, CheckPlatformsResult, LayerlintSettings } from '../../../shared/protocol';
import type { ServerContext } from './context';
import { lintOptionsOf } from './settings';

export class PlatformResults {
  private checker?: PlatformChecker;
  private checkerKey = '';
  private readonly verdicts = new Map<string, PlatformVerdicts>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly baseOptions: CheckOptions = {},
  ) {}

  private checkerFor(settings: LayerlintSettings): PlatformChecker {
    const key = JSON.stringify([settings.insecureRegistries, settings.authFile]);
    if (!this.checker || key !== this.checkerKey) {
      void this.checker?.close();
      const env = settings.authFile ? { ...process.env, REGISTRY_AUTH_FILE: settings.authFile } : process.env;
      this.checker = new PlatformChecker({ ...this.baseOptions, env, insecureRegistries: [...(this.baseOptions.insecureRegistries ?? []), ...settings.insecureRegistries] });
      this.checkerKey = key;
    }
    return this.checker;
  }

  /** The verdicts of the last check of a document: its analysis reports them on the FROM lines of the current text. */
  verdictsFor(uri: string): PlatformVerdicts | undefined {
    return this.verdicts.get(uri);
  }

  forget(uri: string): void {
    this.verdicts.delete(uri);
  }

  async check(params: CheckPlatformsParams, token: CancellationToken): Promise<CheckPlatformsResult> {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? this.ctx.documents.get(uri) : undefined;
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `layerlint/checkPlatforms: no open document ${String(uri)}`);
    const settings = await this.ctx.settings.forUri(doc.uri);
    const platforms = params.platforms === undefined ? settings.platforms : params.platforms;
    if (!Array.isArray(platforms) || platforms.length === 0 || invalidPlatform(platforms)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `layerlint/checkPlatforms: platforms must be os/arch[/variant] strings, got ${JSON.stringify(platforms)}`);
    }
    const version = doc.version;
    // Cancelling the request aborts the registry requests under way and the Retry-After waits.
    const cancel = new AbortController();
    const onCancel = token.onCancellationRequested(() => cancel.abort());
    const text = doc.getText();
    let checked;
    try {
      checked = await checkTextPlatforms(text, { platforms, buildArgs: settings.buildArgs }, this.checkerFor(settings), doc.uri, cancel.signal);
    } finally {
      onCancel.dispose();
    }
    if (token.isCancellationRequested) throw new ResponseError(-32800 /* RequestCancelled */, 'layerlint/checkPlatforms cancelled');
    const { froms, results, verdicts } = checked;
    this.verdicts.set(doc.uri, verdicts);
    // The analysis with the verdicts is the one the next validation publishes (same version, same options).
    const options = lintOptionsOf(settings, verdicts);
    const current = this.ctx.documents.get(doc.uri);
    const analysis = current?.version === version ? this.ctx.analyses.get(current, options) : analyze(text, options);
    const diagnostics: Diagnostic[] = platformDiagnostics(analysis.diagnostics);
    return {
      uri: doc.uri,
      version,
      platforms,
      images: froms.map((f, i) => ({
        image: results[i].image,
        reference: results[i].reference,
        line: f.line,
        digest: results[i].digest,
        mediaType: results[i].mediaType,
        platforms: results[i].platforms,
        error: results[i].error,
        results: results[i].results,
      })),
      diagnostics,
    };
  }

  async close(): Promise<void> {
    await this.checker?.close();
  }
}
