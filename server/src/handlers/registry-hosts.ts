// `layerlint/registryHosts`: the registries a platform check of an open document would contact, for
// the client's consent prompt in an untrusted workspace. The same FROM extraction (the engine's) and
// build args as the check itself (handlers/platforms.ts).
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { RegistryHostsParams } from '../../../shared/protocol';
import { registryHosts } from '../engine';
import type { ServerContext } from './context';

export async function onRegistryHosts(ctx: ServerContext, params: RegistryHostsParams): Promise<string[]> {
  const uri = params?.textDocument?.uri;
  const doc = typeof uri === 'string' ? ctx.documents.get(uri) : undefined;
  if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `layerlint/registryHosts: no open document ${String(uri)}`);
  if (!Array.isArray(params.platforms) || !params.platforms.every((p) => typeof p === 'string')) {
    throw new ResponseError(ErrorCodes.InvalidParams, `layerlint/registryHosts: platforms must be strings, got ${JSON.stringify(params.platforms)}`);
  }
  const settings = await ctx.settings.forUri(doc.uri);
  return registryHosts(doc.getText(), params.platforms, settings.buildArgs);
}
