import { describe, expect, it } from 'vitest';
import { KNOWN_PLATFORMS, isPlatform, parsePlatforms, platformItems, registryHosts } from '../../client/src/platforms';

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

describe('registries a check contacts', () => {
  it('names the hosts of the FROM images, skipping scratch and stages', () => {
    const text = [
      'ARG BASE=quay.io/fedora/fedora-coreos:stable',
      'FROM --platform=$BUILDPLATFORM registry.fedoraproject.org/fedora:40 AS build',
      'FROM build AS again',
      'FROM scratch',
      'FROM \\',
      '  localhost:5000/okd/machine-os:4.14',
      'from ubuntu:24.04',
      'FROM $BASE',
      'FROM quay.io/openshift/okd-content@sha256:abc',
    ].join('\n');
    expect(registryHosts(text)).toEqual(['registry.fedoraproject.org', 'localhost:5000', 'docker.io', '$BASE', 'quay.io']);
  });
});
