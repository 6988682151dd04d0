// `layerlint-language-server`: the rule engine over the Language Server Protocol (--stdio, --node-ipc
// or --socket=<port>). Wiring only; every judgement lives in the engine, every feature in handlers/.
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, initEngine, RULES } from './engine';
import { AnalysisCache } from './handlers/analysis-cache';
import { onCodeAction, onCodeActionResolve } from './handlers/code-actions';
import { onCompletion } from './handlers/completion';
import type { ServerContext } from './handlers/context';
import { DockerfileService } from './handlers/dockerfile-service';
import { onHover } from './handlers/hover';
import { PlatformResults } from './handlers/platforms';
import { onRegistryHosts } from './handlers/registry-hosts';
import { CONFIG_FILE_GLOB, ProjectConfigs } from './handlers/project-config';
import { SettingsStore } from './handlers/settings';
import { onDocumentSymbol, onFoldingRanges } from './handlers/symbols';
import { Validator } from './handlers/validation';
import { shareDockerfileParses } from './handlers/shared-parse';
import { setFlagsFromString } from 'node:v8';
import type { LayerlintInitializationOptions } from '../../shared/protocol';
import { CheckPlatformsRequest, RegistryHostsRequest, RulesRequest } from './requests';

declare const LAYERLINT_VERSION: string | undefined;
const VERSION = typeof LAYERLINT_VERSION === 'string' ? LAYERLINT_VERSION : 'dev';

const USAGE = `Usage: layerlint-language-server (--stdio | --node-ipc | --socket=<port>)

The Layerlint language server: live diagnostics, quick fixes, hover and completion for
Containerfiles of layered OS images, for any LSP client.
`;

/** Runs a request handler; a bug answers with an empty result and a log line, never a crash. */
function guard<P, R>(connection: Connection, method: string, fallback: R, handler: (params: P, token: CancellationToken) => Promise<R> | R) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      return await handler(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      connection.console.error(`layerlint: ${method} failed: ${(e as Error)?.stack ?? e}`);
      return fallback;
    }
  };
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let ctx: ServerContext | undefined;
  let validator: Validator | undefined;
  let platforms: PlatformResults | undefined;
  let dynamicConfiguration = false;
  let watchesFiles = false;
  let projectConfigs: ProjectConfigs | undefined;

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    await initEngine();
    const caps = params.capabilities;
    const init = (params.initializationOptions ?? {}) as LayerlintInitializationOptions;
    dynamicConfiguration = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
    watchesFiles = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    projectConfigs = new ProjectConfigs((problems) => {
      connection.console.error(`layerlint: configuration ignored:\n${problems}`);
      void connection.window.showWarningMessage(`Layerlint: configuration ignored: ${problems.split('\n')[0]}${problems.includes('\n') ? ' (more in the output)' : ''}`);
    });
    ctx = {
      connection,
      documents,
      settings: new SettingsStore(connection, Boolean(caps.workspace?.configuration), init.settings ?? {}, projectConfigs),
      analyses: new AnalysisCache((uri, message) => connection.console.error(`layerlint: internal error in ${uri}: ${message}`)),
      resolvesCodeActionEdits: Boolean(caps.textDocument?.codeAction?.resolveSupport?.properties?.includes('edit')),
      dockerfile: new DockerfileService(Boolean(caps.textDocument?.completion?.completionItem?.snippetSupport), (m) => connection.console.error(m)),
    };
    // Without the worker, the generic validation runs after the analysis on this thread and reuses its parse.
    if (!ctx.dockerfile.usesWorker) shareDockerfileParses();
    const results = new PlatformResults(ctx);
    platforms = results;
    ctx.platformVerdicts = (uri) => results.verdictsFor(uri);
    validator = new Validator(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', '=', ',', ' ', '$', '{'] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'layerlint-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'layerlint' });
    if (watchesFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_FILE_GLOB }] });
  });

  let shutDown = false;
  const ready = (): ServerContext => {
    // After `shutdown` only `exit` is expected (LSP: other requests are answered InvalidRequest).
    if (shutDown) throw new ResponseError(-32600 /* InvalidRequest */, 'layerlint: the server is shut down');
    if (!ctx) throw new ResponseError(-32002 /* ServerNotInitialized */, 'layerlint: server not initialized');
    return ctx;
  };

  documents.onDidOpen((e) => validator?.schedule(e.document.uri));
  documents.onDidChangeContent((e) => validator?.schedule(e.document.uri));
  documents.onDidClose((e) => {
    validator?.cancel(e.document.uri);
    ctx?.analyses.delete(e.document.uri);
    ctx?.settings.forget(e.document.uri);
    platforms?.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    ctx?.settings.changed(change?.settings);
    validator?.scheduleAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    projectConfigs?.changed();
    ctx?.settings.changed(undefined);
    validator?.scheduleAll();
  });

  connection.onCodeAction(guard(connection, 'codeAction', [], (p, token) => onCodeAction(ready(), p, token)));
  // On a failure the action comes back as it was (without an edit, the client applies nothing).
  connection.onCodeActionResolve((action, token) => guard(connection, 'codeAction/resolve', action, (p: CodeAction, t) => onCodeActionResolve(ready(), p, t))(action, token));
  connection.onHover(guard(connection, 'hover', null, (p) => onHover(ready(), p)));
  connection.onCompletion(guard(connection, 'completion', [], (p) => onCompletion(ready(), p)));
  connection.onDocumentSymbol(guard(connection, 'documentSymbol', [], (p, token) => onDocumentSymbol(ready(), p, token)));
  connection.onFoldingRanges(guard(connection, 'foldingRange', [], (p) => onFoldingRanges(ready(), p)));
  connection.onRequest(RulesRequest, () => RULES.map((r) => ({ code: r.code, defaultSeverity: r.defaultSeverity, title: r.title, registry: r.registry === true })));
  connection.onRequest(RegistryHostsRequest, (params) => onRegistryHosts(ready(), params));
  connection.onRequest(CheckPlatformsRequest, async (params, token) => {
    ready();
    const result = await platforms!.check(params, token);
    await validator!.validate(result.uri);
    return result;
  });

  connection.onShutdown(async () => {
    shutDown = true;
    await Promise.all([platforms?.close(), ctx?.dockerfile.close()]);
  });

  documents.listen(connection);
  connection.listen();
}

function main(argv: string[]): void {
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (argv.includes('--help') || argv.includes('-h') || !argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
    (argv.includes('--help') || argv.includes('-h') ? process.stdout : process.stderr).write(USAGE);
    if (!argv.includes('--help') && !argv.includes('-h')) process.exitCode = 2;
    return;
  }
  // The shell parser's wasm stays on V8's baseline compiler: optimising the 1.3 MB grammar competes
  // for the CPU with the edits being validated and holds tens of MB (p95 and RSS, npm run bench).
  setFlagsFromString('--liftoff-only');
  startServer(createConnection(ProposedFeatures.all));
}

if (require.main === module) main(process.argv.slice(2));
