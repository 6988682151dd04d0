// SARIF 2.1.0 as GitHub code scanning ingests it: rule metadata with help URIs, UTF-16 columns, fixes.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, docsUrl } from '../../engine';
import type { LintedFile } from '../types';
import { SEVERITY_NAMES } from './severity';
import { internalErrorsOf } from './internal-errors';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

// Absolute paths as file: URIs; relative ones stay relative references (GitHub resolves them against the checkout).
function uri(path: string): string {
  if (path === '-') return 'stdin';
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return encodeURI(path.replace(/\\/g, '/').replace(/^\.\//, ''));
}

function region(r: { start: { line: number; character: number }; end: { line: number; character: number } }) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function formatSarif(files: LintedFile[], version = '0.1.0'): string {
  const index = new Map(RULES.map((r, i) => [r.code, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'layerlint',
            version,
            informationUri: 'https://github.com/layerlint/layerlint',
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.code.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.summary },
              helpUri: docsUrl(r.code),
              help: { text: `${r.summary} See ${docsUrl(r.code)}`, markdown: `${r.summary}\n\n[Documentation](${docsUrl(r.code)})` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['layered-image', r.registry ? 'registry' : 'containerfile'] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: files.every((f) => !f.internalErrors),
            toolExecutionNotifications: files.flatMap((f, fileIndex) =>
              internalErrorsOf(f).map((text) => ({
                level: 'error',
                message: { text },
                locations: [{ physicalLocation: { artifactLocation: { uri: uri(f.path), index: fileIndex } } }],
              })),
            ),
          },
        ],
        columnKind: 'utf16CodeUnits',
        artifacts: files.map((f) => ({ location: { uri: uri(f.path) } })),
        results: files.flatMap((f, fileIndex) =>
          f.diagnostics.map((d) => {
            const location = { uri: uri(f.path), index: fileIndex };
            return {
              ruleId: d.code,
              ruleIndex: index.get(d.code),
              level: LEVEL[SEVERITY_NAMES[d.severity]],
              message: { text: d.message },
              locations: [{ physicalLocation: { artifactLocation: location, region: region(d.range) } }],
              fixes: d.data.fixes.map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation: location,
                    replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  },
                ],
              })),
            };
          }),
        ),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
