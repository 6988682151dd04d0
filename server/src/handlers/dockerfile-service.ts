// Generic Dockerfile features from rcjsuen's dockerfile-language-service (syntax errors,
// instruction completion and hover), with two upstream defects worked around:
// - a partial ValidatorSettings replaces the defaults, silencing every check it omits, so the full
//   default object is always passed;
// - computeCodeActions mutates the diagnostics it is given, so it only ever sees copies.
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { ValidationSeverity, type ValidatorSettings } from 'dockerfile-utils';
import { CodeActionKind, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position, type Range } from 'vscode-languageserver-types';

export const VALIDATOR_SETTINGS: Required<ValidatorSettings> = {
  deprecatedMaintainer: ValidationSeverity.WARNING,
  directiveCasing: ValidationSeverity.WARNING,
  emptyContinuationLine: ValidationSeverity.WARNING,
  instructionCasing: ValidationSeverity.WARNING,
  instructionCmdMultiple: ValidationSeverity.WARNING,
  instructionEntrypointMultiple: ValidationSeverity.WARNING,
  instructionHealthcheckMultiple: ValidationSeverity.WARNING,
  instructionJSONInSingleQuotes: ValidationSeverity.WARNING,
  instructionWorkdirRelative: ValidationSeverity.WARNING,
};

export const DOCKERFILE_SOURCE = 'dockerfile-utils';

export class DockerfileService {
  private readonly service = DockerfileLanguageServiceFactory.createLanguageService();

  constructor(snippetSupport: boolean) {
    this.service.setCapabilities({ completion: { completionItem: { snippetSupport } } });
  }

  validate(text: string): Diagnostic[] {
    return this.service.validate(text, { ...VALIDATOR_SETTINGS }) as Diagnostic[];
  }

  /** Its fixes as WorkspaceEdit code actions (upstream returns server-side commands). */
  codeActions(uri: string, text: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const own = diagnostics.filter((d) => d.source === DOCKERFILE_SOURCE);
    if (!own.length) return [];
    const copies = own.map((d) => structuredClone(d));
    const actions: CodeAction[] = [];
    // Its bundled vscode-languageserver-types is older (string-only messages): same shapes.
    const context = { diagnostics: copies } as unknown as Parameters<typeof this.service.computeCodeActions>[2];
    for (const command of this.service.computeCodeActions({ uri }, range, context)) {
      const edits = this.service.computeCommandEdits(text, command.command, command.arguments ?? []);
      if (!edits.length) continue;
      const diagnostic = own[copies.findIndex((c) => sameRange(c.range, (command.arguments?.[1] as Range | undefined) ?? c.range))] ?? own[0];
      actions.push({ title: command.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: edits } } });
    }
    return actions;
  }

  /**
   * Instruction, flag and variable completion. Never inside a FROM image reference: upstream
   * completes tags there by querying Docker Hub, and the editor must not contact a registry unasked.
   */
  async completion(text: string, position: Position, inFromImage: boolean): Promise<CompletionItem[]> {
    if (inFromImage) return [];
    return (await this.service.computeCompletionItems(text, position)) as CompletionItem[];
  }

  hover(text: string, position: Position): Hover | null {
    return this.service.computeHover(text, position) as Hover | null;
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
