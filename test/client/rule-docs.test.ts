// Rule documentation opens from the pages shipped in the .vsix: every documentation link the server
// sends names a bundled page, and the page exists in docs/rules (package.test.ts checks the .vsix).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCS_BASE_URL, RULES } from '../../server/src/engine/catalog';
import { analyze, initEngine } from '../../server/src/engine';
import { bundledDocFor, pagesUnder, ruleDocSegments, withBundledDocLinks } from '../../client/src/rule-docs';
import { hover } from '../../server/src/engine/services/hover';

const root = join(__dirname, '..', '..');
/** The repository as the extension's root: docs/rules/ is shipped as it is (package.test.ts). */
const hasPage = pagesUnder(root);

describe('bundled rule documentation', () => {
  it.each(RULES.map((r) => r.code))('%s: its link names docs/rules/%s.md in the extension, which exists', (code) => {
    const segments = bundledDocFor(`${DOCS_BASE_URL}${code}.md`, hasPage);
    expect(segments).toEqual(['docs', 'rules', `${code}.md`]);
    expect(existsSync(join(root, ...segments!))).toBe(true);
  });

  it('maps the links of real diagnostics, and nothing else', async () => {
    await initEngine();
    const text = 'FROM quay.io/fedora/fedora-coreos:stable\n# layerlint ignore=nope\nRUN rpm-ostree install vim\n';
    const links = analyze(text).diagnostics.map((d) => bundledDocFor(d.codeDescription!.href, hasPage)?.join('/'));
    expect(links).toEqual(['docs/rules/unknown-ignore.md', 'docs/rules/missing-container-commit.md']);
    expect(bundledDocFor('https://example.com/docs/rules/kernel-without-initramfs.md', hasPage)).toBeUndefined();
    expect(bundledDocFor(`${DOCS_BASE_URL}../../README.md`, hasPage)).toBeUndefined();
    expect(bundledDocFor(`${DOCS_BASE_URL}no-such-rule.md`, hasPage)).toBeUndefined();
    expect(ruleDocSegments('README', hasPage)).toBeUndefined();
  });

  it("rewrites the hover's documentation links to the bundled pages", async () => {
    await initEngine();
    const text = 'FROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree install vim\n';
    const h = hover(analyze(text), { line: 1, character: 6 })!;
    const markdown = (h.contents as { value: string }).value;
    expect(markdown).toContain(`(${DOCS_BASE_URL}missing-container-commit.md)`);
    const local = withBundledDocLinks(markdown, (s) => `file:///ext/${s.join('/')}`, hasPage);
    expect(local).toContain('[Documentation](file:///ext/docs/rules/missing-container-commit.md)');
    expect(local).not.toContain(DOCS_BASE_URL);
    expect(withBundledDocLinks(`[x](${DOCS_BASE_URL}no-such-rule.md)`, () => 'nope', hasPage)).toBe(`[x](${DOCS_BASE_URL}no-such-rule.md)`);
  });
});
