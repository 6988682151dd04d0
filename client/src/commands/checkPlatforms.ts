// "Layerlint: Check Base Image Platforms": which instance of every FROM image a runtime would pull
// for each target platform. Sends `layerlint/checkPlatforms`; the server merges the findings into
// the document's diagnostics (on the FROM lines, with the runtime's own error text).
import * as vscode from 'vscode';
import { CHECK_PLATFORMS, type CheckPlatformsParams, type CheckPlatformsResult } from '../../../server/src/protocol';
import type { LayerlintClient } from '../client';
import { userSet } from '../user-set';
import type { FromCodeLensProvider } from '../fromCodeLens';
import { isPlatform, parsePlatforms, platformItems } from '../platforms';
import { RegistryConsent } from '../consent';
import { markdownReport, outputTable, summarize } from '../report';

export interface CheckPlatformsArgs {
  /** Document to check (default: the active editor's). */
  uri?: string;
  /** Targets (default: ask with a Quick Pick, preselecting `layerlint.platforms`). */
  platforms?: string[];
  /** No Quick Pick, no notification: on save and from tests. */
  quiet?: boolean;
}

export class PlatformChecker implements vscode.Disposable {
  private readonly report = vscode.window.createOutputChannel('Layerlint Platforms');
  /** Consent to contact registries from an untrusted workspace: per document and host set. */
  private readonly consent = new RegistryConsent();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly disposables: vscode.Disposable[] = [this.report];

