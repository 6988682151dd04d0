// textDocument/completion: the engine's items (dracut options, kvers, rpm-ostree verbs, ignore
// codes), then the generic Dockerfile ones (instructions, flags) when enabled.
import type { CompletionItem, CompletionParams } from 'vscode-languageserver/node';
import { completion } from '../engine/services/completion';
import { contains } from '../engine/services/locate';
import { documentState, type ServerContext } from './context';

export async function onCompletion(ctx: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  if (!state || !params.position) return [];
  const items = completion(state.analysis, params.position);
  if (items.length || !state.settings.dockerfile.completion) return items;
  const inFrom = state.analysis.document.instructions.some((i) => i.keyword === 'FROM' && contains(i.range, params.position) && params.position.character > i.range.start.character + 4);
  return ctx.dockerfile.completion(state.doc.getText(), params.position, inFrom);
}
