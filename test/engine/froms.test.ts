import { describe, expect, it } from 'vitest';
import { extractFroms, registryHosts, resolveWord } from '../../server/src/engine/model/froms';
import { DockerfileVariables } from '../../server/src/engine/model/variables';

const T = ['linux/amd64', 'linux/arm64'];
const simple = (text: string, buildArgs?: Record<string, string>, platforms = T) =>
  extractFroms(text, { platforms, buildArgs }).map((f) => ({ image: f.image, line: f.line, platforms: f.platforms, ...(f.unresolved ? { unresolved: f.unresolved } : {}) }));

describe('FROM extraction', () => {
  it('resolves ARG defaults and --build-arg values, skips scratch and earlier stages', () => {
    const text = [
      'ARG BASE=quay.io/fedora/fedora',
      'ARG TAG=40',
      'FROM ${BASE}:${TAG} AS builder',
      'RUN true',
      'FROM builder',
      'FROM scratch AS empty',
      'FROM Builder AS again',
      'FROM $BASE:41',
      'FROM empty',
    ].join('\n');
    expect(simple(text)).toEqual([
      { image: 'quay.io/fedora/fedora:40', line: 2, platforms: T },
      { image: 'quay.io/fedora/fedora:41', line: 7, platforms: T },
    ]);
    expect(simple(text, { TAG: '39', BASE: 'registry.example/x' })).toEqual([
      { image: 'registry.example/x:39', line: 2, platforms: T },
      { image: 'registry.example/x:41', line: 7, platforms: T },
    ]);
  });
  it('gives the range of the image reference as written', () => {
    const text = 'ARG V=1\nFROM   --platform=linux/amd64  "reg.example/a:${V}" AS x\n';
    const [f] = extractFroms(text, { platforms: T });
    expect(f.range).toEqual({ start: { line: 1, character: 31 }, end: { line: 1, character: 51 } });
    expect(text.split('\n')[1].slice(31, 51)).toBe('"reg.example/a:${V}"');
    expect(f.image).toBe('reg.example/a:1');
    expect(f.platforms).toEqual(['linux/amd64']);
  });
  it('honours --platform: fixed values replace the targets, $BUILDPLATFORM/$TARGETPLATFORM expand per target', () => {
    const text = [
      'FROM --platform=$BUILDPLATFORM reg.example/build AS b',
      'FROM --platform=${TARGETPLATFORM} reg.example/target',
      'FROM --platform=linux/s390x reg.example/fixed',
      'FROM --platform=$TARGETOS/$TARGETARCH reg.example/split',
      'FROM reg.example/per-arch:${TARGETARCH}',
      'FROM --platform=$NOPE reg.example/bad',
    ].join('\n');
    expect(simple(text, undefined, ['linux/amd64', 'linux/arm64/v8'])).toEqual([
      { image: 'reg.example/build', line: 0, platforms: ['linux/amd64', 'linux/arm64/v8'] },
      { image: 'reg.example/target', line: 1, platforms: ['linux/amd64', 'linux/arm64/v8'] },
      { image: 'reg.example/fixed', line: 2, platforms: ['linux/s390x'] },
      { image: 'reg.example/split', line: 3, platforms: ['linux/amd64', 'linux/arm64'] },
      { image: 'reg.example/per-arch:amd64', line: 4, platforms: ['linux/amd64'] },
      { image: 'reg.example/per-arch:arm64', line: 4, platforms: ['linux/arm64/v8'] },
      { image: 'reg.example/bad', line: 5, platforms: ['linux/amd64', 'linux/arm64/v8'], unresolved: '--platform=$NOPE does not resolve to os/arch[/variant]' },
    ]);
  });
  it('reports variables that have no value', () => {
    expect(simple('FROM ${MISSING}:1\nARG LATE=x\n')).toEqual([{ image: ':1', line: 0, platforms: T, unresolved: 'cannot resolve $MISSING in "${MISSING}:1" (no ARG default; pass --build-arg)' }]);
    expect(simple('ARG B\nFROM ${B:-fallback.example/img}\n')).toEqual([{ image: 'fallback.example/img', line: 1, platforms: T }]);
    expect(simple('ARG B\nFROM x\n', { B: 'ignored' })).toEqual([{ image: 'x', line: 1, platforms: T }]);
  });
  it("reads heredocs as the engine does: a FROM line inside a heredoc body is no instruction (`<< 'EOF'` with a blank)", () => {
    const text = "FROM reg.example/a AS a\nRUN cat << 'EOF' > /x\nFROM not-a-stage\nEOF\nFROM reg.example/b\n";
    expect(simple(text, undefined, ['linux/amd64'])).toEqual([
      { image: 'reg.example/a', line: 0, platforms: ['linux/amd64'] },
      { image: 'reg.example/b', line: 4, platforms: ['linux/amd64'] },
    ]);
  });
  it('reads every name=value of an ARG line, as the engine does', () => {
    expect(simple('ARG A=reg.example/a B=2\nFROM $A:$B\n')).toEqual([{ image: 'reg.example/a:2', line: 1, platforms: T }]);
  });
  it('uses the escape directive and ignores ARGs declared after the first FROM', () => {
    expect(simple('# escape=`\nARG A=reg.example/a\nFROM $A\nARG A=other\nFROM $A\n').map((f) => f.image)).toEqual(['reg.example/a', 'reg.example/a']);
  });
});

describe("variable expansion (the engine's substitute, quotes removed)", () => {
  const vars = new DockerfileVariables(
    new Map([
      ['A', 'a'],
      ['E', ''],
    ]),
  );
  it.each([
    ['$A', 'a'],
    ['${A}b', 'ab'],
    ['${E:-d}', 'd'],
    ['${E-d}', ''],
    ['${U-d}', 'd'],
    ['${A:+alt}', 'alt'],
    ['${E:+alt}', ''],
    ['\\$A', '$A'],
    ["'$A'", '$A'],
    ['"$A"', 'a'],
  ])('%s → %s', (text, want) => {
    expect(resolveWord(text, vars)).toEqual({ value: want, undefinedNames: [] });
  });
  it('reads a variable without a value as empty and names it', () => {
    expect(resolveWord('${U}x$A$U', vars)).toEqual({ value: 'xa', undefinedNames: ['U'] });
  });
});

describe('registries a check contacts (the Workspace Trust prompt)', () => {
  it('names the registries of the FROM images, ARGs resolved, skipping scratch and stages', () => {
    const text = [
      'ARG BASE=quay.io/fedora/fedora-coreos:stable',
      'ARG OTHER',
      'FROM --platform=$BUILDPLATFORM registry.fedoraproject.org/fedora:40 AS build',
      'FROM build AS again',
      'FROM scratch',
      'FROM \\',
      '  localhost:5000/okd/machine-os:4.14',
      'from ubuntu:24.04',
      'FROM $BASE',
      'FROM $OTHER/x',
      'FROM quay.io/openshift/okd-content@sha256:' + 'a'.repeat(64),
    ].join('\n');
    expect(registryHosts(text, ['linux/amd64'])).toEqual(['registry.fedoraproject.org', 'localhost:5000', 'docker.io', 'quay.io', '$OTHER/x']);
    expect(registryHosts(text, ['linux/amd64'], { OTHER: 'ghcr.io/acme' })).toEqual(['registry.fedoraproject.org', 'localhost:5000', 'docker.io', 'quay.io', 'ghcr.io']);
  });
});
