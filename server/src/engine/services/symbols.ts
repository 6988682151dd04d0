// Document symbols (one per build stage, its instructions as children) and folding per stage and
// per multi-line instruction.
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver-types';
import type { Analysis } from '../analyze';

const DETAIL_LENGTH = 60;

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { document } = analysis;
  return analysis.model.stages.map((stage) => {
    const image = stage.imageText ?? '';
    const children: DocumentSymbol[] = document.instructions
      .filter((i) => i.stage === stage.index && i.keyword !== 'FROM')
      .map((i) => {
        const firstLine = document.lines.lineText(i.range.start.line).trim();
        return {
          name: i.keyword,
          detail: firstLine.length > DETAIL_LENGTH ? `${firstLine.slice(0, DETAIL_LENGTH)}…` : firstLine,
          kind: SymbolKind.Field,
          range: i.range,
          selectionRange: document.lines.range(i.start, i.start + i.keyword.length),
        };
      });
    return {
      name: stage.name ? `${stage.name} (${image || 'FROM'})` : `stage ${stage.index}: ${image || 'FROM'}`,
      detail: stage.base?.label,
      kind: SymbolKind.Module,
      range: stage.range,
      selectionRange: stage.imageRange ?? stage.fromRange,
      children,
    };
  });
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const stage of analysis.model.stages) {
    if (stage.range.end.line > stage.range.start.line) out.push({ startLine: stage.range.start.line, endLine: stage.range.end.line, kind: FoldingRangeKind.Region });
  }
  for (const i of analysis.document.instructions) {
    if (i.range.end.line > i.range.start.line) out.push({ startLine: i.range.start.line, endLine: i.range.end.line });
  }
  return out;
}
