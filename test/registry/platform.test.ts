import { describe, expect, it } from 'vitest';
import { chooseInstance, findMislabeled, parsePlatform, wantedPlatforms, type IndexEntry, type ListKind } from '../../server/src/registry/platform';

const fmt = (ps: ReturnType<typeof wantedPlatforms>) => ps.map((p) => `${p.os}/${p.architecture}/${p.variant}`);
const entries = (...labels: string[]): IndexEntry[] =>
  labels.map((l, i) => {
    const [os, architecture, variant] = l.split('/');
    return { digest: `sha256:${String(i).padStart(64, '0')}`, platform: { os, architecture, ...(variant ? { variant } : {}) } };
  });
function pick(kind: ListKind, labels: string[], target: string): string {
  const list = entries(...labels);
  const c = chooseInstance(kind, list, parsePlatform(target)!);
  if ('error' in c) return c.error;
  return labels[list.indexOf(c.instance)];
}

describe('wanted platforms (containers/image order)', () => {
  it('follows the variant compatibility table', () => {
    expect(fmt(wantedPlatforms(parsePlatform('linux/arm/v7')!))).toEqual(['linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5', 'linux/arm/']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/arm/v6')!))).toEqual(['linux/arm/v6', 'linux/arm/v5', 'linux/arm/']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/arm')!))).toEqual(['linux/arm/', 'linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/arm64')!))).toEqual(['linux/arm64/', 'linux/arm64/v8']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/arm64/v8')!))).toEqual(['linux/arm64/v8', 'linux/arm64/']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/arm64/v9')!))).toEqual(['linux/arm64/v9', 'linux/arm64/']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/amd64')!))).toEqual(['linux/amd64/']);
    expect(fmt(wantedPlatforms(parsePlatform('linux/amd64/v3')!))).toEqual(['linux/amd64/v3', 'linux/amd64/']);
  });
  it('rejects malformed targets', () => {
    for (const t of ['linux', 'linux/', '/amd64', 'a/b/c/d', 'linux/amd 64']) expect(parsePlatform(t)).toBeUndefined();
  });
});

describe('instance choice: the verdicts observed with containers/image (https://github.com/containers/image)', () => {
  const L = 'manifest list';
  const I = 'image index';
  it.each([
    [L, ['linux/amd64'], 'linux/arm64/v8', 'choosing image instance: no image found in manifest list for architecture arm64, variant "v8", OS linux'],
    [I, ['linux/amd64'], 'linux/arm64/v8', 'choosing image instance: no image found in image index for architecture arm64, variant "v8", OS linux'],
    [I, ['linux/amd64'], 'linux/arm64', 'choosing image instance: no image found in image index for architecture arm64, variant "", OS linux'],
    [L, ['linux/amd64', 'linux/arm64/v8'], 'linux/arm64', 'linux/arm64/v8'],
    [L, ['linux/arm64/v8', 'linux/arm64'], 'linux/arm64', 'linux/arm64'],
    [L, ['linux/arm64', 'linux/arm64/v8'], 'linux/arm64/v8', 'linux/arm64/v8'],
    [L, ['linux/arm/v6', 'linux/arm/v7'], 'linux/arm', 'linux/arm/v7'],
    [L, ['linux/arm/v6', 'linux/arm/v7'], 'linux/arm/v5', 'choosing image instance: no image found in manifest list for architecture arm, variant "v5", OS linux'],
    [L, ['linux/arm/v5'], 'linux/arm/v7', 'linux/arm/v5'],
    [L, ['linux/arm'], 'linux/arm/v6', 'linux/arm'],
    [L, ['linux/arm64/v9'], 'linux/arm64', 'choosing image instance: no image found in manifest list for architecture arm64, variant "", OS linux'],
    [L, ['linux/arm64/v9'], 'linux/arm64/v8', 'choosing image instance: no image found in manifest list for architecture arm64, variant "v8", OS linux'],
    [L, ['linux/amd64/v3'], 'linux/amd64', 'choosing image instance: no image found in manifest list for architecture amd64, variant "", OS linux'],
    [L, ['linux/amd64/v2', 'linux/amd64'], 'linux/amd64', 'linux/amd64'],
    [L, ['linux/aarch64'], 'linux/arm64', 'choosing image instance: no image found in manifest list for architecture arm64, variant "", OS linux'],
    [L, ['Linux/amd64'], 'linux/amd64', 'choosing image instance: no image found in manifest list for architecture amd64, variant "", OS linux'],
    [L, ['windows/amd64', 'linux/amd64'], 'windows/amd64', 'windows/amd64'],
    [L, ['windows/amd64', 'linux/amd64'], 'linux/amd64', 'linux/amd64'],
  ] as const)('%s %j → %s → %s', (kind, labels, target, want) => {
    expect(pick(kind, [...labels], target)).toBe(want);
  });
  it('takes the first of two equal entries', () => {
    const list = entries('linux/amd64', 'linux/amd64');
    const c = chooseInstance('image index', list, parsePlatform('linux/amd64')!);
    expect('instance' in c && c.instance).toBe(list[0]);
  });
});

describe('mislabelled entries', () => {
  it('names aarch64, x86_64, armhf, i386 and OS Linux with what a runtime would match', () => {
    const found = findMislabeled(entries('linux/aarch64', 'linux/x86_64', 'linux/armhf', 'linux/i386', 'Linux/amd64', 'linux/arm64/v8', 'linux/amd64', 'linux/arm/v7'));
    expect(found.map((m) => `${m.label} → ${m.canonical}`)).toEqual([
      'linux/aarch64 → linux/arm64',
      'linux/x86_64 → linux/amd64',
      'linux/armhf → linux/arm/v7',
      'linux/i386 → linux/386',
      'Linux/amd64 → linux/amd64',
    ]);
  });
  it('leaves attestation entries out', () => {
    const list: IndexEntry[] = [{ digest: 'sha256:1', platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } }];
    expect(findMislabeled(list)).toEqual([]);
  });
});

describe('target lists (one reader for the CLI, the language server and the defaults)', () => {
  it('takes the defaults when none are given, drops repeats, and names the first malformed entry', async () => {
    const { DEFAULT_PLATFORMS, invalidPlatform, targetPlatforms } = await import('../../server/src/reference/platform-name');
    const { DEFAULT_SETTINGS } = await import('../../shared/protocol');
    expect(targetPlatforms(undefined)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(targetPlatforms([])).toEqual([...DEFAULT_PLATFORMS]);
    expect(DEFAULT_SETTINGS.platforms).toEqual([...DEFAULT_PLATFORMS]);
    expect(targetPlatforms(['linux/s390x', 'linux/arm/v7', 'linux/s390x'])).toEqual(['linux/s390x', 'linux/arm/v7']);
    expect(invalidPlatform(['linux/amd64', 'linux/arm64/v8'])).toBeUndefined();
    expect(invalidPlatform(['linux/amd64', 'linux', 'a/b/c/d'])).toEqual({ value: 'linux' });
    expect(invalidPlatform(['linux/amd64', 42])).toEqual({ value: 42 });
  });
});
