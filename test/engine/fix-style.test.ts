// Quick fixes keep the file's continuation style, indentation and escape character, and change only
// what they must.
import { describe, expect, it } from 'vitest';
import { applyEdits, initEngine, KVER, OKD, REPLACE, withCode } from '../support/engine';

await initEngine();

const DRACUT = `/usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver ${KVER} --reproducible -v --add ostree -f /usr/lib/modules/${KVER}/initramfs.img`;

function fixed(text: string, code: string): string {
  const [d] = withCode(text, code);
  expect(d, `${code} expected`).toBeDefined();
  return applyEdits(text, d.data.fixes[0].edits);
}

describe('fix style', () => {
  it('copies the RUN’s own `&& \\` continuation and indentation', () => {
    const text = `${OKD}\nRUN ${REPLACE} && \\\n      rpm-ostree cleanup -m && \\\n      ostree container commit\n`;
    expect(fixed(text, 'kernel-without-initramfs')).toBe(`${OKD}\nRUN ${REPLACE} && \\\n      ${DRACUT} && \\\n      rpm-ostree cleanup -m && \\\n      ostree container commit\n`);
  });

  it('keeps a backtick escape character', () => {
    const text = `# escape=\`\n${OKD}\nRUN ${REPLACE} && \`\n    ostree container commit\n`;
    expect(fixed(text, 'kernel-without-initramfs')).toBe(`# escape=\`\n${OKD}\nRUN ${REPLACE} && \`\n    ${DRACUT} && \`\n    ostree container commit\n`);
  });

  it('stays on one line in a one-line RUN', () => {
    const text = `${OKD}\nRUN ${REPLACE}; ostree container commit\n`;
    expect(fixed(text, 'kernel-without-initramfs')).toBe(`${OKD}\nRUN ${REPLACE} && ${DRACUT}; ostree container commit\n`);
  });

  it('adds a line with the same indentation in a heredoc script', () => {
    const text = `${OKD}\nRUN <<EOF\n  set -e\n  ${REPLACE}\n  ostree container commit\nEOF\n`;
    expect(fixed(text, 'kernel-without-initramfs')).toBe(`${OKD}\nRUN <<EOF\n  set -e\n  ${REPLACE}\n  ${DRACUT}\n  ostree container commit\nEOF\n`);
  });

  it('inserts after redirections and pipelines, not inside them', () => {
    const text = `${OKD}\nRUN ${REPLACE} 2>&1 | tee /tmp/log && ostree container commit\n`;
    expect(fixed(text, 'kernel-without-initramfs')).toBe(`${OKD}\nRUN ${REPLACE} 2>&1 | tee /tmp/log && ${DRACUT} && ostree container commit\n`);
  });

  it('replaces only the wrong token', () => {
    const text = `${OKD}\nRUN ${REPLACE} && \\\n    ${DRACUT.replace(`--kver ${KVER}`, '--kver 6.4.15-200.x86_64')}\n`;
    const d = withCode(text, 'dracut-kver-mismatch')[0];
    expect(d.data.fixes[0].edits).toEqual([{ range: d.range, newText: KVER }]);
  });

  it('removes a command with one of its separators only', () => {
    const text = `${OKD}\nRUN rpm-ostree cliwrap install-to-root / && \\\n    ${REPLACE} && \\\n    ${DRACUT}\n`;
    expect(fixed(text, 'cliwrap-same-run')).toBe(`${OKD}\nRUN ${REPLACE} && \\\n    ${DRACUT}\n`);
  });

  it('inserts the missing && before a commit that became arguments, instead of a second commit', () => {
    const text = 'FROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree install vim \\\n    ostree container commit\n';
    expect(fixed(text, 'missing-container-commit')).toBe(`FROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree install vim && \\\n    ostree container commit\n`);
  });

  it('offers no removal of cliwrap that a later kernel change relies on to regenerate the initramfs', () => {
    const relied = 'FROM quay.io/fedora/fedora-coreos:39.20231101.3.0\nRUN rpm-ostree cliwrap install-to-root /\nRUN ' + REPLACE + '\n';
    expect(withCode(relied, 'cliwrap-deprecated')[0].data.fixes.map((f) => f.title)).toEqual(['Run install-to-root only where the image is not wrapped yet']);
    const notRelied = `${OKD}\nRUN rpm-ostree cliwrap install-to-root /\nRUN ${REPLACE}\n`;
    expect(withCode(notRelied, 'cliwrap-deprecated')[0].data.fixes.map((f) => f.title)).toEqual(['Remove cliwrap install-to-root', 'Run install-to-root only where the image is not wrapped yet']);
  });

  it('rewrites a mixed kernel set as one brace-expanded word', () => {
    const base = 'https://kojipkgs.fedoraproject.org/packages/kernel/6.4.15/200.fc38/x86_64';
    const text = `${OKD}\nRUN rpm-ostree override replace \\\n      ${base}/kernel-core-${KVER}.rpm \\\n      ${base}/kernel-modules-6.4.14-200.fc38.x86_64.rpm \\\n      ${base}/kernel-modules-core-${KVER}.rpm && \\\n    ${DRACUT}\n`;
    expect(fixed(text, 'kernel-package-set')).toBe(`${OKD}\nRUN rpm-ostree override replace \\\n      ${base}/kernel-{core-,modules-,modules-core-}${KVER}.rpm && \\\n    ${DRACUT}\n`);
  });
});
