// The language client: runs the bundled server (dist/server.js) over Node IPC, restarts it with
// back-off when it crashes, answers `workspace/configuration` with the Docker-extension overrides,
// and reports the server state and `layerlint/validated` to the status bar.
import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  SERVER_NODE_OPTIONS,
  SETTINGS_SECTION,
  type CheckPlatformsParams,
  type CheckPlatformsResult,
  type LayerlintInitializationOptions,
  type RegistryHostsParams,
  type RuleSummary,
  type ValidatedParams,
} from '../../shared/protocol';
import { RestartBackoff } from './backoff';
import { CONFLICTING_EXTENSIONS, conflictKey, detectConflicts, type ConflictingExtension } from './conflicts';
import { CheckPlatformsRequest, RegistryHostsRequest, RulesRequest, ValidatedNotification } from './requests';
import { bundledDocFor, pagesUnder, withBundledDocLinks, type HasPage } from './rule-docs';
import { DOCUMENT_SELECTOR } from './selector';
import { mapConfigurationResult } from './settings';
import { userSet } from './user-set';
import type { ServerStatus } from './status';

export { DOCUMENT_SELECTOR } from './selector';

class BackoffErrorHandler implements ErrorHandler {
  readonly backoff = new RestartBackoff();

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly status: ServerStatus,
  ) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // Transport errors: keep the connection unless they pile up; a dead server ends in closed().
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  async closed(): Promise<CloseHandlerResult> {
    const delay = this.backoff.next();
    if (delay === undefined) {
      const message = `Layerlint: the language server crashed ${this.backoff.count} times in 3 minutes and will not be restarted. Run "Layerlint: Restart Server" after looking at the output.`;
      this.status.setState('failed', 'crashed repeatedly');
      this.output.appendLine(message);
      void vscode.window.showErrorMessage(message, 'Show Output').then((a) => a && this.output.show(true));
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.status.setState('restarting', `crash ${this.backoff.count}, restarting in ${delay} ms`);
    this.output.appendLine(`Layerlint: the language server stopped unexpectedly; restarting in ${delay} ms (crash ${this.backoff.count}).`);
    await new Promise((r) => setTimeout(r, delay));
    return { action: CloseAction.Restart, handled: true };
  }
}

export class LayerlintClient implements vscode.Disposable {
  client: LanguageClient | undefined;
  private conflicts: ConflictingExtension[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onValidatedEmitter = new vscode.EventEmitter<ValidatedParams>();
  readonly onValidated = this.onValidatedEmitter.event;
  private errorHandler: BackoffErrorHandler;
  private readonly hasPage: HasPage;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
    private readonly status: ServerStatus,
  ) {
    this.errorHandler = new BackoffErrorHandler(output, status);
    this.hasPage = pagesUnder(context.extensionPath);
    this.conflicts = this.detect();
    this.disposables.push(
      this.onValidatedEmitter,
      vscode.extensions.onDidChange(() => this.conflictsMayHaveChanged()),
    );
  }

  private detect(): ConflictingExtension[] {
    return detectConflicts((id) => vscode.extensions.getExtension(id));
  }

  /** Docker extensions installed/enabled or removed: have the server pull its settings again. */
  private conflictsMayHaveChanged(): void {
    const next = this.detect();
    if (conflictKey(next) === conflictKey(this.conflicts)) return;
    this.conflicts = next;
    this.logConflicts();
    if (this.client?.state === State.Running) void this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  }

  private logConflicts(): void {
    const names = this.conflicts.map((c) => `${c.name} (${c.id})`).join(', ');
    this.output.appendLine(
      this.conflicts.length
        ? `Layerlint: ${names} provides generic Dockerfile features; Layerlint's generic diagnostics, completion and hover are off.`
        : `Layerlint: no Docker extension (${CONFLICTING_EXTENSIONS.map((c) => c.id).join(', ')}); generic Dockerfile features follow layerlint.dockerfile.*.`,
    );
  }

  private create(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_OPTIONS } },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const initializationOptions: LayerlintInitializationOptions = {
      settings: mapConfigurationResult(
        [{ section: SETTINGS_SECTION }],
        [vscode.workspace.getConfiguration().get(SETTINGS_SECTION)],
        this.conflicts,
        userSet,
      )[0] as LayerlintInitializationOptions['settings'],
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.output,
      initializationOptions,
      errorHandler: this.errorHandler,
      middleware: {
        // Documentation links open the pages shipped in the extension, offline.
        handleDiagnostics: (uri, diagnostics, next) =>
          next(
            uri,
            diagnostics.map((d) => this.withBundledDocs(d)),
          ),
        provideHover: async (document, position, token, next) => {
          const hover = await next(document, position, token);
          const toUri = (segments: string[]) => vscode.Uri.joinPath(this.context.extensionUri, ...segments).toString();
          for (const c of hover?.contents ?? []) if (c instanceof vscode.MarkdownString) c.value = withBundledDocLinks(c.value, toUri, this.hasPage);
          return hover;
        },
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return mapConfigurationResult(params.items, result, this.conflicts, userSet);
          },
        },
      },
    };
    // The id `layerlint` makes the client honour `layerlint.trace.server`.
    return new LanguageClient('layerlint', 'Layerlint', serverOptions, clientOptions);
  }

  private withBundledDocs(d: vscode.Diagnostic): vscode.Diagnostic {
    if (d.source !== 'layerlint' || typeof d.code !== 'object' || !d.code.target) return d;
    const segments = bundledDocFor(d.code.target.toString(true), this.hasPage);
    if (segments) d.code = { value: d.code.value, target: vscode.Uri.joinPath(this.context.extensionUri, ...segments) };
    return d;
  }

  /** Starts the server (resolves when it is running, rejects when it cannot start). */
  async start(): Promise<void> {
    if (!this.client) {
      this.logConflicts();
      const client = this.create();
      this.client = client;
      this.disposables.push(
        client.onDidChangeState((e) => {
          if (e.newState === State.Running) this.status.setState('running');
          else if (e.newState === State.Starting) {
            if (this.status.current !== 'restarting') this.status.setState('starting');
          } else if (this.status.current !== 'failed' && this.status.current !== 'restarting') this.status.setState('stopped');
        }),
        client.onNotification(ValidatedNotification, (p) => {
          this.status.validated(p);
          this.onValidatedEmitter.fire(p);
        }),
      );
    }
    this.status.setState('starting');
    await this.client.start();
  }

  /** "Layerlint: Restart Server": also forgets earlier crashes. */
  async restart(): Promise<void> {
    this.errorHandler.backoff.reset();
    if (this.client && this.client.state !== State.Stopped) {
      this.status.setState('restarting', 'manual restart');
      await this.client.restart();
    } else {
      await this.start();
    }
  }

  private get started(): LanguageClient {
    if (!this.client) throw new Error('the language server is not running');
    return this.client;
  }

  /** The rules the server reports (`layerlint/rules`). */
  rules(): Promise<RuleSummary[]> {
    return this.started.sendRequest(RulesRequest);
  }

  /** `layerlint/checkPlatforms`. */
  checkPlatforms(params: CheckPlatformsParams, token: vscode.CancellationToken): Promise<CheckPlatformsResult> {
    return this.started.sendRequest(CheckPlatformsRequest, params, token);
  }

  /** The registries a platform check of the document contacts (`layerlint/registryHosts`). */
  registryHosts(params: RegistryHostsParams): Promise<string[]> {
    return this.started.sendRequest(RegistryHostsRequest, params);
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  async stop(): Promise<void> {
    if (this.client && this.client.state !== State.Stopped) await this.client.stop();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
