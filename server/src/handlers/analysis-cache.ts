// One analysis per document version (and lint options): diagnostics, code actions, hover,
// completion and symbols of a version all read the same parse.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, AnalysisReuse, type Analysis, type LintOptions } from '../engine';

interface Entry {
  version: number;
  key: string;
  analysis: Analysis;
  /** RUN results of this document's earlier versions (incremental analysis). */
  reuse: AnalysisReuse;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly onInternalError: (uri: string, message: string) => void) {}

  get(doc: TextDocument, options: LintOptions): Analysis {
    const key = JSON.stringify(options);
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.key === key) return hit.analysis;
    const reuse = hit?.reuse ?? new AnalysisReuse();
    const analysis = analyze(doc.getText(), options, reuse);
    for (const e of analysis.internalErrors) this.onInternalError(doc.uri, e);
    this.entries.set(doc.uri, { version: doc.version, key, analysis, reuse });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
