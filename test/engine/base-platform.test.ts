// base-platform-missing / base-platform-mislabeled: the registry check's verdicts reported by the
// engine, through the ignore comments and severities of every rule (no network: verdicts as given).
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { PlatformVerdict, PlatformVerdicts } from '../../server/src/engine';
import { initEngine, lint, rangeOf } from '../support/engine';

await initEngine();

const AMD64 = 'reg.example/only-amd64:1';
const AARCH64 = 'reg.example/aarch64:1';
const verdict = (image: string, o: Partial<PlatformVerdict>): PlatformVerdict => ({ image, error: null, platforms: [], single: false, results: [], mislabeled: [], ...o });
const VERDICTS: PlatformVerdicts = {
  platforms: ['linux/arm64'],
  images: {
    [AMD64]: verdict(AMD64, { platforms: ['linux/amd64'], results: [{ platform: 'linux/arm64', status: 'missing', message: 'no image found' }] }),
    [AARCH64]: verdict(AARCH64, {
      platforms: ['linux/aarch64'],
      results: [{ platform: 'linux/arm64', status: 'missing', message: 'no match' }],
      mislabeled: [{ label: 'linux/aarch64', canonical: 'linux/arm64' }],
    }),
  },
};
const brief = (text: string, options = {}) => lint(text, { platformVerdicts: VERDICTS, ...options }).map((d) => [d.code, d.range.start.line, d.severity]);
const PLAIN = `FROM ${AMD64} AS a\nFROM ${AARCH64}\n`;

describe('base-platform rules', () => {
  it('report the verdicts on the image reference of each FROM line', () => {
    const text = `ARG TAG=1\nFROM   --platform=linux/arm64 "reg.example/only-amd64:\${TAG}"\n`;
    const [d, ...rest] = lint(text, { platformVerdicts: VERDICTS });
    expect(rest).toEqual([]);
    expect(d.range).toEqual(rangeOf(text, '"reg.example/only-amd64:${TAG}"'));
    expect(d.severity).toBe(DiagnosticSeverity.Error);
    expect(d.message).toBe(`${AMD64} has no instance for linux/arm64; it offers linux/amd64. CRI-O/Podman: no image found`);
    expect(d.codeDescription?.href).toMatch(/docs\/rules\/base-platform-missing\.md$/);
  });
  it('report nothing without verdicts, and nothing for images the check did not judge', () => {
    expect(lint(PLAIN)).toEqual([]);
    expect(lint('FROM reg.example/other:1\n', { platformVerdicts: VERDICTS })).toEqual([]);
  });
  it('say why an image was not checked, and nothing more about it', () => {
    const text = 'FROM reg.example/x\n';
    const [d, ...rest] = lint(text, {
      platformVerdicts: { platforms: ['linux/arm64'], images: { 'reg.example/x': verdict('reg.example/x', { error: 'denied', mislabeled: [{ label: 'a/b', canonical: 'c/d' }] }) } },
    });
    expect(rest).toEqual([]);
    expect([d.code, d.severity, d.message]).toEqual(['base-platform-missing', DiagnosticSeverity.Information, 'Platforms of reg.example/x not checked: denied']);
  });
  it('honour ignore comments (local, continuation lines, global) and severity overrides', () => {
    expect(brief(PLAIN)).toEqual([
      ['base-platform-missing', 0, 1],
      ['base-platform-missing', 1, 1],
      ['base-platform-mislabeled', 1, 2],
    ]);
    expect(brief(`# layerlint ignore=base-platform-missing\n${PLAIN}`)).toEqual([
      ['base-platform-missing', 2, 1],
      ['base-platform-mislabeled', 2, 2],
    ]);
    expect(brief(`FROM ${AMD64} AS a\n# layerlint ignore=base-platform-mislabeled,base-platform-missing\nFROM \\\n  ${AARCH64}\n`)).toEqual([['base-platform-missing', 0, 1]]);
    expect(brief(`${PLAIN}# layerlint global ignore=base-platform-mislabeled\n`)).toEqual([
      ['base-platform-missing', 0, 1],
      ['base-platform-missing', 1, 1],
    ]);
    expect(brief(PLAIN, { severities: { 'base-platform-missing': 'warning', 'base-platform-mislabeled': 'off' } })).toEqual([
      ['base-platform-missing', 0, 2],
      ['base-platform-missing', 1, 2],
    ]);
  });
  it('are not silenced by ignore comments when those are turned off, like every rule', () => {
    expect(brief(`${PLAIN}# layerlint global ignore=base-platform-mislabeled\n`, { ignoreComments: false })).toEqual([
      ['base-platform-missing', 0, 1],
      ['base-platform-missing', 1, 1],
      ['base-platform-mislabeled', 1, 2],
    ]);
  });
  it('leave the ignore audit as it was: an unused ignore of a registry rule is not reported', () => {
    expect(brief(`# layerlint ignore=base-platform-mislabeled\nFROM ${AMD64}\n`)).toEqual([['base-platform-missing', 1, 1]]);
  });
});
