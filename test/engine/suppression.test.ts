import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/engine';
import { codeActions, fixAllEdits } from '../../server/src/engine/services/actions';
import { applyEdits, initEngine, lint, OKD, rangeOf, REPLACE } from '../support/engine';

await initEngine();

const codes = (text: string) =>
  lint(text)
    .map((d) => d.code)
    .sort();
const RECIPE = `RUN rpm-ostree cliwrap install-to-root / && \\\n    ${REPLACE}`;

describe('suppression comments', () => {
  it('reports everything without comments', () => {
    expect(codes(`${OKD}\n${RECIPE}\n`)).toEqual(['cliwrap-deprecated', 'cliwrap-same-run', 'kernel-without-initramfs', 'missing-container-commit']);
  });

  it('takes a list, over several comment lines directly above the instruction', () => {
    const text = `${OKD}\n# layerlint ignore=cliwrap-deprecated, cliwrap-same-run\n# why: we pin rpm-ostree\n#layerlint ignore=missing-container-commit\n${RECIPE}\n`;
    expect(codes(text)).toEqual(['kernel-without-initramfs']);
  });

  it('does not reach past a blank line or another instruction', () => {
    expect(codes(`${OKD}\n# layerlint ignore=kernel-without-initramfs\n\n${RECIPE}\n`)).toContain('kernel-without-initramfs');
    expect(codes(`# layerlint ignore=kernel-without-initramfs\n${OKD}\n${RECIPE}\n`)).toContain('kernel-without-initramfs');
  });

  it('applies a global ignore anywhere in the file', () => {
    expect(codes(`${OKD}\n${RECIPE}\n# layerlint global ignore=cliwrap-deprecated,missing-container-commit\n`)).toEqual(['cliwrap-same-run', 'kernel-without-initramfs']);
  });

  it('applies severity overrides and "off"', () => {
    const ds = lint(`${OKD}\n${RECIPE}\n`, { severities: { 'kernel-without-initramfs': 'hint', 'cliwrap-deprecated': 'off' } });
    expect(ds.find((d) => d.code === 'kernel-without-initramfs')?.severity).toBe(4);
    expect(ds.map((d) => d.code)).not.toContain('cliwrap-deprecated');
  });
});

describe('ignore comments with a reason, and turned off', () => {
  it('takes `# reason` after the codes, locally and globally', () => {
    const local = `${OKD}\n# layerlint ignore=cliwrap-deprecated,cliwrap-same-run  # pinned rpm-ostree 2024.6, see INC-42\n${RECIPE}\n`;
    expect(codes(local)).toEqual(['kernel-without-initramfs', 'missing-container-commit']);
    const global = `# layerlint global ignore=missing-container-commit # not an rpm-ostree base in production\n${OKD}\n${RECIPE}\n`;
    expect(codes(global)).toEqual(['cliwrap-deprecated', 'cliwrap-same-run', 'kernel-without-initramfs']);
    const crlf = `# layerlint global ignore=missing-container-commit # why\r\n${OKD}\r\n${RECIPE.replace(/\n/g, '\r\n')}\r\n`;
    expect(codes(crlf)).not.toContain('missing-container-commit');
  });

  it('ignoreComments: false reports what the comments silence', () => {
    const text = `# layerlint global ignore=missing-container-commit\n${OKD}\n# layerlint ignore=cliwrap-deprecated # why\n${RECIPE}\n`;
    expect(codes(text)).toEqual(['cliwrap-same-run', 'kernel-without-initramfs']);
    expect(
      lint(text, { ignoreComments: false })
        .map((d) => d.code)
        .sort(),
    ).toEqual(['cliwrap-deprecated', 'cliwrap-same-run', 'kernel-without-initramfs', 'missing-container-commit']);
  });
});

