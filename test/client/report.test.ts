import { describe, expect, it } from 'vitest';
import { describeValidation, lensTitle, markdownReport, outputTable, summarize } from '../../client/src/report';
import type { CheckPlatformsResult, PlatformImageResult } from '../../shared/protocol';

const MISSING = 'no image found in manifest list for architecture arm64, variant "v8", OS linux';
const DIGEST = `sha256:${'a'.repeat(64)}`;

const okd: PlatformImageResult = {
  image: 'quay.io/openshift/okd-content:4.14',
  reference: 'quay.io/openshift/okd-content:4.14',
  line: 2,
  digest: `sha256:${'1'.repeat(64)}`,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  platforms: ['linux/amd64'],
  error: null,
  results: [
    { platform: 'linux/amd64', status: 'ok', instance: DIGEST, message: 'linux/amd64' },
    { platform: 'linux/arm64', status: 'missing', instance: null, message: MISSING },
  ],
};
const fedora: PlatformImageResult = {
  image: 'fedora|odd`name',
  reference: 'docker.io/library/fedora:40',
  line: 0,
  digest: null,
  mediaType: null,
  platforms: [],
  error: 'unauthorized: authentication required',
  results: [],
};
const result = (images: PlatformImageResult[]): CheckPlatformsResult => ({
  uri: 'file:///w/Containerfile',
  version: 3,
  platforms: ['linux/amd64', 'linux/arm64'],
  images,
  diagnostics: [],
});
const ctx = { document: 'okd/Containerfile', date: new Date(2026, 10, 30, 9, 5, 7) };

describe('summary', () => {
  it('names the missing platform of a single image', () => {
    expect(summarize(result([okd]))).toEqual({ level: 'error', text: 'quay.io/openshift/okd-content:4.14 has no instance for linux/arm64.', missing: 1, errors: 0 });
  });

  it('counts images with gaps and images not checked', () => {
    const s = summarize(result([okd, { ...okd, image: 'b', line: 5 }, fedora]));
    expect(s.level).toBe('error');
    expect(s.text).toBe('2 of 3 base images lack a target platform (linux/arm64). 1 base image could not be checked.');
  });

  it('says why a single image could not be checked, and when all is well', () => {
    expect(summarize(result([fedora]))).toMatchObject({ level: 'warning', text: 'fedora|odd?name could not be checked (the reason is in the report).' });
    // Characters of ordinary names stay.
    expect(summarize(result([{ ...fedora, image: 'reg.example:5000/my_team/base-image:v1.2' }])).text).toBe(
      'reg.example:5000/my_team/base-image:v1.2 could not be checked (the reason is in the report).',
    );
    const ok = { ...okd, results: [okd.results[0]] };
    expect(summarize(result([ok]))).toMatchObject({ level: 'info', text: 'quay.io/openshift/okd-content:4.14 has instances for linux/amd64, linux/arm64.' });
    expect(summarize(result([ok, ok])).text).toBe('2 base images have instances for linux/amd64, linux/arm64.');
    expect(summarize(result([])).text).toMatch(/No base image/);
  });
});

describe('Markdown report', () => {
  const md = markdownReport(result([fedora, okd]), ctx);

  it('has a table row per image with a cell per target', () => {
    expect(md).toContain('# Base image platforms: okd/Containerfile');
    expect(md).toContain('Checked 2026-11-30 09:05:07 for `linux/amd64`, `linux/arm64` (document version 3).');
    expect(md).toContain('| Line | Image | linux/amd64 | linux/arm64 |');
    expect(md).toContain('| 3 | `quay.io/openshift/okd-content:4.14` | ✅ `sha256:aaaaaaaaaaaa…` | ❌ missing |');
  });

  it('escapes pipes and backticks in table cells', () => {
    const row = md.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(row).toBe('| 1 | `` fedora\\|odd`name `` | ⚠️ not checked | ⚠️ not checked |');
    expect(row.split(/(?<!\\)\|/).length).toBe(6);
  });

  it('quotes the runtime error text in the details', () => {
    expect(md).toContain(`- \`linux/arm64\`: **missing**: \`${MISSING}\``);
    expect(md).toContain('- Not checked: `unauthorized: authentication required`');
    expect(md).toContain('- Offers: `linux/amd64`');
  });
});

