// Code lenses on FROM lines after a platform check: which targets the base image offers.
import * as vscode from 'vscode';
import type { CheckPlatformsResult, PlatformImageResult } from '../../shared/protocol';
import { lensTitle } from './report';

export class FromCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly results = new Map<string, CheckPlatformsResult>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.results.delete(d.uri.toString())) this.changed.fire();
      }),
    );
  }

  /** Shows the lenses of a finished check. */
  set(result: CheckPlatformsResult): void {
    this.results.set(result.uri, result);
    this.changed.fire();
  }

  get(uri: string): CheckPlatformsResult | undefined {
    return this.results.get(uri);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const result = this.results.get(document.uri.toString());
    if (!result) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const image of result.images) {
      const line = this.lineOf(document, image, result.version);
      if (line === undefined) continue;
      const range = document.lineAt(line).range;
      lenses.push(
        new vscode.CodeLens(range, {
          title: lensTitle(image),
          tooltip: `Layerlint platform check of ${image.image} (click to check again)`,
          command: 'layerlint.checkPlatforms',
          arguments: [{ uri: document.uri.toString(), platforms: result.platforms }],
        }),
      );
    }
    return lenses;
  }

  /** The FROM line of an image now: its checked line while unchanged, else the first FROM naming it. */
  private lineOf(document: vscode.TextDocument, image: PlatformImageResult, version: number): number | undefined {
    const isFrom = (l: number) => l < document.lineCount && /^\s*FROM\s/i.test(document.lineAt(l).text);
    if (document.version === version && isFrom(image.line)) return image.line;
    if (isFrom(image.line) && document.lineAt(image.line).text.includes(image.image)) return image.line;
    for (let l = 0; l < document.lineCount; l++) if (isFrom(l) && document.lineAt(l).text.includes(image.image)) return l;
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
