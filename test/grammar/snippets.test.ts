import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine/catalog';
import { BOOTC41, BOOTC42, FCOS, FCOS_LEGACY, OKD, initEngine, lint } from '../support/engine';
import { defaults, expand, parseSnippet, type Part } from './snippet-syntax';
import { MODES, tokenize } from './textmate';

await initEngine();

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const FILE = join(__dirname, '..', '..', 'snippets', 'containerfile.json');
const snippets = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Snippet>;
const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const partsOf = (name: string): Part[] => {
  const s = snippets[name];
  if (!s) throw new Error(`no snippet "${name}"`);
  return parseSnippet(bodyOf(s));
};

const RPM_OSTREE = 'Kernel replacement (OKD / Fedora CoreOS, rpm-ostree)';
const BOOTC_KERNEL = 'Kernel swap on bootc (dnf)';
const BOOTC_LINT = 'bootc container lint (final step)';
const PLATFORM = 'Multi-arch stage (FROM --platform=$TARGETPLATFORM)';
const IGNORE = 'Layerlint: ignore a rule for the next instruction';
const GLOBAL_IGNORE = 'Layerlint: ignore a rule in the whole file';

const KVER = '6.4.15-200.fc38.x86_64';
const OTHER_KVER = '6.15.4-200.fc42.aarch64';
const dracutFlags = (k: string) => `--no-hostonly --kver ${k} --reproducible -v --add ostree -f /usr/lib/modules/${k}/initramfs.img`;
const kojiUrl = (k: string) => {
  const [, version, release, arch] = /^([^-]+)-(.+)\.([^.]+)$/.exec(k)!;
  return `https://kojipkgs.fedoraproject.org/packages/kernel/${version}/${release}/${arch}/kernel-{,core-,modules-,modules-core-}${k}.rpm`;
};

/** The one tabstop index that fills `--kver` (each snippet uses a single tabstop for the kernel version). */
function kverIndex(parts: Part[]): number {
  const i = parts.findIndex((p) => p.kind === 'text' && p.text.endsWith('--kver '));
  const next = parts[i + 1];
  if (i < 0 || !next || next.kind === 'text') throw new Error('no tabstop after --kver');
  return next.index;
}

const problems = (text: string) => lint(text).filter((d) => d.severity <= 2); // errors and warnings

