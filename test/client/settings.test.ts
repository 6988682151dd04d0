// What the client answers to workspace/configuration: the defaults VS Code fills in for settings that
// `.layerlint.yaml` may also give (platforms) are left out unless the user set them, so the server
// applies the file there and the editor's value wherever the user gave one.
import { describe, expect, it } from 'vitest';
import { mapConfigurationResult, withoutUnsetDefaults, type IsSet } from '../../client/src/settings';

const DEFAULTS = { platforms: ['linux/amd64', 'linux/arm64'], severities: {}, buildArgs: {} };
const nothingSet: IsSet = () => false;
const setIn =
  (uri: string): IsSet =>
  (scopeUri, key) =>
    scopeUri === uri && key === 'platforms';

describe('settings sent to the server', () => {
  it('leave out an unset platforms default, for the section, the leaf and a whole-configuration request', () => {
    expect(withoutUnsetDefaults('layerlint', DEFAULTS, 'file:///a/Containerfile', nothingSet)).toEqual({ severities: {}, buildArgs: {} });
    expect(withoutUnsetDefaults('layerlint.platforms', DEFAULTS.platforms, undefined, nothingSet)).toBeNull();
    expect(withoutUnsetDefaults(undefined, { layerlint: DEFAULTS, editor: { tabSize: 2 } }, undefined, nothingSet)).toEqual({ layerlint: { severities: {}, buildArgs: {} }, editor: { tabSize: 2 } });
    expect(DEFAULTS.platforms).toHaveLength(2); // not mutated
  });

  it('keep platforms the user set, even the default list written out, per resource', () => {
    const isSet = setIn('file:///a/Containerfile');
    expect(withoutUnsetDefaults('layerlint', DEFAULTS, 'file:///a/Containerfile', isSet)).toEqual(DEFAULTS);
    expect(withoutUnsetDefaults('layerlint', DEFAULTS, 'file:///b/Containerfile', isSet)).toEqual({ severities: {}, buildArgs: {} });
    expect(withoutUnsetDefaults('layerlint.severities', { x: 'off' }, undefined, nothingSet)).toEqual({ x: 'off' });
  });

  it("apply item by item with each item's scope", () => {
    const out = mapConfigurationResult(
      [
        { section: 'layerlint', scopeUri: 'file:///a/Containerfile' },
        { section: 'layerlint', scopeUri: 'file:///b/Containerfile' },
      ],
      [DEFAULTS, DEFAULTS],
      [],
      setIn('file:///a/Containerfile'),
    );
    expect(out.map((o) => (o as { platforms?: string[] }).platforms)).toEqual([['linux/amd64', 'linux/arm64'], undefined]);
  });
});
