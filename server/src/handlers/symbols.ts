// textDocument/documentSymbol (a symbol per build stage) and textDocument/foldingRange.
import type { CancellationToken, DocumentSymbol, DocumentSymbolParams, FoldingRange, FoldingRangeParams } from 'vscode-languageserver/node';
import { throwIfCancelled } from './code-actions';
import { documentSymbols, foldingRanges } from '../engine';
import { documentState, type ServerContext } from './context';

export async function onDocumentSymbol(ctx: ServerContext, params: DocumentSymbolParams, token?: CancellationToken): Promise<DocumentSymbol[]> {
  // A request cancelled while it waited (an outline asked for on every keystroke) costs no analysis.
  await new Promise((resolve) => setImmediate(resolve));
  throwIfCancelled(token);
  const state = await documentState(ctx, params?.textDocument?.uri);
  throwIfCancelled(token);
  return state ? documentSymbols(state.analysis) : [];
}

export async function onFoldingRanges(ctx: ServerContext, params: FoldingRangeParams): Promise<FoldingRange[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  return state ? foldingRanges(state.analysis) : [];
}
