// "Layerlint: Show Rule Documentation": the rule at the cursor (a Layerlint diagnostic), or one
// picked from the server's rules (`layerlint/rules`), opened from the pages shipped in the extension
// (docs/rules/<code>.md) in a Markdown preview: offline, nothing fetched.
import * as vscode from 'vscode';
import type { RuleSummary } from '../../../shared/protocol';
import { ruleDocSegments, type HasPage } from '../rule-docs';

/** The Layerlint rule codes of the diagnostics under the cursor of the active editor. */
function codesAtCursor(known: ReadonlySet<string>): string[] {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return [];
  const pos = editor.selection.active;
  return vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'layerlint' && d.range.contains(pos))
    .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '')))
    .filter((c) => known.has(c));
}

/** Opens the rule's bundled page; returns its URI (undefined when cancelled or the server cannot say). */
export async function showRuleDocumentation(extensionUri: vscode.Uri, rulesOfServer: () => Promise<RuleSummary[]>, hasPage: HasPage, code?: unknown): Promise<string | undefined> {
  let rules: RuleSummary[];
  try {
    rules = await rulesOfServer();
  } catch (e) {
    void vscode.window.showErrorMessage(`Layerlint: the language server did not list its rules (${(e as Error)?.message ?? e}).`);
    return undefined;
  }
  const known = new Set(rules.map((r) => r.code));
  let rule = typeof code === 'string' && known.has(code) ? code : undefined;
  if (!rule) {
    const here = new Set(codesAtCursor(known));
    if (here.size === 1) rule = [...here][0];
    else {
      const items = [...rules]
        .sort((a, b) => Number(here.has(b.code)) - Number(here.has(a.code)))
        .map((r) => ({ label: r.code, description: `${r.defaultSeverity}${here.has(r.code) ? ' · at the cursor' : ''}${r.registry ? ' · registry' : ''}`, detail: r.title }));
      const picked = await vscode.window.showQuickPick(items, { title: 'Layerlint: Show Rule Documentation', matchOnDetail: true, placeHolder: 'Rule' });
      rule = picked?.label;
    }
  }
  const segments = rule ? ruleDocSegments(rule, hasPage) : undefined;
  if (!segments) return undefined;
  const page = vscode.Uri.joinPath(extensionUri, ...segments);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', page);
  } catch {
    // The built-in Markdown extension is disabled: the page as text.
    await vscode.window.showTextDocument(page, { preview: true });
  }
  return page.toString();
}