  constructor(
    private readonly lc: Pick<LayerlintClient, 'client' | 'running' | 'output'> & {
      /** The registries a check of this text contacts (server/src/engine/model/froms.ts, in the client bundle). */
      registryHosts(text: string, platforms: string[], buildArgs?: Record<string, string>): string[];
    },
    private readonly lenses: FromCodeLensProvider,
  ) {
    this.disposables.push(
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.languageId !== 'dockerfile' || !vscode.workspace.getConfiguration('layerlint', d).get<boolean>('checkPlatformsOnSave')) return;
        void this.run({ uri: d.uri.toString(), quiet: true });
      }),
    );
  }

  /** The command; returns the result (undefined when cancelled or impossible). */
  async run(args: CheckPlatformsArgs | vscode.Uri | undefined): Promise<CheckPlatformsResult | undefined> {
    const a: CheckPlatformsArgs = args instanceof vscode.Uri ? { uri: args.toString() } : (args ?? {});
    const document = await this.documentOf(a.uri);
    if (!document) {
      if (!a.quiet) void vscode.window.showWarningMessage('Layerlint: open a Containerfile to check its base-image platforms.');
      return undefined;
    }
    const client = this.lc.client;
    if (!client || !this.lc.running) {
      if (!a.quiet) void vscode.window.showErrorMessage('Layerlint: the language server is not running.', 'Show Output').then((x) => x && this.lc.output.show(true));
      return undefined;
    }
    const configured = vscode.workspace.getConfiguration('layerlint', document).get<string[]>('platforms') ?? [];
    // Quiet (on save): the user's setting only if set, else the server's (the .layerlint.yaml platforms, or the default).
    let platforms = a.platforms ?? (a.quiet ? (userSet(document.uri.toString(), 'platforms') ? configured : undefined) : await this.pickPlatforms(configured));
    if (platforms !== undefined && platforms.length === 0) return undefined;
    if (!platforms && !a.quiet) return undefined;
    // Consent names the hosts of exactly the targets checked: an untrusted workspace's check uses the
    // editor's platforms, never ones the workspace's own .layerlint.yaml would choose.
    if (!vscode.workspace.isTrusted) platforms ??= configured;
    if (!(await this.trusted(document, platforms ?? configured, a.quiet === true))) return undefined;

    const key = document.uri.toString();
    this.running.get(key)?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running.set(key, cts);
    const params: CheckPlatformsParams = { textDocument: { uri: key }, platforms };
    let result: CheckPlatformsResult | undefined;
    try {
      result = await vscode.window.withProgress(
        {
          location: a.quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
          title: `Layerlint: checking base-image platforms (${platforms ? platforms.join(', ') : 'configured targets'})`,
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => cts.cancel());
          return client.sendRequest<CheckPlatformsResult>(CHECK_PLATFORMS, params, cts.token);
        },
      );
    } catch (e) {
      if (cts.token.isCancellationRequested) {
        this.report.appendLine(`Platform check of ${vscode.workspace.asRelativePath(document.uri)} cancelled.`);
        return undefined;
      }
      this.report.appendLine(`Layerlint: the platform check failed: ${(e as Error)?.message ?? e}`);
      // The reason may quote a registry: it stays in the output channel.
      if (!a.quiet) void vscode.window.showErrorMessage('Layerlint: the platform check failed.', 'Show Table').then((x) => x && this.report.show(true));
      return undefined;
    } finally {
      if (this.running.get(key) === cts) this.running.delete(key);
      cts.dispose();
    }
    this.lenses.set(result);
    const ctx = { document: vscode.workspace.asRelativePath(document.uri), date: new Date() };
    this.report.appendLine(outputTable(result, ctx));
    this.report.appendLine('');
    const summary = summarize(result);
    if (!a.quiet || summary.level !== 'info') void this.notify(result, summary.level, summary.text, ctx, a.quiet === true);
    return result;
  }

  private async notify(result: CheckPlatformsResult, level: string, text: string, ctx: { document: string; date: Date }, quiet: boolean) {
    const show = level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const actions = quiet ? ['Open Report'] : ['Open Report', 'Show Table'];
    const choice = await show(`Layerlint: ${text}`, ...actions);
    if (choice === 'Show Table') this.report.show(true);
    if (choice === 'Open Report') await openMarkdownReport(markdownReport(result, ctx));
  }

  private async documentOf(uri: string | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      return open ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
    }
    const d = vscode.window.activeTextEditor?.document;
    return d && d.languageId === 'dockerfile' ? d : undefined;
  }

  /** Multi-select of targets; typing `os/arch[/variant]` (or a list) adds entries. */
  private pickPlatforms(configured: string[]): Promise<string[] | undefined> {
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<vscode.QuickPickItem>();
      qp.title = 'Layerlint: Check Base Image Platforms';
      qp.placeholder = 'Target platforms (type os/arch[/variant] to add one)';
      qp.canSelectMany = true;
      const items = platformItems(configured);
      qp.items = items;
      qp.selectedItems = qp.items.filter((_, i) => items[i].picked);
      let done = false;
      qp.onDidChangeValue((value) => {
        const typed = parsePlatforms(value).platforms.filter((p) => isPlatform(p) && !qp.items.some((i) => i.label === p));
        if (typed.length === 0) return;
        const selected = qp.selectedItems;
        qp.items = [...typed.map((p) => ({ label: p, description: 'typed' })), ...qp.items];
        qp.selectedItems = [...qp.items.filter((i) => typed.includes(i.label)), ...qp.items.filter((i) => selected.some((s) => s.label === i.label))];
      });
      qp.onDidAccept(() => {
        done = true;
        resolve(qp.selectedItems.map((i) => i.label));
        qp.hide();
      });
      qp.onDidHide(() => {
        if (!done) resolve(undefined);
        qp.dispose();
      });
      qp.show();
    });
  }

  /**
   * Workspace Trust: in an untrusted workspace, ask before contacting the registries, listing every
   * host the check of this text for these targets contacts; the answer holds for this document and
   * these hosts only.
   */
  private async trusted(document: vscode.TextDocument, platforms: string[], quiet: boolean): Promise<boolean> {
    if (vscode.workspace.isTrusted) return true;
    const buildArgs = vscode.workspace.getConfiguration('layerlint', document).get<Record<string, string>>('buildArgs') ?? {};
    const hosts = this.lc.registryHosts(document.getText(), platforms, buildArgs);
    const key = document.uri.toString();
    if (this.consent.covers(key, hosts)) return true;
    if (quiet) return false;
    const choice = await vscode.window.showWarningMessage(
      'Layerlint: this workspace is not trusted. Check the base images against their registries?',
      {
        modal: true,
        detail: `This contacts ${hosts.length ? hosts.join(', ') : 'the registries named in the FROM lines'}, with your registry credentials where you have any for them.`,
      },
      'Check',
    );
    if (choice !== 'Check') return false;
    this.consent.grant(key, hosts);
    return true;
  }

  dispose(): void {
    for (const c of this.running.values()) c.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** The report as an untitled Markdown document, shown as a preview beside the editor. */
export async function openMarkdownReport(markdown: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
  try {
    await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri);
  } catch {
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}
