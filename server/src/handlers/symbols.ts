// textDocument/documentSymbol (a symbol per build stage) and textDocument/foldingRange.
import type { DocumentSymbol, DocumentSymbolParams, FoldingRange, FoldingRangeParams } from 'vscode-languageserver/node';
import { documentSymbols, foldingRanges } from '../engine/services/symbols';
import { documentState, type ServerContext } from './context';

export async function onDocumentSymbol(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  return state ? documentSymbols(state.analysis) : [];
}

export async function onFoldingRanges(ctx: ServerContext, params: FoldingRangeParams): Promise<FoldingRange[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  return state ? foldingRanges(state.analysis) : [];
}
