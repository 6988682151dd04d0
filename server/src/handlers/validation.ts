// Diagnostics as you type: debounced per document, published with the version they were computed
// for and dropped when a newer version arrived meanwhile. Lint, generic Dockerfile and platform-check
// diagnostics are merged into one publication.
import type { Diagnostic } from 'vscode-languageserver/node';
import { VALIDATED, type ValidatedParams } from '../protocol';
import { documentState, type ServerContext } from './context';
import type { PlatformResults } from './platforms';

export const DEBOUNCE_MS = 15;

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly platforms: PlatformResults,
  ) {}

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, DEBOUNCE_MS),
    );
  }

  scheduleAll(): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  async validate(uri: string): Promise<void> {
    try {
      const started = performance.now();
      const state = await documentState(this.ctx, uri);
      if (!state) return;
      const { doc, settings, analysis } = state;
      const text = doc.getText();
      const diagnostics: Diagnostic[] = [...analysis.diagnostics];
      if (settings.dockerfile.diagnostics) diagnostics.push(...this.ctx.dockerfile.validate(text));
      diagnostics.push(...this.platforms.diagnosticsFor(uri, text, settings));
      // A newer version may have arrived while the settings were pulled: its own run publishes.
      if (this.ctx.documents.get(uri)?.version !== doc.version) return;
      await this.ctx.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
      const params: ValidatedParams = { uri, version: doc.version, durationMs: Math.round((performance.now() - started) * 10) / 10, diagnostics: diagnostics.length };
      await this.ctx.connection.sendNotification(VALIDATED, params);
    } catch (e) {
      this.ctx.connection.console.error(`layerlint: validating ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }
}
