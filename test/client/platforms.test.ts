import { describe, expect, it } from 'vitest';
import { KNOWN_PLATFORMS, isPlatform, parsePlatforms, platformItems } from '../../client/src/platforms';

describe('target platforms', () => {
  it('validates os/arch[/variant]', () => {
    expect(KNOWN_PLATFORMS.every(isPlatform)).toBe(true);
    expect(isPlatform('linux')).toBe(false);
    expect(isPlatform('linux/arm64/v8/x')).toBe(false);
    expect(isPlatform('Linux/AMD64')).toBe(false);
  });

  it('lists the configured targets first and picked', () => {
    const items = platformItems(['linux/s390x', 'linux/amd64']);
    expect(items.slice(0, 2)).toEqual([
      { label: 'linux/s390x', description: 'layerlint.platforms', picked: true },
      { label: 'linux/amd64', description: 'layerlint.platforms', picked: true },
    ]);
    expect(items.find((i) => i.label === 'linux/arm64')?.picked).toBe(false);
    expect(new Set(items.map((i) => i.label)).size).toBe(items.length);
  });

  it('parses typed lists', () => {
    expect(parsePlatforms('linux/amd64, LINUX/ARM64 linux/amd64  bogus')).toEqual({ platforms: ['linux/amd64', 'linux/arm64'], invalid: ['bogus'] });
  });
});
