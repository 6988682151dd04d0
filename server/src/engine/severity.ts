import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { SeverityName } from './types';

/** LSP severity of each severity name used in the catalog and in settings. */
export const SEVERITIES: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
