// Workspace Trust consent (issue 13 item 8): the prompt lists every host the check contacts, FROM
// lines that depend on the target resolved for every target; the answer holds for one document and
// the hosts it listed.
import { describe, expect, it } from 'vitest';
import { RegistryConsent } from '../../client/src/consent';
import { registryHosts } from '../../server/src/engine/model/froms';

const TEXT = [
  'ARG TARGETARCH',
  'FROM quay.io/fedora/fedora-coreos:stable AS base',
  'FROM ${TARGETARCH}.example.com/kernel:1 AS kernel',
  'FROM registry-${TARGETARCH}${TARGETVARIANT}.example.com/tools:1',
  'FROM --platform=linux/s390x ${TARGETARCH}.mainframe.example.com/x:1',
].join('\n');

describe('the hosts a consent prompt lists', () => {
  it('resolves FROM lines that depend on TARGETARCH / TARGETVARIANT for every target', () => {
    expect(registryHosts(TEXT, ['linux/amd64', 'linux/arm64', 'linux/arm/v7'])).toEqual([
      'quay.io',
      'amd64.example.com',
      'arm64.example.com',
      'arm.example.com',
      'registry-amd64.example.com',
      'registry-arm64.example.com',
      'registry-armv7.example.com',
      'amd64.mainframe.example.com',
      'arm64.mainframe.example.com',
      'arm.mainframe.example.com',
    ]);
  });
});

describe('consent to contact registries from an untrusted workspace', () => {
  const A = 'file:///w/a/Containerfile';
  const B = 'file:///w/b/Containerfile';

  it('holds for the document and the hosts it listed, not for the session', () => {
    const consent = new RegistryConsent();
    const amd64 = registryHosts(TEXT, ['linux/amd64']);
    expect(consent.covers(A, amd64)).toBe(false);
    consent.grant(A, amd64);
    expect(consent.covers(A, amd64)).toBe(true);
    // Fewer hosts: covered. Another target brings new hosts: asked again.
    expect(consent.covers(A, ['quay.io'])).toBe(true);
    expect(consent.covers(A, registryHosts(TEXT, ['linux/amd64', 'linux/arm64']))).toBe(false);
    // An edit that names another registry: asked again.
    expect(consent.covers(A, registryHosts(`${TEXT}\nFROM ghcr.io/acme/x:1`, ['linux/amd64']))).toBe(false);
    // Another document, even with the same hosts: asked again.
    expect(consent.covers(B, amd64)).toBe(false);
  });
});
