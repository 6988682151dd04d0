// Rule documentation shipped in the .vsix (docs/rules/<code>.md): where a rule's page is inside the
// extension, and which bundled page a diagnostic's documentation link names. vscode-free.
import { DOCS_BASE_URL, RULES_BY_CODE } from '../../server/src/engine/catalog';

/** The page of a catalogued rule, as path segments under the extension's root. */
export function ruleDocSegments(code: string): string[] | undefined {
  return RULES_BY_CODE.has(code) ? ['docs', 'rules', `${code}.md`] : undefined;
}

/** The bundled page for a documentation link the server sent (DOCS_BASE_URL + <code>.md), if any. */
export function bundledDocFor(href: string): string[] | undefined {
  if (!href.startsWith(DOCS_BASE_URL)) return undefined;
  const m = /^([a-z0-9-]+)\.md$/.exec(href.slice(DOCS_BASE_URL.length));
  return m ? ruleDocSegments(m[1]) : undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DOC_LINK = new RegExp(`${escapeRegExp(DOCS_BASE_URL)}([a-z0-9-]+)\\.md`, 'g');

/** Markdown (a hover) with every link to a rule page replaced by `toUri` of its bundled page. */
export function withBundledDocLinks(markdown: string, toUri: (segments: string[]) => string): string {
  return markdown.replace(DOC_LINK, (link, code: string) => {
    const segments = ruleDocSegments(code);
    return segments ? toUri(segments) : link;
  });
}
