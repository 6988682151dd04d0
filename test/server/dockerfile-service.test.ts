// The generic Dockerfile service and the upstream defects it works around (each test shows the
// defect on the raw library, then that our wrapper is not affected).
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { ValidationSeverity } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { DockerfileService, VALIDATOR_SETTINGS } from '../../server/src/handlers/dockerfile-service';

const TEXT = 'from quay.io/fedora/fedora-coreos:stable\nworkdir relative\n';
const URI = 'file:///p/Containerfile';

describe('generic Dockerfile service', () => {
  it('a partial ValidatorSettings silences the omitted checks upstream; the wrapper always passes all of them', () => {
    const raw = DockerfileLanguageServiceFactory.createLanguageService();
    const partial = raw.validate(TEXT, { instructionCasing: ValidationSeverity.WARNING });
    expect(partial.map((d) => d.message)).not.toContain('WORKDIR paths should be absolute');
    const ours = new DockerfileService(false).validate(TEXT).map((d) => String(d.message));
    expect(ours).toContain('WORKDIR paths should be absolute');
    expect(ours.filter((m) => /uppercase/.test(m))).toHaveLength(2);
    expect(Object.keys(VALIDATOR_SETTINGS).length).toBe(9);
  });

  it('computeCodeActions mutates the diagnostics upstream (string codes become numbers); the wrapper leaves them alone', () => {
    const service = new DockerfileService(false);
    const diagnostics = service.validate(TEXT).map((d) => ({ ...d, code: String(d.code) }));
    const layerlint = { range: diagnostics[0].range, message: 'x', source: 'layerlint', code: 'kernel-without-initramfs' };
    const raw = DockerfileLanguageServiceFactory.createLanguageService();
    const victim = structuredClone(diagnostics);
    raw.computeCodeActions({ uri: URI }, victim[0].range, { diagnostics: victim as never });
    expect(typeof victim[0].code).toBe('number');

    const input = [...structuredClone(diagnostics), layerlint];
    const snapshot = structuredClone(input);
    const actions = service.codeActions(URI, TEXT, diagnostics[0].range, input);
    expect(input).toEqual(snapshot);
    expect(actions.map((a) => a.title)).toContain('Convert instruction to uppercase');
    const edit = actions.find((a) => a.title === 'Convert instruction to uppercase')!.edit!.changes![URI];
    expect(edit).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'FROM' }]);
    expect(actions.every((a) => a.diagnostics?.every((d) => d.source === 'dockerfile-utils'))).toBe(true);
  });

  it('does not complete inside a FROM image (upstream would ask Docker Hub for tags)', async () => {
    const service = new DockerfileService(false);
    expect(await service.completion('FROM fedora:', { line: 0, character: 12 }, true)).toEqual([]);
    const instructions = (await service.completion('FROM fedora\nR', { line: 1, character: 1 }, false)).map((i) => i.label);
    expect(instructions).toContain('RUN');
  });
});
