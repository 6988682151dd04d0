import type { LayerlintDiagnostic } from '../../engine';

/** A diagnostic's message as plain text (LSP 3.18 allows MarkupContent; the engine writes strings). */
export function messageText(d: LayerlintDiagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
