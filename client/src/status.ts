// The status-bar item: language-server state, and the time of the last `layerlint/validated`.
import * as vscode from 'vscode';
import type { ValidatedParams } from '../../server/src/protocol';
import { clock, describeValidation } from './report';

export type ServerState = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed';

const ICONS: Record<ServerState, string> = {
  starting: '$(sync~spin)',
  running: '$(check)',
  restarting: '$(sync~spin)',
  stopped: '$(circle-slash)',
  failed: '$(error)',
};

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('layerlint.status', vscode.StatusBarAlignment.Right, 100);
  private state: ServerState = 'stopped';
  private detail = '';
  private last: { params: ValidatedParams; at: Date } | undefined;

  constructor() {
    this.item.name = 'Layerlint';
    this.item.command = 'layerlint.showOutput';
    this.render();
    this.item.show();
  }

  setState(state: ServerState, detail = ''): void {
    this.state = state;
    this.detail = detail;
    this.render();
  }

  validated(params: ValidatedParams): void {
    this.last = { params, at: new Date() };
    this.render();
  }

  get current(): ServerState {
    return this.state;
  }

  private render(): void {
    const i = this.item;
    i.text = `${ICONS[this.state]} Layerlint${this.state === 'running' && this.last ? ` ${clock(this.last.at)}` : ''}`;
    i.backgroundColor =
      this.state === 'failed'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : this.state === 'restarting'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['layerlint.showOutput', 'layerlint.restartServer'] };
    md.appendMarkdown(`**Layerlint language server**: ${this.state}${this.detail ? ` (${this.detail})` : ''}\n\n`);
    if (this.last) md.appendText(describeValidation(this.last.params, this.last.at)).appendMarkdown('\n\n');
    md.appendMarkdown('[$(output) Show output](command:layerlint.showOutput) · [$(debug-restart) Restart server](command:layerlint.restartServer)');
    i.tooltip = md;
  }

  dispose(): void {
    this.item.dispose();
  }
}
