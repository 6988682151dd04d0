// textDocument/codeAction: the engine's fixes, disable comments and fix-all, plus the generic
// Dockerfile fixes when those diagnostics are on. codeAction/resolve fills in the fix-all edit
// offered without it (computed only when the user picks it), and stops when the request is cancelled.
import { LSPErrorCodes, ResponseError, type CancellationToken, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { codeActions, fixAllEditsAsync, isFixAllData } from '../engine';
import { documentState, type ServerContext } from './context';

export async function onCodeAction(ctx: ServerContext, params: CodeActionParams, token?: CancellationToken): Promise<CodeAction[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  throwIfCancelled(token);
  if (!state || !params.range) return [];
  const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  const only = Array.isArray(params.context?.only) ? params.context.only : undefined;
  // Fix-all comes from the engine without its edit; for a client that does not resolve code actions
  // (it asked for fix-all by kind) the edit is filled in here, cancellable between rounds.
  let actions = codeActions(state.analysis, { uri: state.doc.uri, diagnostics, only, resolvesEdits: true, version: state.doc.version }, state.options);
  if (!ctx.resolvesCodeActionEdits) {
    const asked = only !== undefined;
    actions = asked ? await Promise.all(actions.map((a) => (isFixAllData(a.data) ? onCodeActionResolve(ctx, a, token) : a))) : actions.filter((a) => !isFixAllData(a.data));
    actions = actions
      .filter((a) => !isFixAllData(a.data) || (a.edit?.changes?.[state.doc.uri]?.length ?? 0) > 0)
      .map((a) => (isFixAllData(a.data) ? { title: a.title, kind: a.kind, edit: a.edit } : a));
  }
  if (state.settings.dockerfile.diagnostics && (!only || only.includes('quickfix'))) {
    actions.push(...ctx.dockerfile.codeActions(state.doc.uri, state.doc.getText(), params.range, diagnostics));
  }
  return actions;
}

export async function onCodeActionResolve(ctx: ServerContext, action: CodeAction, token?: CancellationToken): Promise<CodeAction> {
  if (!isFixAllData(action?.data) || action.edit) return action;
  const { uri, version } = action.data.fixAll;
  const state = await documentState(ctx, uri);
  // The document changed since the action was offered: its edit would be for another text.
  if (!state || state.doc.version !== version) throw new ResponseError(LSPErrorCodes.ContentModified, 'layerlint: the document changed; ask for the code actions again');
  const pause = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    throwIfCancelled(token);
    if (ctx.documents.get(uri)?.version !== version) throw new ResponseError(LSPErrorCodes.ContentModified, 'layerlint: the document changed while fixing');
  };
  const edits = await fixAllEditsAsync(state.doc.getText(), state.options, state.analysis, pause);
  return { ...action, edit: { changes: { [uri]: edits } } };
}

export function throwIfCancelled(token: CancellationToken | undefined): void {
  if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'layerlint: request cancelled');
}
