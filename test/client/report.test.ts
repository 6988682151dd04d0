import { describe, expect, it } from 'vitest';
import { describeValidation, lensTitle, markdownReport, outputTable, summarize } from '../../client/src/report';
import type { CheckPlatformsResult, PlatformImageResult } from '../../server/src/protocol';

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
    expect(summarize(result([fedora]))).toMatchObject({ level: 'warning', text: 'fedora|odd`name could not be checked: unauthorized: authentication required' });
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
    expect(md).toContain('- Not checked: unauthorized: authentication required');
    expect(md).toContain('- Offers: `linux/amd64`');
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