describe('hostile registry and Containerfile text', () => {
  const LINK = '[Open](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)';
  const hostileImage = `quay.io/x${LINK}<img src=x onerror=alert(1)>\u001b]0;pwned\u0007\u202e`;
  const hostile: PlatformImageResult = {
    ...okd,
    image: hostileImage,
    mediaType: `application/vnd.oci.image.index.v1+json${LINK}`,
    platforms: [`linux/amd64${LINK}`],
    results: [
      { platform: 'linux/amd64', status: 'ok', instance: DIGEST, message: 'ok' },
      { platform: 'linux/arm64', status: 'error', instance: null, message: `token service at https://evil/${LINK} failed: 500\n\n${LINK}` },
    ],
  };
  const unchecked: PlatformImageResult = { ...fedora, image: `\`${LINK}\``, error: `authentication required by evil ${LINK} (${LINK})\n\n# ${LINK}` };

  it('notifications carry no link, HTML, control character nor registry text; names are capped', () => {
    for (const images of [[hostile], [unchecked], [hostile, unchecked], [{ ...hostile, results: [hostile.results[0]] }]]) {
      const { text } = summarize(result(images));
      expect(text).not.toMatch(/[[\]<>`\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(text).not.toMatch(/\]\(|evil/);
    }
    expect(summarize(result([unchecked])).text).toBe(
      `${'??Open??command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D??'.slice(0, 79)}… could not be checked (the reason is in the report).`,
    );
    const { text } = summarize(result([{ ...hostile, results: [{ ...hostile.results[1], status: 'missing' }] }]));
    expect(text).toBe(
      `${`quay.io/x?Open??command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D??img src=x onerror=alert?1??]0;pwned`.slice(0, 79)}… has no instance for linux/arm64.`,
    );
  });

  it('the Markdown report renders registry and file text as text: no link, image, HTML nor control character', () => {
    const md = markdownReport(result([hostile, unchecked]), { ...ctx, document: `evil/${LINK}<script>x</script>` });
    // Outside code spans nothing can start a link or an element; inside them, nothing renders.
    const outsideCode = md.replace(/(`+)[^`]*?(?:`(?!`)[^`]*?)*?\1/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)[[<]/);
    expect(md).not.toMatch(/\u001b|\u0007|\u202e/);
    expect(md).toContain('\\u001b]0;pwned\\u0007\\u202e');
    // Every line keeps its meaning: the blank line inside the error does not start a heading.
    expect(
      md
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.slice(0, 30)),
    ).toEqual(['# Base image platforms: evil/\\', '## Details', '### Line 3: `quay.io/x[Open](c', '### Line 1: `` `[Open](command']);
    expect(md).toContain(`- Not checked: \`authentication required by evil ${LINK} (${LINK})\\u000a\\u000a# ${LINK}\``);
    expect(md).toContain(`- Digest: \`${okd.digest}\` (\`application/vnd.oci.image.index.v1+json${LINK}\`)`);
  });

  it('the output channel keeps the registry text, its control characters escaped', () => {
    const table = outputTable(result([unchecked]), ctx);
    expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(table).toContain(`  line 1 \`${LINK}\`: authentication required by evil ${LINK} (${LINK})\\u000a\\u000a# ${LINK}`);
  });

  it('code-lens titles carry no icon syntax or control character from the registry', () => {
    expect(lensTitle({ ...fedora, error: 'denied $(check) ok\u001b[2K' })).toBe('$(warning) platforms not checked: denied \\$(check) ok\\u001b[2K');
  });
});

describe('output table', () => {
  it('aligns columns and lists the misses', () => {
    const lines = outputTable(result([okd]), ctx).split('\n');
    expect(lines[0]).toBe('[2026-11-30 09:05:07] okd/Containerfile: quay.io/openshift/okd-content:4.14 has no instance for linux/arm64.');
    expect(lines[1]).toMatch(/^LINE\s{2}IMAGE\s+linux\/amd64\s+linux\/arm64$/);
    expect(lines[2]).toMatch(/^3\s+quay\.io\/openshift\/okd-content:4\.14\s+ok sha256:aaaaaaaaaaaa…\s+MISSING$/);
    expect(lines[1].indexOf('linux/arm64')).toBe(lines[2].indexOf('MISSING'));
    expect(lines[3]).toBe(`  line 3 quay.io/openshift/okd-content:4.14 linux/arm64: ${MISSING}`);
  });
});

describe('code lens and status text', () => {
  it('shows one entry per checked platform', () => {
    expect(lensTitle(okd)).toBe('$(check) linux/amd64  $(error) linux/arm64 missing');
    expect(lensTitle(fedora)).toBe('$(warning) platforms not checked: unauthorized: authentication required');
    expect(lensTitle({ ...fedora, error: 'x'.repeat(100) }).length).toBeLessThan(120);
  });

  it('describes the last validation', () => {
    expect(describeValidation({ uri: 'file:///w/okd/Containerfile%20x', version: 7, durationMs: 3.14, diagnostics: 1 }, ctx.date)).toBe(
      'Last validation: Containerfile x (v7) at 09:05:07, 3.1 ms, 1 problem',
    );
    expect(describeValidation({ uri: 'untitled:Untitled-1', version: 1, durationMs: 42.4, diagnostics: 0 }, ctx.date)).toMatch(/untitled:Untitled-1 .* 42 ms, 0 problems$/);
  });
});
