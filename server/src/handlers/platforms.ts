// `layerlint/checkPlatforms`: checks a document's FROM images against their registries and keeps
// the results, so that every later validation of the document shows them on the FROM lines (until
// the next check). A long-lived checker keeps the manifest caches: re-checking an unchanged file
// within the tag TTL costs no network.
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import { PlatformChecker, type CheckOptions, type ImageResult } from '../registry/check';
import { checkContainerfileText, diagnosticsFor, finishPlatformDiagnostics } from '../registry/diagnostics';
import { extractFroms } from '../registry/froms';
import { parsePlatform } from '../registry/platform';
import type { CheckPlatformsParams, CheckPlatformsResult, LayerlintSettings } from '../../../shared/protocol';
import type { ServerContext } from './context';
import type { LayerlintDiagnostic } from '../engine';

interface Checked {
  platforms: string[];
  byImage: Map<string, ImageResult>;
}

export class PlatformResults {
  private checker?: PlatformChecker;
  private checkerKey = '';
  private readonly checked = new Map<string, Checked>();

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

  /** Diagnostics of the last check, placed on the FROM lines of the current text. */
  diagnosticsFor(uri: string, text: string, settings: LayerlintSettings): Diagnostic[] {
    const checked = this.checked.get(uri);
    if (!checked) return [];
    const out: LayerlintDiagnostic[] = [];
    for (const from of extractFroms(text, { platforms: checked.platforms, buildArgs: settings.buildArgs })) {
      const result = checked.byImage.get(from.image);
      if (result) out.push(...diagnosticsFor(from, result));
    }
    return finishPlatformDiagnostics(text, out, settings.severities);
  }

  forget(uri: string): void {
    this.checked.delete(uri);
  }

  async check(params: CheckPlatformsParams, token: CancellationToken): Promise<CheckPlatformsResult> {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? this.ctx.documents.get(uri) : undefined;
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `layerlint/checkPlatforms: no open document ${String(uri)}`);
    const settings = await this.ctx.settings.forUri(doc.uri);
    const platforms = params.platforms === undefined ? settings.platforms : params.platforms;
    if (!Array.isArray(platforms) || platforms.length === 0 || !platforms.every((p) => typeof p === 'string' && parsePlatform(p))) {
      throw new ResponseError(ErrorCodes.InvalidParams, `layerlint/checkPlatforms: platforms must be os/arch[/variant] strings, got ${JSON.stringify(platforms)}`);
    }
    const version = doc.version;
    // Cancelling the request aborts the registry requests under way and the Retry-After waits.
    const cancel = new AbortController();
    const onCancel = token.onCancellationRequested(() => cancel.abort());
    let checked;
    try {
      checked = await checkContainerfileText(doc.getText(), { platforms, buildArgs: settings.buildArgs, severities: settings.severities }, this.checkerFor(settings), doc.uri, cancel.signal);
    } finally {
      onCancel.dispose();
    }
    if (token.isCancellationRequested) throw new ResponseError(-32800 /* RequestCancelled */, 'layerlint/checkPlatforms cancelled');
    const { froms, results, diagnostics } = checked;
    const byImage = new Map<string, ImageResult>();
    froms.forEach((f, i) => byImage.set(f.image, results[i]));
    this.checked.set(doc.uri, { platforms, byImage });
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
