import { describe, expect, it } from 'vitest';
import { CONFLICTING_EXTENSIONS, conflictKey, detectConflicts } from '../../client/src/conflicts';
import { applyConflictOverrides, mapConfigurationResult } from '../../client/src/settings';

const installed =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id) ? { isActive: false } : undefined;

describe('Docker extension detection', () => {
  it('knows the three Docker extensions', () => {
    expect(CONFLICTING_EXTENSIONS.map((e) => e.id)).toEqual(['ms-azuretools.vscode-containers', 'ms-azuretools.vscode-docker', 'docker.docker']);
  });

  it('finds the enabled ones, active or about to activate', () => {
    expect(detectConflicts(installed())).toEqual([]);
    expect(detectConflicts(installed('docker.docker', 'redhat.vscode-yaml')).map((e) => e.id)).toEqual(['docker.docker']);
    expect(detectConflicts((id) => (id === 'ms-azuretools.vscode-containers' ? { isActive: true } : undefined)).map((e) => e.name)).toEqual(['Container Tools']);
  });

  it('has an order-independent key', () => {
    const a = detectConflicts(installed('docker.docker', 'ms-azuretools.vscode-docker'));
    expect(conflictKey(a)).toBe(conflictKey([...a].reverse()));
    expect(conflictKey([])).toBe('');
  });
});

describe('workspace/configuration overrides', () => {
  const docker = detectConflicts(installed('ms-azuretools.vscode-docker'));
  const settings = { platforms: ['linux/amd64'], dockerfile: { diagnostics: true, completion: true, hover: true }, severities: { 'dracut-hostonly': 'error' } };

  it('passes everything through without a Docker extension', () => {
    expect(applyConflictOverrides('layerlint', settings, [])).toBe(settings);
  });

  it('turns the generic features off in the layerlint section and keeps the rest', () => {
    expect(applyConflictOverrides('layerlint', settings, docker)).toEqual({
      ...settings,
      dockerfile: { diagnostics: false, completion: false, hover: false },
    });
    expect(settings.dockerfile.diagnostics).toBe(true); // not mutated
  });

  it('handles sub-sections, leaves, a whole-configuration request and missing values', () => {
    expect(applyConflictOverrides('layerlint.dockerfile', { diagnostics: true }, docker)).toEqual({ diagnostics: false, completion: false, hover: false });
    expect(applyConflictOverrides('layerlint.dockerfile.hover', true, docker)).toBe(false);
    expect(applyConflictOverrides('layerlint.platforms', ['linux/arm64'], docker)).toEqual(['linux/arm64']);
    expect(applyConflictOverrides('editor', { tabSize: 2 }, docker)).toEqual({ tabSize: 2 });
    expect(applyConflictOverrides(undefined, { layerlint: settings, editor: {} }, docker)).toEqual({
      layerlint: { ...settings, dockerfile: { diagnostics: false, completion: false, hover: false } },
      editor: {},
    });
    expect(applyConflictOverrides('layerlint', null, docker)).toEqual({ dockerfile: { diagnostics: false, completion: false, hover: false } });
  });

  it('maps a configuration answer item by item', () => {
    const out = mapConfigurationResult([{ section: 'layerlint' }, { section: 'files' }], [settings, { exclude: {} }], docker);
    expect((out[0] as typeof settings).dockerfile.completion).toBe(false);
    expect(out[1]).toEqual({ exclude: {} });
  });
});
