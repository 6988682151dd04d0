// Editor services of the engine, without a server: disable-comment edits, fix-all, hover, completion.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, initEngine, lint } from '../../server/src/engine';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { disableForFile, disableForInstruction } from '../../server/src/engine/fixes/suppress';
import { codeActions, fixAllEdits, minimalEdit } from '../../server/src/engine/services/actions';
import { completion } from '../../server/src/engine/services/completion';
import { hover } from '../../server/src/engine/services/hover';

beforeAll(async () => {
  await initEngine();
});

const OKD = 'FROM quay.io/openshift/okd-content:4.14\nRUN rpm-ostree override replace https://example.com/kernel-6.4.15-200.fc38.x86_64.rpm && \\\n    ostree container commit\n';
const offsetOf = (text: string, needle: string) => text.indexOf(needle);

describe('disable comments', () => {
  it('inserts an ignore comment above the instruction with its indentation and line ending', () => {
    const text = OKD.replaceAll('\n', '\r\n').replace('RUN', '  RUN');
    const a = analyze(text);
    const edit = disableForInstruction(a.document, 'kernel-without-initramfs', offsetOf(text, 'override'))!;
    const after = applyEdits(text, [edit]);
    expect(after.split('\r\n')[1]).toBe('  # layerlint ignore=kernel-without-initramfs');
    expect(after.replace('  # layerlint ignore=kernel-without-initramfs\r\n', '')).toBe(text);
    expect(lint(after).map((d) => d.code)).not.toContain('kernel-without-initramfs');
  });

  it('merges into an existing ignore comment and offers nothing when the code is already there', () => {
    const text = OKD.replace('RUN', '# some note\n# layerlint ignore=missing-container-commit\nRUN');
    const a = analyze(text);
    const edit = disableForInstruction(a.document, 'kernel-without-initramfs', offsetOf(text, 'override'))!;
    const after = applyEdits(text, [edit]);
    expect(after).toContain('# layerlint ignore=missing-container-commit,kernel-without-initramfs\nRUN');
    expect(disableForInstruction(analyze(after).document, 'kernel-without-initramfs', offsetOf(after, 'override'))).toBeUndefined();
  });

  it('puts the file-wide ignore after parser directives, or merges into an existing one', () => {
    const text = `# syntax=docker/dockerfile:1\n# escape=\`\n${OKD}`;
    const after = applyEdits(text, [disableForFile(analyze(text).document, 'kernel-without-initramfs')!]);
    expect(after.split('\n').slice(0, 3)).toEqual(['# syntax=docker/dockerfile:1', '# escape=`', '# layerlint global ignore=kernel-without-initramfs']);
    const again = applyEdits(after, [disableForFile(analyze(after).document, 'dracut-hostonly')!]);
    expect(again.split('\n')[2]).toBe('# layerlint global ignore=kernel-without-initramfs,dracut-hostonly');
    expect(disableForFile(analyze(again).document, 'dracut-hostonly')).toBeUndefined();
  });

  it('handles a file that is only a directive, and an empty file', () => {
    expect(applyEdits('# escape=`', [disableForFile(analyze('# escape=`').document, 'x')!])).toBe('# escape=`\n# layerlint global ignore=x\n');
    expect(applyEdits('', [disableForFile(analyze('').document, 'x')!])).toBe('# layerlint global ignore=x\n');
  });
});

describe('fix-all', () => {
  it('applies every preferred fix, re-linting between rounds, as one minimal edit', () => {
    const edits = fixAllEdits(OKD, {});
    expect(edits).toHaveLength(1);
    const after = applyEdits(OKD, edits);
    expect(lint(OKD).some((d) => d.code === 'kernel-without-initramfs')).toBe(true);
    expect(lint(after).filter((d) => d.severity === 1)).toEqual([]);
    expect(after.startsWith('FROM quay.io/openshift/okd-content:4.14\nRUN rpm-ostree override replace')).toBe(true);
  });

  it('offers nothing on a clean file', () => {
    const clean = 'FROM registry.fedoraproject.org/fedora:40\nRUN dnf -y install vim\n';
    expect(fixAllEdits(clean, {})).toEqual([]);
    expect(codeActions(analyze(clean), { uri: 'u', diagnostics: [] }, {})).toEqual([]);
  });

  it('minimal edits never split a CRLF or a surrogate pair', () => {
    const e = minimalEdit('a\r\nb', 'a\nb');
    expect(applyEdits('a\r\nb', [e])).toBe('a\nb');
    expect(e.range.start).toEqual({ line: 0, character: 1 });
    const s = minimalEdit('x\u{1F600}y', 'x\u{1F601}y');
    expect(s.newText).toBe('\u{1F601}');
  });
});

describe('hover and completion', () => {
  it('hovers the kernel RPM with its range', () => {
    const a = analyze(OKD);
    const at = a.document.lines.positionAt(offsetOf(OKD, 'kernel-6.4'));
    const h = hover(a, at)!;
    expect((h.contents as { value: string }).value).toContain('/usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img');
    expect(h.range).toEqual({ start: { line: 1, character: 32 }, end: { line: 1, character: 32 + 'https://example.com/kernel-6.4.15-200.fc38.x86_64.rpm'.length } });
  });

  it('returns nothing on plain text and completes nothing outside commands it knows', () => {
    const text = 'FROM fedora:40\nRUN echo hello\n';
    const a = analyze(text);
    expect(hover(a, { line: 1, character: 6 })).toBeNull();
    expect(completion(a, { line: 1, character: 14 })).toEqual([]);
  });

  it('completes --kver values in a continuation line after a backtick escape', () => {
    const text = '# escape=`\nFROM quay.io/openshift/okd-content:4.14\nRUN rpm-ostree override replace https://e.com/kernel-core-6.5.5-200.fc38.x86_64.rpm && `\n    dracut --kver `\n    ';
    const a = analyze(text);
    expect(completion(a, { line: 4, character: 4 }).map((i) => i.label)).toEqual(['6.5.5-200.fc38.x86_64']);
  });
});