describe('snippets/containerfile.json', () => {
  it('is valid JSON with prefix, body and description for every snippet', () => {
    expect(Object.keys(snippets).length).toBeGreaterThanOrEqual(5);
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      expect(prefixes.length, name).toBeGreaterThan(0);
      for (const p of prefixes) expect(p, name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(typeof s.description, name).toBe('string');
      expect(Array.isArray(s.body) || typeof s.body === 'string', name).toBe(true);
    }
    const all = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
    expect(new Set(all).size).toBe(all.length);
  });

  it.each(Object.keys(snippets))('"%s" parses and uses its tabstops consistently', (name) => {
    const parts = partsOf(name);
    const d = defaults(parts);
    const byIndex = new Map<number, Part[]>();
    for (const p of parts) if (p.kind !== 'text') byIndex.set(p.index, [...(byIndex.get(p.index) ?? []), p]);
    for (const [index, occ] of byIndex) {
      // At most one occurrence defines the value; the others mirror or transform it.
      const defining = occ.filter((p) => p.kind === 'placeholder' || p.kind === 'choice');
      expect(defining.length, `${name}: tabstop ${index} defined ${defining.length} times`).toBeLessThanOrEqual(1);
      if (occ.some((p) => p.kind === 'transform')) expect(d.has(index), `${name}: transform of undefined tabstop ${index}`).toBe(true);
    }
    // Tabstops are numbered 1..n without gaps ($0 is the final cursor position).
    const numbered = [...byIndex.keys()].filter((n) => n > 0).sort((a, b) => a - b);
    expect(numbered).toEqual(numbered.map((_, k) => k + 1));
    // The expanded text has no snippet syntax left.
    expect(expand(parts)).not.toMatch(/\$\{?\d/);
  });

  describe('kernel replacement with rpm-ostree', () => {
    const parts = partsOf(RPM_OSTREE);

    it('uses one kver tabstop for the Koji URL, --kver and the output path', () => {
      const k = kverIndex(parts);
      const uses = parts.filter((p) => p.kind !== 'text' && p.index === k);
      expect(uses.filter((p) => p.kind === 'placeholder')).toHaveLength(1);
      expect(uses.filter((p) => p.kind === 'transform')).toHaveLength(3); // version, release, arch directories of the URL
      expect(uses.length).toBe(6); // + the RPM file name, --kver, the output path
      const text = expand(parts, { [k]: OTHER_KVER });
      expect(text).not.toContain(KVER);
      expect(text).toContain(kojiUrl(OTHER_KVER));
      expect(text).toContain(dracutFlags(OTHER_KVER));
    });

    it('filled in, contains the exact dracut flags rpm-ostree uses, then cleanup and ostree container commit', () => {
      const text = expand(parts);
      expect(text).toContain(`rpm-ostree override replace ${kojiUrl(KVER)} && \\\n`);
      expect(text).toContain(`/usr/libexec/rpm-ostree/wrapped/dracut ${dracutFlags(KVER)} && \\\n`);
      expect(text).toMatch(/rpm-ostree cleanup -m && \\\n {4}ostree container commit\n$/);
      const skip = expand(parts, { 2: 'RPMOSTREE_CLIWRAP_SKIP=1 dracut' });
      expect(skip).toContain(`    RPMOSTREE_CLIWRAP_SKIP=1 dracut ${dracutFlags(KVER)} && \\\n`);
    });

    it('offers the wrapped dracut (cliwrap on) and RPMOSTREE_CLIWRAP_SKIP=1 dracut', () => {
      const choice = parts.find((p) => p.kind === 'choice');
      expect(choice && choice.kind === 'choice' && choice.options).toEqual(['/usr/libexec/rpm-ostree/wrapped/dracut', 'RPMOSTREE_CLIWRAP_SKIP=1 dracut']);
    });

    it('lints clean on the bases each dracut choice is for', () => {
      expect(problems(`${OKD}\n${expand(parts)}`)).toEqual([]);
      for (const base of [FCOS_LEGACY, FCOS]) {
        expect(problems(`${base}\n${expand(parts, { 2: 'RPMOSTREE_CLIWRAP_SKIP=1 dracut' })}`)).toEqual([]);
      }
      // And the engine does catch the wrong choice: the wrapped path on Fedora CoreOS.
      expect(lint(`${FCOS_LEGACY}\n${expand(parts)}`).map((d) => d.code)).toContain('wrapped-dracut-missing');
    });
  });

  describe('kernel swap on bootc', () => {
    const parts = partsOf(BOOTC_KERNEL);

    it('removes the old set, installs the new one and guards with test -f for the same kver', () => {
      const text = expand(parts, { 1: OTHER_KVER });
      expect(text).toContain('dnf -y remove kernel kernel-core kernel-modules kernel-modules-core && \\\n');
      expect(text).toContain(`dnf -y install ${kojiUrl(OTHER_KVER)} && \\\n`);
      expect(text).toContain(`test -f /usr/lib/modules/${OTHER_KVER}/initramfs.img`);
    });

    it('lints clean on fedora-bootc 42, with bootc container lint as the final step', () => {
      const text = `${BOOTC42}\n${expand(parts)}${expand(partsOf(BOOTC_LINT))}`;
      expect(lint(text)).toEqual([]);
      expect(text.trimEnd().split('\n').at(-1)).toBe('RUN bootc container lint');
    });

    it('is flagged on fedora-bootc 41, where dnf does not regenerate the initramfs (the description says 42+)', () => {
      expect(lint(`${BOOTC41}\n${expand(parts)}`).map((d) => d.code)).toContain('kernel-without-initramfs');
      expect(snippets[BOOTC_KERNEL].description).toMatch(/42\+/);
    });
  });

  it('multi-arch stage: FROM --platform=$TARGETPLATFORM with a literal $', () => {
    const text = expand(partsOf(PLATFORM));
    expect(text.split('\n')[0]).toBe('FROM --platform=$TARGETPLATFORM quay.io/fedora/fedora-bootc:42 AS base');
    expect(lint(`${text}RUN bootc container lint\n`)).toEqual([]);
  });

  it.each([IGNORE, GLOBAL_IGNORE])('"%s" offers exactly the rule codes of the catalogue', (name) => {
    const parts = partsOf(name);
    const choice = parts.find((p) => p.kind === 'choice');
    expect(choice?.kind).toBe('choice');
    if (choice?.kind !== 'choice') return;
    expect(choice.options).toEqual(RULES.map((r) => r.code));
    for (const code of choice.options) {
      const comment = expand(parts, { [choice.index]: code });
      expect(comment).toMatch(name === IGNORE ? /^# layerlint ignore=[a-z-]+$/ : /^# layerlint global ignore=[a-z-]+$/);
    }
  });

  it('the ignore comment suppresses the rule it names', () => {
    const comment = expand(partsOf(IGNORE), { 1: 'kernel-without-initramfs' });
    const text = `${OKD}\nRUN rpm-ostree override replace ${kojiUrl(KVER)}\n`;
    expect(lint(text).map((d) => d.code)).toContain('kernel-without-initramfs');
    const suppressed = `${OKD}\n${comment}\nRUN rpm-ostree override replace ${kojiUrl(KVER)}\n`;
    expect(lint(suppressed).map((d) => d.code)).not.toContain('kernel-without-initramfs');
  });

  it.each(MODES)('expanded snippets highlight as intended (%s)', async (mode) => {
    const text = `${expand(partsOf(PLATFORM))}${expand(partsOf(IGNORE))}\n${expand(partsOf(RPM_OSTREE))}`;
    const t = await tokenize(text, mode);
    expect(t.scopes(0, 'TARGETPLATFORM')).toContain('variable.other.dockerfile');
    expect(t.scopes(2, 'kernel-without-initramfs')).toContain('constant.other.rule-code.layerlint');
    expect(t.scopes(3, 'rpm-ostree')).toContain('support.function.layerlint.rpm-ostree');
    expect(t.scopes(4, '/usr/libexec/rpm-ostree/wrapped/dracut')).toContain('support.function.layerlint.dracut');
    expect(t.scopes(4, KVER)).toContain('constant.other.kver.layerlint');
    expect(t.scopes(6, 'ostree')).toContain('support.function.layerlint.ostree');
  });
});
