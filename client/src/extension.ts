// Entry point: wires the status bar, commands and code lenses. Activation returns at once: the
// language client (client.ts with vscode-languageclient) is a second bundle, dist/language-client.js,
// required after activate() has returned; the server then starts in the background. Only types cross
// the split (`import type`), so dist/extension.js stays small and cheap to load.
import * as vscode from 'vscode';
import type { CheckPlatformsResult } from '../../shared/protocol';
import type { LayerlintClient } from './client';
import { PlatformChecker, type CheckPlatformsArgs } from './commands/checkPlatforms';
import { showRuleDocumentation } from './commands/showRuleDocumentation';
import { FromCodeLensProvider } from './fromCodeLens';
import { pagesUnder } from './rule-docs';
import { DOCUMENT_SELECTOR } from './selector';
import { ServerStatus } from './status';

/** What `activate` returns (`vscode.extensions.getExtension('layerlint.layerlint').exports`), for tests. */
export interface LayerlintApi {
  /** Time spent in `activate`, in milliseconds. */
  activationMs: number;
  /** Resolves when the server is running (rejects if it cannot start). */
  serverReady: Promise<void>;
  checkPlatforms(args?: CheckPlatformsArgs): Promise<CheckPlatformsResult | undefined>;
}

type ClientModule = typeof import('./client');

/** The language-client bundle beside this one (scripts/build.mjs: external here, its own entry). */
function loadClientModule(): ClientModule {
  return require('./language-client.js') as ClientModule;
}

let lc: LayerlintClient | undefined;
let loading: Promise<LayerlintClient> | undefined;
let deactivated = false;

export function activate(context: vscode.ExtensionContext): LayerlintApi {
  const t0 = performance.now();
  deactivated = false;
  const output = vscode.window.createOutputChannel('Layerlint');
  const status = new ServerStatus();
  status.setState('starting');
  // After activate() has returned (a macrotask later, not a microtask): require the client bundle.
  const client = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    const { LayerlintClient } = loadClientModule();
    lc = new LayerlintClient(context, output, status);
    return lc;
  });
  loading = client;
  const lenses = new FromCodeLensProvider();
  // The checker reads the client only when a check runs, after the commands below awaited it.
  const checker = new PlatformChecker(
    {
      get running() {
        return lc?.running ?? false;
      },
      output,
      // Called only while the server runs (the checker asks `running` first).
      checkPlatforms: (params, token) => lc!.checkPlatforms(params, token),
      registryHosts: (params) => lc!.registryHosts(params),
    },
    lenses,
  );
  // After the server has started: the list is the server's (`layerlint/rules`).
  const rulesOfServer = async () => {
    await serverReady;
    return lc!.rules();
  };
  const checkPlatforms = async (args?: CheckPlatformsArgs | vscode.Uri) => {
    await client.catch(() => undefined);
    return checker.run(args);
  };
  context.subscriptions.push(
    output,
    status,
    { dispose: () => lc?.dispose() },
    lenses,
    checker,
    vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, lenses),
    vscode.commands.registerCommand('layerlint.checkPlatforms', checkPlatforms),
    vscode.commands.registerCommand('layerlint.showRuleDocumentation', (code?: string) => showRuleDocumentation(context.extensionUri, rulesOfServer, pagesUnder(context.extensionPath), code)),
    vscode.commands.registerCommand('layerlint.restartServer', async () => (await client).restart()),
    vscode.commands.registerCommand('layerlint.showOutput', () => output.show(true)),
  );
  const serverReady = client.then((c) => {
    if (deactivated) throw new Error('the extension was deactivated before the language server started');
    return c.start();
  });
  serverReady.catch((e) => {
    if (deactivated) return;
    status.setState('failed', 'could not start');
    output.appendLine(`Layerlint: the language server could not start: ${(e as Error)?.message ?? e}`);
  });
  const activationMs = performance.now() - t0;
  output.appendLine(`Layerlint ${context.extension.packageJSON.version}: activated in ${activationMs.toFixed(1)} ms`);
  void serverReady.then(
    () => output.appendLine(`Layerlint: language server running ${(performance.now() - t0).toFixed(0)} ms after activation`),
    () => undefined,
  );
  return { activationMs, serverReady, checkPlatforms: (args) => checkPlatforms(args) };
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  const c = await loading?.catch(() => undefined);
  await c?.stop();
  lc = undefined;
  loading = undefined;
}
