// Diagnostics as you type: debounced per document, published with the version they were computed
// for and dropped when a newer version arrived meanwhile. The Layerlint and platform-check findings
// are published as soon as the analysis is done; the generic Dockerfile findings, validated in a
// worker at the same time, are merged in when they arrive (until then, the previous version's,
// moved through the edit). `layerlint/validated` follows the complete publication.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { internalErrorSummary } from '../engine';
import type { ValidatedParams } from '../../../shared/protocol';
import { ValidatedNotification } from '../requests';
import { documentState, type ServerContext } from './context';
import { carryOver } from './carry-over';
import { forgetSharedParse } from './shared-parse';

/** Edits closer together than this are validated once, for the last of them. */
export const DEBOUNCE_MS = 15;
/**
 * From this size on, the Layerlint findings are published before the generic validation is awaited,
 * even on a document's first version: the worker takes seconds to minutes on such a file.
 */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRun = new Map<string, number>();
  /** The generic validation in the worker per document, last started (see genericInWorker). */
  private readonly genericRuns = new Map<string, Promise<void>>();
  /** Each document's last generic Dockerfile diagnostics and the text they are for. */
  private readonly lastGeneric = new Map<string, { text: string; diagnostics: Diagnostic[] }>();

  constructor(private readonly ctx: ServerContext) {}

  /**
   * Leading and trailing debounce: the first edit after a quiet period is validated at once (a
   * single keystroke should not wait), edits arriving within DEBOUNCE_MS of a validation are
   * coalesced into one run after the last of them.
   */
  schedule(uri: string): void {
    const pending = this.timers.get(uri);
    clearTimeout(pending);
    const sinceLast = performance.now() - (this.lastRun.get(uri) ?? -Infinity);
    const delay = pending === undefined && sinceLast >= DEBOUNCE_MS ? 0 : DEBOUNCE_MS;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.lastRun.set(uri, performance.now());
        void this.validate(uri);
      }, delay),
    );
  }

  scheduleAll(): void {
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri);
  }

  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.lastRun.delete(uri);
    this.lastGeneric.delete(uri);
  }

  /**
   * One generic validation per document in the worker at a time: a version waits for the one before
   * it, and is skipped (undefined) when a newer version arrived meanwhile. Typing faster than the
   * worker validates never builds a queue.
   */
  private genericInWorker(uri: string, version: number, text: string): Promise<Diagnostic[] | undefined> {
    const before = this.genericRuns.get(uri) ?? Promise.resolve();
    const run = before.then(() => (this.ctx.documents.get(uri)?.version === version ? this.ctx.dockerfile.validateInBackground(text) : undefined));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.genericRuns.set(uri, settled);
    void settled.then(() => {
      if (this.genericRuns.get(uri) === settled) this.genericRuns.delete(uri);
    });
    return run;
  }

  async validate(uri: string): Promise<void> {
    try {
      const started = performance.now();
      const settings = await this.ctx.settings.forUri(uri);
      const doc = this.ctx.documents.get(uri);
      if (!doc) return;
      // TextDocuments updates a document object in place: remember which version this run is for.
      const version = doc.version;
      const current = () => this.ctx.documents.get(uri)?.version === version;
      // In the worker, the generic validation overlaps the analysis; on this thread it comes after
      // it and reuses its dockerfile-ast parse (shared-parse.ts).
      const inWorker = this.ctx.dockerfile.usesWorker;
      let generic: Promise<Diagnostic[] | undefined> | undefined = settings.dockerfile.diagnostics && inWorker ? this.genericInWorker(uri, version, doc.getText()) : undefined;
      const state = await documentState(this.ctx, uri);
      if (!state || !current()) return;
      const { analysis } = state;
      const text = doc.getText();
      const large = text.length >= LARGE_DOCUMENT_CHARS;
      // On this thread, a large document's generic validation waits until its findings are out.
      const genericAfterPublishing = settings.dockerfile.diagnostics && !inWorker && large;
      if (settings.dockerfile.diagnostics && !inWorker && !large) {
        generic = this.ctx.dockerfile.validateInBackground(text);
        forgetSharedParse();
      }
      // Without `data`: code actions read the fixes from this version's analysis on the server, and
      // publishing every fix's edits would multiply the message size.
      const own: Diagnostic[] = [...analysis.internalErrors.map((e) => analysisFailed(e, text)), ...analysis.diagnostics.map(({ data: _fixes, ...d }) => d)];
      if (genericAfterPublishing) {
        const last = this.lastGeneric.get(uri);
        if (!current()) return;
        await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics: last ? [...own, ...carryOver(last.text, text, last.diagnostics)] : own });
        await new Promise((r) => setImmediate(r));
        if (!current()) return;
        generic = this.ctx.dockerfile.validateInBackground(text);
        forgetSharedParse();
      } else if (generic && inWorker) {
        // The worker usually finishes after the analysis: publish the Layerlint findings now, with
        // the previous version's generic findings moved through the edit, and again once this
        // version's generic findings arrive.
        const done = large ? false : await Promise.race([generic.then(() => true), new Promise<false>((r) => setImmediate(() => r(false)))]);
        const last = this.lastGeneric.get(uri);
        if (!done && (last || large)) {
          if (!current()) return;
          await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics: last ? [...own, ...carryOver(last.text, text, last.diagnostics)] : own });
        }
      }
      const genericDiagnostics = generic ? await generic : [];
      // Skipped: a newer version arrived before the worker got to this one; that version publishes.
      if (genericDiagnostics === undefined) return;
      if (generic) this.lastGeneric.set(uri, { text, diagnostics: genericDiagnostics });
      // A newer version may have arrived meanwhile: its own run publishes.
      if (!current()) return;
      const diagnostics = [...own, ...genericDiagnostics];
      await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics });
      const params: ValidatedParams = { uri, version, durationMs: Math.round((performance.now() - started) * 10) / 10, diagnostics: diagnostics.length };
      await this.ctx.connection.sendNotification(ValidatedNotification, params);
    } catch (e) {
      this.ctx.connection.console.error(`layerlint: validating ${uri} failed: ${(e as Error)?.stack ?? e}`);
    }
  }
}

/** An internal error shown where the user looks, on the first line: an empty list would read as "no findings". */
function analysisFailed(error: string, text: string): Diagnostic {
  const firstLine = /^[^\r\n]*/.exec(text)![0].length;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine } },
    severity: DiagnosticSeverity.Error,
    source: 'layerlint',
    message: `Layerlint could not analyse this file: ${internalErrorSummary(error)}`,
  };
}
