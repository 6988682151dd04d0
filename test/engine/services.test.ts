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