// Issue 17, item 5: what another editor's user hovers and completes first.
describe('hover on rpm-ostree verbs, dracut and initramfs paths; completion of commands and variables', () => {
  const text = [
    'ARG KVER=6.4.15-200.fc38.x86_64',
    'FROM quay.io/openshift/okd-content:4.14',
    'ENV TOOLS=/opt/tools',
    'RUN rpm-ostree kargs --append=quiet && rpm-ostree override replace https://e.com/kernel-core-6.4.15-200.fc38.x86_64.rpm && \\',
    '    dracut --kver 6.4.15-200.fc38.x86_64 -f /usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img && \\',
    '    dracut -f /boot/initramfs-6.4.15-200.fc38.x86_64.img',
    '',
  ].join('\n');
  const hoverAt = (needle: string, occurrence = 1) => {
    const a = analyze(text);
    let at = -1;
    for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
    const h = hover(a, a.document.lines.positionAt(at + 1));
    return { value: (h?.contents as { value: string } | undefined)?.value ?? '', range: h?.range, expected: a.document.lines.range(at, at + needle.length) };
  };

  it('an rpm-ostree verb that works in a build, and one that needs the daemon', () => {
    const replace = hoverAt('replace');
    expect(replace.value).toMatch(/^\*\*rpm-ostree `override replace`\*\* \(works in a container build\)/);
    expect(replace.range).toEqual(replace.expected);
    const kargs = hoverAt('kargs');
    expect(kargs.value).toMatch(/^\*\*rpm-ostree `kargs`\*\* needs the rpm-ostree daemon: it fails in a container build\.\n\nInstead, put kernel arguments in \/usr\/lib\/bootc\/kargs\.d/);
    expect(kargs.range).toEqual(kargs.expected);
  });

  it('the dracut command word', () => {
    const h = hoverAt('dracut');
    expect(h.value).toContain('**dracut** builds an initramfs.');
    expect(h.value).toContain('dracut --no-hostonly --kver <kver> --reproducible --add ostree -f /usr/lib/modules/<kver>/initramfs.img');
    expect(h.range).toEqual(h.expected);
  });

  it('the initramfs path, in /usr/lib/modules and in /boot', () => {
    const usr = hoverAt('/usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img');
    expect(usr.value).toMatch(/^\*\*initramfs\*\* of kernel `6\.4\.15-200\.fc38\.x86_64`/);
    expect(usr.range).toEqual(usr.expected);
    const boot = hoverAt('/boot/initramfs-6.4.15-200.fc38.x86_64.img');
    expect(boot.value).toContain('Write `/usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img` instead.');
  });

  it('completes command names on an empty `RUN ` and on `rpm-`, and not after a command word', () => {
    for (const line of ['RUN ', 'RUN rpm-', 'RUN --network=none dra', 'RUN dnf -y install vim && rpm-']) {
      const t = `FROM quay.io/fedora/fedora-coreos:stable\n${line}`;
      expect(
        completion(analyze(t), { line: 1, character: line.length }).map((i) => i.label),
        line,
      ).toEqual(['rpm-ostree', 'dracut', '/usr/libexec/rpm-ostree/wrapped/dracut', 'ostree container commit', 'bootc container lint', 'dnf', 'depmod']);
    }
    expect(completion(analyze('FROM fedora:40\nRUN echo hel'), { line: 1, character: 12 })).toEqual([]);
  });

  it('after $ and ${: the ARG and ENV names declared above (global ARGs, this stage)', () => {
    const t =
      'ARG BASE=x\nFROM quay.io/fedora/fedora-coreos:stable AS one\nARG KVER\nENV A=1 B=2\nENV LEGACY some value\nFROM quay.io/fedora/fedora-coreos:stable\nARG OTHER\nRUN echo $\nRUN echo ${K';
    const labels = (line: number, character: number) => completion(analyze(t), { line, character }).map((i) => i.label);
    expect(labels(7, 10)).toEqual(['BASE', 'OTHER']);
    expect(labels(8, 12)).toEqual(['BASE', 'OTHER']);
    const inFirst = 'ARG BASE=x\nFROM quay.io/fedora/fedora-coreos:stable\nARG KVER\nENV A=1 B=2\nENV LEGACY some value\nRUN dracut --kver $';
    expect(completion(analyze(inFirst), { line: 5, character: 19 }).map((i) => i.label)).toEqual(['BASE', 'KVER', 'A', 'B', 'LEGACY']);
  });

  it('offers cliwrap install-to-root only as deprecated, sorted last among the build verbs', () => {
    const t = 'FROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree ';
    const items = completion(analyze(t), { line: 1, character: 15 });
    const cliwrap = items.find((i) => i.label === 'cliwrap install-to-root')!;
    expect(cliwrap.tags).toEqual([1]);
    expect(cliwrap.detail).toBe('deprecated: Layerlint warns on it (cliwrap-deprecated)');
    const buildVerbs = items.filter((i) => !i.sortText?.startsWith('z'));
    expect([...buildVerbs].sort((x, y) => (x.sortText ?? x.label).localeCompare(y.sortText ?? y.label)).at(-1)?.label).toBe('cliwrap install-to-root');
  });
});
