import { analysisLimit } from './analysis-limit';
import { basePlatformMislabeled, basePlatformMissing } from './base-platform';
import { buildHostKernel } from './build-host-kernel';
import { clientOnlyRpmOstree } from './client-only-rpm-ostree';
import { cliwrapDeprecated } from './cliwrap-deprecated';
import { cliwrapSameRun } from './cliwrap-same-run';
import { dracutHostonly } from './dracut-hostonly';
import { dracutKverMismatch } from './dracut-kver-mismatch';
import { dracutMissingForce } from './dracut-missing-force';
import { dracutMissingOstree } from './dracut-missing-ostree';
import { dracutOutputPath } from './dracut-output-path';
import { dracutThroughCliwrap } from './dracut-through-cliwrap';
import { initramfsUnverified } from './initramfs-unverified';
import { kernelPackageSet } from './kernel-package-set';
import { kernelWithoutInitramfs } from './kernel-without-initramfs';
import { missingContainerCommit } from './missing-container-commit';
import { multipleKernels } from './multiple-kernels';
import { ostreeCommitOnBootc } from './ostree-commit-on-bootc';
import type { Rule } from './rule';
import { tmpfsTmpKernel } from './tmpfs-tmp-kernel';
import { wrappedDracutMissing } from './wrapped-dracut-missing';

/** Every text rule of docs/rules/README.md (the base-platform-* rules read the registry check's verdicts). */
export const TEXT_RULES: readonly Rule[] = [
  kernelWithoutInitramfs,
  initramfsUnverified,
  dracutKverMismatch,
  buildHostKernel,
  dracutOutputPath,
  dracutMissingOstree,
  dracutHostonly,
  dracutMissingForce,
  kernelPackageSet,
  multipleKernels,
  tmpfsTmpKernel,
  cliwrapSameRun,
  dracutThroughCliwrap,
  wrappedDracutMissing,
  cliwrapDeprecated,
  clientOnlyRpmOstree,
  missingContainerCommit,
  ostreeCommitOnBootc,
  analysisLimit,
];

/** The rules that judge the registry check's verdicts (`LintOptions.platformVerdicts`); they run when there are some. */
export const REGISTRY_RULES: readonly Rule[] = [basePlatformMissing, basePlatformMislabeled];
