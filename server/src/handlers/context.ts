// What every handler shares: the connection, open documents, settings and the per-version analysis.
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, LintOptions, PlatformVerdicts } from '../engine';
import type { LayerlintSettings } from '../../../shared/protocol';
import type { AnalysisCache } from './analysis-cache';
import type { DockerfileService } from './dockerfile-service';
import { lintOptionsOf, type SettingsStore } from './settings';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsStore;
  analyses: AnalysisCache;
  dockerfile: DockerfileService;
  /** The client fills in a code action's edit with codeAction/resolve. */
  resolvesCodeActionEdits?: boolean;
  /** The last platform check's verdicts for a document (handlers/platforms.ts), which its analysis reports. */
  platformVerdicts?(uri: string): PlatformVerdicts | undefined;
}

export interface DocumentState {
  doc: TextDocument;
  settings: LayerlintSettings;
  /** What the analysis was made with: the settings' lint options and the platform verdicts. */
  options: LintOptions;
  analysis: Analysis;
}

/** The open document with its settings and this version's analysis; undefined for unknown URIs. */
export async function documentState(ctx: ServerContext, uri: unknown): Promise<DocumentState | undefined> {
  if (typeof uri !== 'string') return undefined;
  const doc = ctx.documents.get(uri);
  if (!doc) return undefined;
  const settings = await ctx.settings.forUri(uri);
  const current = ctx.documents.get(uri);
  if (!current) return undefined;
  const options = lintOptionsOf(settings, ctx.platformVerdicts?.(uri));
  return { doc: current, settings, options, analysis: ctx.analyses.get(current, options) };
}
