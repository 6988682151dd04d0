// `npm run generate`: writes the rule lists derived from the rules' own declarations
// (server/src/engine/rules/<code>.ts, collected by server/src/engine/catalog.ts): the per-rule
// severity settings of package.json, the rule codes of schema/layerlint.schema.json, of the ignore
// snippets and of the grammar, and the table of docs/rules/README.md. test/docs/rule-lists.test.ts
// fails when a file differs from what this script would write.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The values of a severity setting: a severity name, or off. */
const SEVERITY_SETTINGS = ['off', 'error', 'warning', 'information', 'hint'];
const GRAMMAR_RULE_CODE_SCOPE = 'constant.other.rule-code.layerlint';
const TABLE_HEADER = '| Code | Default severity | Summary | Documentation |\n|---|---|---|---|\n';

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const codesOf = (rules) => rules.map((r) => r.code);

function packageJson(text, rules) {
  const pkg = JSON.parse(text);
  const severities = pkg.contributes.configuration.properties['layerlint.severities'];
  severities.properties = Object.fromEntries(rules.map((r) => [r.code, { type: 'string', enum: SEVERITY_SETTINGS, description: `${r.title} (default: ${r.defaultSeverity})` }]));
  return json(pkg);
}

function schema(text, rules) {
  const s = JSON.parse(text);
  s.properties.severities.propertyNames.enum = codesOf(rules);
  s.properties.ignore.items.enum = codesOf(rules);
  return json(s);
}

function snippets(text, rules) {
  const s = JSON.parse(text);
  const choice = `\${1|${codesOf(rules).join(',')}|}`;
  for (const snippet of Object.values(s)) {
    snippet.body = snippet.body.map((line) => line.replace(/^(# layerlint (?:global )?ignore=)\$\{1\|[^|]*\|\}$/, (_, prefix) => prefix + choice));
  }
  return json(s);
}

function grammar(text, rules) {
  const g = JSON.parse(text);
  const alternatives = codesOf(rules)
    .map((c) => c.replace(/[-.]/g, '\\$&'))
    .join('|');
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    if (node.name === GRAMMAR_RULE_CODE_SCOPE && typeof node.match === 'string') node.match = `(?<![\\w-])(?:${alternatives})(?![\\w-])`;
    Object.values(node).forEach(visit);
  };
  visit(g);
  return json(g);
}

function docsIndex(text, rules) {
  const start = text.indexOf(TABLE_HEADER);
  if (start < 0) throw new Error('docs/rules/README.md: the rule table header is missing');
  const rowsStart = start + TABLE_HEADER.length;
  const rowsEnd = text.indexOf('\n\n', rowsStart);
  const rows = rules.map((r) => {
    const summary = `${r.title}${r.registry ? ' (registry check, needs `--check-platforms`)' : ''}.`;
    return `| \`${r.code}\` | ${r.defaultSeverity} | ${summary} | [${r.code}.md](./${r.code}.md) |\n`;
  });
  return text.slice(0, rowsStart) + rows.join('').replace(/\n$/, '') + text.slice(rowsEnd);
}

const FILES = {
  'package.json': packageJson,
  'schema/layerlint.schema.json': schema,
  'snippets/containerfile.json': snippets,
  'syntaxes/containerfile.tmLanguage.json': grammar,
  'docs/rules/README.md': docsIndex,
};

/** Each generated file (path relative to the repository root) with the text it should have. */
export function ruleListFiles(rules) {
  return Object.entries(FILES).map(([path, render]) => ({ path, text: render(readFileSync(join(root, path), 'utf8'), rules) }));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { tsImport } = await import('tsx/esm/api');
  const { RULES } = await tsImport('../server/src/engine/catalog.ts', import.meta.url);
  for (const { path, text } of ruleListFiles(RULES)) {
    if (readFileSync(join(root, path), 'utf8') === text) continue;
    writeFileSync(join(root, path), text);
    console.log(`layerlint: wrote ${path}`);
  }
}
