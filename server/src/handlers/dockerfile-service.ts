// Generic Dockerfile features from rcjsuen's dockerfile-language-service (syntax errors,
// instruction completion and hover), with two upstream defects worked around:
// - a partial ValidatorSettings replaces the defaults, silencing every check it omits, so the full
//   default object is always passed (validator-settings.ts);
// - computeCodeActions mutates the diagnostics it is given, so it only ever sees copies.
// Validation runs in a worker thread when one is available (see dockerfile-validation-worker.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { sameRange } from '../engine';
import { VALIDATOR_SETTINGS } from './validator-settings';
import { CodeActionKind, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver-types';

export const DOCKERFILE_SOURCE = 'dockerfile-utils';

export { VALIDATOR_SETTINGS };

/** The bundled worker script beside the server bundle (absent when running from sources). */
export const WORKER_SCRIPT = join(__dirname, 'dockerfile-worker.js');

type Pending = { resolve: (d: Diagnostic[]) => void; text: string };

/** A worker that fails is started again, this many times per server. */
const WORKER_RESTARTS = 3;
/** A document this large is not validated on the server's thread (it would block it for seconds). */
const MAIN_THREAD_LIMIT = 256 * 1024;

export class DockerfileService {
  private readonly service = DockerfileLanguageServiceFactory.createLanguageService();
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private restarts = 0;
  /** The size of the smallest document the worker ran out of memory on: larger ones are not validated. */
  private tooLargeFrom = Infinity;

  constructor(
    snippetSupport: boolean,
    private readonly log: (message: string) => void = () => undefined,
    workerScript: string | null = existsSync(WORKER_SCRIPT) && process.env.LAYERLINT_GENERIC_WORKER !== '0' ? WORKER_SCRIPT : null,
  ) {
    this.service.setCapabilities({ completion: { completionItem: { snippetSupport } } });
    if (workerScript) this.startWorker(workerScript);
  }

  private startWorker(script: string): void {
    // A small young generation keeps the worker's memory down; its live data is one parse.
    const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 } });
    worker.unref();
    worker.on('message', (m: { id: number; diagnostics?: Diagnostic[]; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) this.log(`layerlint: generic Dockerfile validation failed: ${m.error}`);
      p.resolve(m.diagnostics ?? []);
    });
    const fail = (why: string, outOfMemory = false) => {
      if (this.worker !== worker) return;
      const restart = this.restarts++ < WORKER_RESTARTS;
      this.log(`layerlint: Dockerfile validation worker stopped (${why}); ${restart ? 'started again' : 'validating on the main thread'}`);
      this.worker = undefined;
      const pending = [...this.pending.values()];
      this.pending.clear();
      if (outOfMemory) this.tooLargeFrom = Math.min(this.tooLargeFrom, ...pending.map((p) => p.text.length));
      if (restart) this.startWorker(script);
      for (const p of pending) p.resolve(p.text.length >= MAIN_THREAD_LIMIT || p.text.length >= this.tooLargeFrom ? this.skipped(p.text) : this.validate(p.text));
    };
    worker.on('error', (e) => fail(String(e), (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'));
    worker.on('exit', (code) => fail(`exit ${code}`));
    this.worker = worker;
  }

  validate(text: string): Diagnostic[] {
    return this.service.validate(text, { ...VALIDATOR_SETTINGS }) as Diagnostic[];
  }

  /** No generic findings for a document too large to validate (said in the log). */
  private skipped(text: string): Diagnostic[] {
    this.log(`layerlint: generic Dockerfile diagnostics skipped for a document of ${(text.length / 1024 / 1024).toFixed(1)} MB (too large to validate)`);
    return [];
  }

  /** Whether validation runs in the worker thread (else on the main thread, after the analysis). */
  get usesWorker(): boolean {
    return this.worker !== undefined;
  }

  /** Validation off the main thread when the worker runs, so it overlaps the Layerlint analysis. */
  validateInBackground(text: string): Promise<Diagnostic[]> {
    if (text.length >= this.tooLargeFrom) return Promise.resolve(this.skipped(text));
    if (!this.worker) return Promise.resolve(this.validate(text));
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, text });
      this.worker!.postMessage({ id, text });
    });
  }

  /** Stops the worker; a stop asked for is no failure (nothing logged). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  /** Its fixes as WorkspaceEdit code actions (upstream returns server-side commands). */
  codeActions(uri: string, text: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const own = diagnostics.filter((d) => d.source === DOCKERFILE_SOURCE);
    if (!own.length) return [];
    const copies = own.map((d) => structuredClone(d));
    const actions: CodeAction[] = [];
    // Its bundled vscode-languageserver-types is older (string-only messages): same shapes.
    const context = { diagnostics: copies } as unknown as Parameters<typeof this.service.computeCodeActions>[2];
    for (const command of this.service.computeCodeActions({ uri }, range, context)) {
      const edits = this.service.computeCommandEdits(text, command.command, command.arguments ?? []);
      if (!edits.length) continue;
      const diagnostic = own[copies.findIndex((c) => sameRange(c.range, (command.arguments?.[1] as Range | undefined) ?? c.range))] ?? own[0];
      actions.push({ title: command.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: edits } } });
    }
    return actions;
  }

  /**
   * Instruction, flag and variable completion. Never inside a FROM image reference: upstream
   * completes tags there by querying Docker Hub, and the editor must not contact a registry unasked.
   */
  async completion(text: string, position: Position, inFromImage: boolean): Promise<CompletionItem[]> {
    if (inFromImage) return [];
    return (await this.service.computeCompletionItems(text, position)) as CompletionItem[];
  }

  hover(text: string, position: Position): Hover | null {
    return this.service.computeHover(text, position) as Hover | null;
  }
}
