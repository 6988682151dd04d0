// Rule documentation shipped in the .vsix (docs/rules/<code>.md): where a rule's page is inside the
// extension, and which bundled page a diagnostic's documentation link names. vscode-free: `hasPage`
// says whether the extension ships a page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_DOCS_BASE_URL } from '../../shared/protocol';

/** Whether the extension ships docs/rules/<code>.md. */
export type HasPage = (code: string) => boolean;

/** The pages shipped under an extension's root directory. */
export function pagesUnder(extensionRoot: string): HasPage {
  return (code) => existsSync(join(extensionRoot, 'docs', 'rules', `${code}.md`));
}

const RULE_CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The page of a rule, as path segments under the extension's root. */
export function ruleDocSegments(code: string, hasPage: HasPage): string[] | undefined {
  return RULE_CODE.test(code) && hasPage(code) ? ['docs', 'rules', `${code}.md`] : undefined;
}

/** The bundled page for a documentation link the server sent (RULE_DOCS_BASE_URL + <code>.md), if any. */
export function bundledDocFor(href: string, hasPage: HasPage): string[] | undefined {
  if (!href.startsWith(RULE_DOCS_BASE_URL)) return undefined;
  const m = /^([a-z0-9-]+)\.md$/.exec(href.slice(RULE_DOCS_BASE_URL.length));
  return m ? ruleDocSegments(m[1], hasPage) : undefined;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DOC_LINK = new RegExp(`${escapeRegExp(RULE_DOCS_BASE_URL)}([a-z0-9-]+)\\.md`, 'g');

/** Markdown (a hover) with every link to a rule page replaced by `toUri` of its bundled page. */
export function withBundledDocLinks(markdown: string, toUri: (segments: string[]) => string, hasPage: HasPage): string {
  return markdown.replace(DOC_LINK, (link, code: string) => {
    const segments = ruleDocSegments(code, hasPage);
    return segments ? toUri(segments) : link;
  });
}
