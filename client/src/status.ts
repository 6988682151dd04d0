// The Layerlint language status item (shown for Containerfile editors only, in the `{}` language
// status of the status bar): language-server state, and the time of the last `layerlint/validated`.
import * as vscode from 'vscode';
import type { ValidatedParams } from '../../shared/protocol';
import { DOCUMENT_SELECTOR } from './selector';
import { statusView, type ServerState } from './status-view';

export type { ServerState };

const SEVERITY = [vscode.LanguageStatusSeverity.Information, vscode.LanguageStatusSeverity.Warning, vscode.LanguageStatusSeverity.Error] as const;

export class ServerStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('layerlint.status', DOCUMENT_SELECTOR);
  private state: ServerState = 'stopped';
  private detail = '';
  private last: { params: ValidatedParams; at: Date } | undefined;

  constructor() {
    this.item.name = 'Layerlint';
    this.item.command = { title: 'Show Output', command: 'layerlint.showOutput' };
    this.render();
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
    const view = statusView(this.state, this.detail, this.last);
    this.item.text = view.text;
    this.item.detail = view.detail;
    this.item.severity = SEVERITY[view.severity];
    this.item.busy = view.busy;
    // A failed server gets a restart button instead of the output.
    this.item.command = this.state === 'failed' ? { title: 'Restart Server', command: 'layerlint.restartServer' } : { title: 'Show Output', command: 'layerlint.showOutput' };
  }

  dispose(): void {
    this.item.dispose();
  }
}
