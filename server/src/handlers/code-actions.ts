// textDocument/codeAction: the engine's fixes, disable comments and fix-all, plus the generic
// Dockerfile fixes when those diagnostics are on.
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import { codeActions } from '../engine/services/actions';
import { documentState, type ServerContext } from './context';
import { lintOptionsOf } from './settings';

export async function onCodeAction(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  if (!state || !params.range) return [];
  const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
  const actions = codeActions(state.analysis, { uri: state.doc.uri, diagnostics, only: params.context?.only }, lintOptionsOf(state.settings));
  if (state.settings.dockerfile.diagnostics && (!params.context?.only || params.context.only.includes('quickfix'))) {
    actions.push(...ctx.dockerfile.codeActions(state.doc.uri, state.doc.getText(), params.range, diagnostics));
  }
  return actions;
}