describe('unknown codes and ignores that suppress nothing (issue 15, item 5)', () => {
  const FIXED_RUN = `RUN ${REPLACE} && \\\n    /usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver 6.4.15-200.fc38.x86_64 --reproducible -v --add ostree -f /usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img && \\\n    ostree container commit`;
  const removed = (text: string, code: string) => {
    const d = lint(text).find((x) => x.code === code)!;
    expect(d.data.fixes).toHaveLength(1);
    return applyEdits(text, d.data.fixes[0].edits);
  };

  it('are hints marked unnecessary, covering the code, with a message naming it', () => {
    const text = `${OKD}\n# layerlint ignore=kernel-without-initramfs, kernel-without-initrd  # INC-42\n${FIXED_RUN}\n`;
    const ds = lint(text);
    expect(ds.map((d) => d.code).sort()).toEqual(['unknown-ignore', 'unused-ignore']);
    const unknown = ds.find((d) => d.code === 'unknown-ignore')!;
    expect(unknown.severity).toBe(DiagnosticSeverity.Hint);
    expect(unknown.tags).toEqual([DiagnosticTag.Unnecessary]);
    expect(unknown.range).toEqual(rangeOf(text, 'kernel-without-initrd'));
    expect(unknown.message).toContain('"kernel-without-initrd" is no Layerlint rule code');
    const unused = ds.find((d) => d.code === 'unused-ignore')!;
    expect(unused.range).toEqual(rangeOf(text, 'kernel-without-initramfs'));
    expect(unused.message).toBe('kernel-without-initramfs reports nothing for the RUN below: this ignore suppresses nothing.');
  });

  it('"remove" takes only the code and one separator, keeping the other codes and the reason', () => {
    const middle = `${OKD}\n# layerlint ignore=cliwrap-deprecated, no-such-rule,kernel-without-initramfs  # INC-42\n${RECIPE}\n`;
    expect(removed(middle, 'unknown-ignore')).toBe(middle.replace('no-such-rule,', ''));
    const last = `${OKD}\n# layerlint ignore=kernel-without-initramfs,  no-such-rule # INC-42\n${RECIPE}\n`;
    expect(removed(last, 'unknown-ignore')).toBe(last.replace(',  no-such-rule', ''));
    const global = `# layerlint global ignore=missing-container-commit,dracut-hostonly # audited\n${OKD}\n${RECIPE}\n`;
    expect(removed(global, 'unused-ignore')).toBe(global.replace(',dracut-hostonly', ''));
  });

  it('"remove" takes the whole comment line when its only code goes, whatever the line ending', () => {
    const text = `${OKD}\n# some note\n# layerlint ignore=no-such-rule  # INC-42\n${FIXED_RUN}\n`;
    expect(removed(text, 'unknown-ignore')).toBe(text.replace('# layerlint ignore=no-such-rule  # INC-42\n', ''));
    const crlf = text.replace(/\n/g, '\r\n');
    expect(removed(crlf, 'unknown-ignore')).toBe(crlf.replace('# layerlint ignore=no-such-rule  # INC-42\r\n', ''));
    const lastLine = `${OKD}\n${FIXED_RUN}\n# layerlint global ignore=dracut-hostonly`;
    expect(removed(lastLine, 'unused-ignore')).toBe(`${OKD}\n${FIXED_RUN}`);
  });

  it('a fix that removes what an ignore silenced makes that ignore a hint, never a warning', () => {
    const text = `${OKD}\n# layerlint ignore=dracut-missing-force\n${FIXED_RUN.replace(' -f ', ' ')}\n`;
    expect(codes(text)).toEqual([]);
    expect(codes(text.replace(' --add ostree ', ' --add ostree -f '))).toEqual(['unused-ignore']);
  });

  it('code actions: "remove", and "disable for this file", but no ignore above the instruction before the comment', () => {
    const text = `${OKD}\n# layerlint ignore=no-such-rule\n${FIXED_RUN}\n`;
    const a = analyze(text);
    const titles = codeActions(a, { uri: 'file:///c', diagnostics: a.diagnostics, only: ['quickfix'] }, {}).map((x) => x.title);
    expect(titles).toEqual(['Remove the ignore comment (no-such-rule)', 'Disable unknown-ignore for this file']);
  });

  it('--fix (fix-all) clears them', () => {
    const text = `${OKD}\n# layerlint ignore=no-such-rule, dracut-hostonly,kernel-without-initramfs # why\n${RECIPE}\n`;
    const after = applyEdits(text, fixAllEdits(text, {}));
    expect(after).toContain('# layerlint ignore=kernel-without-initramfs # why\n');
    expect(lint(after).filter((d) => d.code.endsWith('-ignore'))).toEqual([]);
  });
});
