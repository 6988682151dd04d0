// Exec-form RUN and `sh -c` scripts (issue 17, item 3): read as the shell runs them, with ranges in
// the original text; no fix is offered that would edit inside their quotes or JSON (a fix's shell
// text would break them), and the fixes that are offered make nothing worse.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { execFormShellText } from '../../server/src/engine/shell/exec-form';
import { applyEdits, initEngine, KVER, OKD, rangeOf, REPLACE, WRAPPED_DRACUT } from '../support/engine';

beforeAll(async () => {
  await initEngine();
});

describe('execFormShellText', () => {
  it('single-quoted words of the same length: every offset is the document offset', () => {
    const json = ' ["rpm-ostree", "override",\t"replace"]';
    const shell = execFormShellText(json)!;
    expect(shell).toBe("  'rpm-ostree'  'override'  'replace' ");
    expect(shell).toHaveLength(json.length);
  });

  it('strings with escapes keep their double quotes, with $ and backquotes blanked (no shell expands them)', () => {
    expect(execFormShellText('["echo", "a\\"b $X `y`"]')).toBe(` 'echo'  "a\\"b  X  y " `);
  });

  it('not a JSON array of strings: undefined', () => {
    for (const bad of ['["a", 1]', '["a" "b"]', '["a",', 'a"]']) expect(execFormShellText(bad), bad).toBeUndefined();
  });
});

const DRACUT_HOST = 'dracut -f --kver "$(uname -r)"';
const TEXTS = [
  `RUN ["dracut", "-f", "--kver", "${KVER}"]`,
  `RUN ["/bin/sh", "-c", "${REPLACE} && dracut -f"]`,
  `RUN bash -c '${REPLACE} && ${DRACUT_HOST}'`,
  `RUN bash -c "${REPLACE} && dracut -f --kver \\"$(uname -r)\\""`,
  `RUN sh -c 'rpm-ostree cliwrap install-to-root / && dracut -f'`,
].map((run) => `${OKD}\n${run}\n`);

describe('findings inside exec form and sh -c scripts', () => {
  it.each(TEXTS)('no fix edits inside the quotes, and every fix offered adds no finding: %s', (text) => {
    const a = analyze(text);
    expect(a.internalErrors).toEqual([]);
    expect(a.diagnostics.length).toBeGreaterThan(0);
    const quotedFrom = text.indexOf('RUN ') + 4;
    const quotedTo = text.lastIndexOf(text.includes('RUN [') ? ']' : text.includes("-c '") ? "'" : '"');
    for (const d of a.diagnostics) {
      for (const fix of d.data.fixes) {
        for (const e of fix.edits) {
          const start = a.document.lines.offsetAt(e.range.start);
          expect(start < quotedFrom || start > quotedTo, `${d.code}: ${fix.title}`).toBe(true);
        }
        const before = a.diagnostics.map((x) => x.code);
        const after = analyze(applyEdits(text, fix.edits)).diagnostics.map((x) => x.code);
        for (const code of new Set(after)) expect(after.filter((c) => c === code).length, `${d.code}: ${fix.title} adds ${code}`).toBeLessThanOrEqual(before.filter((c) => c === code).length);
      }
    }
  });

  it('ranges point into the original text: uname -r inside a double-quoted bash -c script', () => {
    const text = TEXTS[3];
    const found = analyze(text).diagnostics.find((d) => d.code === 'build-host-kernel');
    expect(found?.range).toEqual(rangeOf(text, '$(uname -r)'));
  });

  it('dracut inside sh -c after the swap counts as the regeneration; its variables stay in the child shell', () => {
    const text = `${OKD}\nRUN ${REPLACE} && sh -c 'K=${KVER}; ${WRAPPED_DRACUT.replace(KVER, '$K').replace(KVER, '$K')}' && ostree container commit\n`;
    const codes = analyze(text).diagnostics.map((d) => d.code);
    expect(codes).not.toContain('kernel-without-initramfs');
    expect(codes).not.toContain('dracut-kver-mismatch');
  });
});
