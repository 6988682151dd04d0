// textDocument/completion: the engine's items (dracut options, kvers, rpm-ostree verbs, ignore
// codes), then the generic Dockerfile ones (instructions, flags) when enabled.
import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { completion, contains } from '../engine';
import { documentState, type ServerContext } from './context';

export async function onCompletion(ctx: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  if (!state || !params.position) return [];
  const items = completion(state.analysis, params.position);
  if (items.length || !state.settings.dockerfile.completion) return items;
  const p = params.position;
  const pastKeyword = (i: { range: { start: { line: number; character: number } } }) => p.line > i.range.start.line || p.character > i.range.start.character + 'FROM'.length;
  const inFrom = state.analysis.document.instructions.some((i) => i.keyword === 'FROM' && contains(i.range, p) && pastKeyword(i));
  return ctx.dockerfile.completion(state.doc.getText(), params.position, inFrom);
}
