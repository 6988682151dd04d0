import { describe, expect, it } from 'vitest';
import { initEngine, lint, OKD, REPLACE } from '../support/engine';

await initEngine();

const codes = (text: string) => lint(text).map((d) => d.code).sort();
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
    expect(lint(text, { ignoreComments: false }).map((d) => d.code).sort()).toEqual(['cliwrap-deprecated', 'cliwrap-same-run', 'kernel-without-initramfs', 'missing-container-commit']);
  });
});
