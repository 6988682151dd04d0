import type { LintedFile } from '../types';

/** The text every report format gives an internal error of a file. */
export function internalErrorMessage(error: string): string {
  return `Layerlint could not analyse this file: ${error}`;
}

export function internalErrorsOf(file: LintedFile): string[] {
  return (file.internalErrors ?? []).map(internalErrorMessage);
}
