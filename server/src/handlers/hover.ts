// textDocument/hover: the engine's hover, else the generic Dockerfile hover (instruction docs).
import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { hover } from '../engine';
import { documentState, type ServerContext } from './context';

export async function onHover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const state = await documentState(ctx, params?.textDocument?.uri);
  if (!state || !params.position) return null;
  const ours = hover(state.analysis, params.position);
  if (ours || !state.settings.dockerfile.hover) return ours;
  return ctx.dockerfile.hover(state.doc.getText(), params.position);
}
