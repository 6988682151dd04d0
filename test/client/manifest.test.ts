// package.json as VS Code reads it: activation, file associations, grammars, settings scopes, trust.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DECLARED_BASE_NAMES } from '../../server/src/engine/model/family';
import { RULES } from '../../server/src/engine/catalog';
import { DEFAULT_SETTINGS } from '../../shared/protocol';
import { DOCUMENT_SELECTOR } from '../../client/src/selector';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties as Record<string, { scope: string; default: unknown; properties?: object }>;
const clientSources = ['extension.ts', 'commands/checkPlatforms.ts', 'commands/showRuleDocumentation.ts', 'client.ts', 'status.ts']
  .map((f) => readFileSync(join(root, 'client/src', f), 'utf8'))
  .join('\n');

describe('package.json', () => {
  it('activates on dockerfile files and the commands', () => {
    expect(pkg.main).toBe('./dist/extension.js');
    expect(pkg.activationEvents).toEqual(expect.arrayContaining(['onLanguage:dockerfile', 'onCommand:layerlint.checkPlatforms']));
  });

  it('associates Containerfile names with the dockerfile language', () => {
    const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
    expect(lang.filenames).toEqual(['Containerfile', 'Dockerfile']);
    expect(lang.filenamePatterns).toEqual(['Containerfile.*', 'Dockerfile.*']);
    expect(lang.extensions).toEqual(['.containerfile', '.dockerfile']);
  });

  it('injects the three grammars into source.dockerfile under their own scope names', () => {
    for (const g of pkg.contributes.grammars) {
      const grammar = JSON.parse(readFileSync(join(root, g.path), 'utf8'));
      expect(g.scopeName).toBe(grammar.scopeName);
      expect(g.injectTo).toEqual(['source.dockerfile']);
      expect(grammar.injectionSelector).toBeTruthy();
    }
    expect(pkg.contributes.grammars.map((g: { scopeName: string }) => g.scopeName)).toContain('source.containerfile.layerlint');
  });

  it('registers every command the client registers, under the Layerlint category', () => {
    const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...clientSources.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    expect(declared).toEqual(registered);
    const check = pkg.contributes.commands.find((c: { command: string }) => c.command === 'layerlint.checkPlatforms');
    expect(`${check.category}: ${check.title}`).toBe('Layerlint: Check Base Image Platforms');
  });

  it('declares every server setting, with machine scope for credentials and TLS', () => {
    for (const key of Object.keys(DEFAULT_SETTINGS)) {
      if (key === 'dockerfile') for (const leaf of ['diagnostics', 'completion', 'hover']) expect(props[`layerlint.dockerfile.${leaf}`]?.scope).toBe('resource');
      else expect(props[`layerlint.${key}`], key).toBeDefined();
    }
    expect(props['layerlint.insecureRegistries'].scope).toBe('machine');
    expect(props['layerlint.authFile'].scope).toBe('machine');
    for (const k of ['severities', 'buildArgs', 'rpmOstreeVersion', 'bases', 'platforms', 'checkPlatformsOnSave']) expect(props[`layerlint.${k}`].scope, k).toBe('resource');
    expect(props['layerlint.platforms'].default).toEqual(DEFAULT_SETTINGS.platforms);
    expect(Object.keys(props['layerlint.severities'].properties!).sort()).toEqual(RULES.map((r) => r.code).sort());
    expect((props['layerlint.bases'] as unknown as { additionalProperties: { enum: string[] } }).additionalProperties.enum).toEqual(DECLARED_BASE_NAMES);
    expect(props['layerlint.trace.server']).toBeDefined();
  });

  it('is limited in untrusted workspaces, where credentials and TLS settings are restricted', () => {
    expect(pkg.capabilities.untrustedWorkspaces).toMatchObject({
      supported: 'limited',
      restrictedConfigurations: ['layerlint.insecureRegistries', 'layerlint.authFile'],
    });
  });

  it('has the Marketplace metadata', () => {
    for (const k of ['icon', 'license', 'repository', 'categories', 'keywords', 'publisher', 'displayName']) expect(pkg[k], k).toBeTruthy();
    expect(pkg.scripts.package).toBe('node scripts/package.mjs');
  });

  it('is ready for Open VSX and the Marketplace: licence, repository, publisher, icon, categories, no proposed API', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(pkg.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/) });
    // ovsx/vsce: publisher and name are lower-case identifiers; the version is semver.
    expect(pkg.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(pkg.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.engines.vscode).toMatch(/^\^1\.\d+\.\d+$/);
    // The icon: a PNG (SVG icons are refused) of at least 128×128.
    const icon = readFileSync(join(root, pkg.icon));
    expect(icon.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)].every((n) => n >= 128)).toBe(true);
    const CATEGORIES = [
      'Azure',
      'Data Science',
      'Debuggers',
      'Education',
      'Extension Packs',
      'Formatters',
      'Keymaps',
      'Language Packs',
      'Linters',
      'Machine Learning',
      'Notebooks',
      'Other',
      'Programming Languages',
      'SCM Providers',
      'Snippets',
      'Testing',
      'Themes',
      'Visualization',
      'AI',
      'Chat',
    ];
    expect(pkg.categories.length).toBeGreaterThan(0);
    for (const c of pkg.categories) expect(CATEGORIES, c).toContain(c);
    expect(pkg.enabledApiProposals).toBeUndefined();
    expect(JSON.stringify(pkg.activationEvents)).not.toContain('"*"');
  });

  it('claims virtual-workspace support only as far as the document selector serves virtual file systems', () => {
    expect(pkg.capabilities.virtualWorkspaces.supported).toBe('limited');
    const schemes = DOCUMENT_SELECTOR.map((d) => d.scheme);
    expect(schemes).toEqual(expect.arrayContaining(['file', 'untitled', 'vscode-vfs']));
    expect(DOCUMENT_SELECTOR.every((d) => d.language === 'dockerfile')).toBe(true);
    expect(pkg.capabilities.virtualWorkspaces.description).toContain('.layerlint.yaml is read only for files on disk');
  });
});

describe('package.json for tasks and ignore files', () => {
  it('contributes a $layerlint problem matcher that reads the CLI text output', async () => {
    const { cli } = await import('../support/cli');
    const [matcher] = pkg.contributes.problemMatchers;
    expect(matcher).toMatchObject({ name: 'layerlint', owner: 'layerlint', source: 'layerlint' });
    const pattern = new RegExp(matcher.pattern.regexp);
    const out = cli(['lint', 'examples/okd-4.14-kernel-swap/Containerfile', 'examples']).stdout.trim().split('\n');
    expect(out.length).toBeGreaterThan(3);
    for (const line of out) expect(line).toMatch(pattern);
    const m = pattern.exec(out.find((l) => l.includes('kernel-without-initramfs'))!)!;
    const at = (i: number) => m[matcher.pattern[['', 'file', 'line', 'column', 'severity', 'code', 'message'][i]]];
    expect([at(1), at(2), at(3), at(4), at(5)]).toEqual(['examples/okd-4.14-kernel-swap/Containerfile', '6', '5', 'error', 'kernel-without-initramfs']);
    expect(at(6)).toMatch(/^Kernel changed without regenerating its initramfs/);
  });

  it('opens .containerignore as an ignore file', () => {
    expect(pkg.contributes.languages).toContainEqual({ id: 'ignore', filenames: ['.containerignore'] });
  });
});
