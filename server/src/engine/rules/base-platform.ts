// The rules of the registry platform check (`layerlint platforms`, `--check-platforms`, the editor
// command): the engine declares them here, the registry check reports them.
import type { RuleInfo } from './rule';

export const basePlatformMissing: RuleInfo = {
  code: 'base-platform-missing',
  defaultSeverity: 'error',
  title: 'Base image has no instance for a target platform',
  summary: 'containers/image (CRI-O, Podman) would fail with "no image found in manifest list for architecture …".',
  registry: true,
};

export const basePlatformMislabeled: RuleInfo = {
  code: 'base-platform-mislabeled',
  defaultSeverity: 'warning',
  title: 'Base image index entry with a non-canonical platform name',
  summary: 'Entries labelled aarch64, x86_64, armhf… are never matched by runtimes.',
  registry: true,
};

export const BASE_PLATFORM_RULES: readonly RuleInfo[] = [basePlatformMissing, basePlatformMislabeled];
