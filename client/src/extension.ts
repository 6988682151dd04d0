// Entry point: wires the language client, status bar, commands and code lenses. Activation returns
// at once; the server starts in the background.
import * as vscode from 'vscode';
import type { CheckPlatformsResult } from '../../server/src/protocol';
import { LayerlintClient } from './client';
import { PlatformChecker, type CheckPlatformsArgs } from './commands/checkPlatforms';
import { showRuleDocumentation } from './commands/showRuleDocumentation';
import { FromCodeLensProvider } from './fromCodeLens';
import { ServerStatus } from './status';

/** What `activate` returns (`vscode.extensions.getExtension('layerlint.layerlint').exports`), for tests. */
export interface LayerlintApi {
  /** Time spent in `activate`, in milliseconds. */
  activationMs: number;
  /** Resolves when the server is running (rejects if it cannot start). */
  serverReady: Promise<void>;
  checkPlatforms(args?: CheckPlatformsArgs): Promise<CheckPlatformsResult | undefined>;
}

let lc: LayerlintClient | undefined;

export function activate(context: vscode.ExtensionContext): LayerlintApi {
  const t0 = performance.now();
  const output = vscode.window.createOutputChannel('Layerlint');
  const status = new ServerStatus();
  lc = new LayerlintClient(context, output, status);
  const lenses = new FromCodeLensProvider();
  const checker = new PlatformChecker(lc, lenses);
  const client = lc;
  context.subscriptions.push(
    output,
    status,
    client,
    lenses,
    checker,
    vscode.languages.registerCodeLensProvider([{ language: 'dockerfile', scheme: 'file' }, { language: 'dockerfile', scheme: 'untitled' }], lenses),
    vscode.commands.registerCommand('layerlint.checkPlatforms', (args?: CheckPlatformsArgs | vscode.Uri) => checker.run(args)),
    vscode.commands.registerCommand('layerlint.showRuleDocumentation', (code?: string) => showRuleDocumentation(code)),
    vscode.commands.registerCommand('layerlint.restartServer', () => client.restart()),
    vscode.commands.registerCommand('layerlint.showOutput', () => output.show(true)),
  );
  const serverReady = client.start();
  serverReady.catch((e) => {
    status.setState('failed', 'could not start');
    output.appendLine(`Layerlint: the language server could not start: ${(e as Error)?.message ?? e}`);
  });
  const activationMs = performance.now() - t0;
  output.appendLine(`Layerlint ${context.extension.packageJSON.version}: activated in ${activationMs.toFixed(1)} ms`);
  void serverReady.then(() => output.appendLine(`Layerlint: language server running ${(performance.now() - t0).toFixed(0)} ms after activation`), () => undefined);
  return { activationMs, serverReady, checkPlatforms: (args) => checker.run(args) };
}

export async function deactivate(): Promise<void> {
  await lc?.stop();
  lc = undefined;
}
