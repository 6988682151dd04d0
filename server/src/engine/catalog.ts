import { RULE_DOCS_BASE_URL } from '../../../shared/protocol';
import type { SeverityName } from './types';

/** Where each rule's documentation lives (docs/rules/<code>.md in the repository). */
export const DOCS_BASE_URL = RULE_DOCS_BASE_URL;

export interface RuleInfo {
  code: string;
  /** The severity in the common case; some rules raise or lower it by context (see `summary`). */
  defaultSeverity: SeverityName;
  title: string;
  summary: string;
  /** True for the rules that need the registry (platform check), not the text alone. */
  registry?: boolean;
  /** True for the rules about `# layerlint ignore=` comments themselves (checked after every other rule). */
  ignoreComments?: boolean;
}

export const RULES: readonly RuleInfo[] = [
  {
    code: 'kernel-without-initramfs',
    defaultSeverity: 'error',
    title: 'Kernel changed without regenerating the initramfs',
    summary:
      'A kernel change with no dracut call after it: on bases where rpm-ostree does not regenerate the initramfs, the node boots the new kernel with the old initramfs and stops at "cannot open root device".',
  },
  {
    code: 'initramfs-unverified',
    defaultSeverity: 'hint',
    title: 'Automatic initramfs regeneration is not verified',
    summary:
      'The kernel change relies on rpm-ostree regenerating the initramfs; failures in the kernel %posttrans do not fail the build, so check that the file exists.',
  },
  {
    code: 'dracut-kver-mismatch',
    defaultSeverity: 'error',
    title: 'dracut builds for a kernel version the stage does not install',
    summary: "dracut's kernel version differs from VERSION-RELEASE.ARCH of the kernel installed in the stage.",
  },
  {
    code: 'build-host-kernel',
    defaultSeverity: 'error',
    title: 'Kernel version taken from the build host',
    summary: '`uname -r` (and dracut/depmod without a version) name the build host\'s kernel, not the image\'s.',
  },
  {
    code: 'dracut-output-path',
    defaultSeverity: 'error',
    title: 'initramfs written to the wrong place',
    summary: 'The initramfs must be /usr/lib/modules/<kver>/initramfs.img beside vmlinuz; without an image argument dracut writes to /boot.',
  },
  {
    code: 'dracut-missing-ostree',
    defaultSeverity: 'error',
    title: 'dracut without the ostree module',
    summary: 'The ostree dracut module is opt-in; without it the initramfs cannot mount the deployment.',
  },
  {
    code: 'dracut-hostonly',
    defaultSeverity: 'warning',
    title: 'dracut in host-only mode',
    summary: 'A host-only initramfs fits the build container, not the machines that boot the image.',
  },
  {
    code: 'dracut-missing-force',
    defaultSeverity: 'warning',
    title: 'dracut without --force over an existing initramfs',
    summary: 'dracut refuses to overwrite an existing initramfs.img without -f.',
  },
  {
    code: 'kernel-package-set',
    defaultSeverity: 'error',
    title: 'Kernel packages of different versions or an incomplete set',
    summary: 'Replace the whole installed kernel set (kernel, kernel-core, kernel-modules, kernel-modules-core) at one VERSION-RELEASE.ARCH.',
  },
  {
    code: 'multiple-kernels',
    defaultSeverity: 'error',
    title: 'A second kernel installed beside the base kernel',
    summary: 'Installing a kernel instead of replacing it leaves two kernels; bootc and rpm-ostree expect exactly one.',
  },
  {
    code: 'tmpfs-tmp-kernel',
    defaultSeverity: 'error',
    title: 'Kernel change with a tmpfs on /tmp',
    summary: 'rpm-ostree builds the initramfs in $TMPDIR and renames it into /usr/lib/modules: across a tmpfs that rename fails while the build still passes.',
  },
  {
    code: 'cliwrap-same-run',
    defaultSeverity: 'error',
    title: 'cliwrap enabled in the same RUN as dracut or a kernel change',
    summary: 'Before rpm-ostree 2024.4 wrapping an already wrapped image destroys the real dracut and rpm (the OKD 4.14 failure).',
  },
  {
    code: 'dracut-through-cliwrap',
    defaultSeverity: 'error',
    title: 'dracut runs through the cliwrap shim',
    summary: "With cliwrap on, `dracut` is rpm-ostree's shim, which fails in a container build.",
  },
  {
    code: 'wrapped-dracut-missing',
    defaultSeverity: 'warning',
    title: 'The wrapped dracut path may not exist',
    summary: '/usr/libexec/rpm-ostree/wrapped/dracut exists only where cliwrap is on.',
  },
  {
    code: 'cliwrap-deprecated',
    defaultSeverity: 'warning',
    title: 'rpm-ostree cliwrap is deprecated',
    summary: 'cliwrap is deprecated since rpm-ostree 2024.9 and its wrappers stay in the image.',
  },
  {
    code: 'client-only-rpm-ostree',
    defaultSeverity: 'error',
    title: 'rpm-ostree verb that cannot run in a container build',
    summary: 'This verb goes through the rpm-ostree daemon (or needs a newer rpm-ostree) and fails in a build.',
  },
  {
    code: 'missing-container-commit',
    defaultSeverity: 'information',
    title: 'RUN does not end with `ostree container commit`',
    summary: '`ostree container commit` is the documented last step of a RUN that changes packages on rpm-ostree-composed bases.',
  },
  {
    code: 'ostree-commit-on-bootc',
    defaultSeverity: 'warning',
    title: '`ostree container commit` on a bootc image',
    summary: 'bootc-built images carry no embedded ostree repo; use `bootc container lint` as the last step.',
  },
  {
    code: 'analysis-limit',
    defaultSeverity: 'warning',
    title: 'Part of the file is too large or too deeply nested to analyse',
    summary: 'A value grew past 64 KiB or shell syntax is nested more than 200 levels deep: Layerlint treats it as unknown, so findings that depend on it may be missing.',
  },
  {
    code: 'base-platform-missing',
    defaultSeverity: 'error',
    title: 'Base image has no instance for a target platform',
    summary: 'containers/image (CRI-O, Podman) would fail with "no image found in manifest list for architecture …".',
    registry: true,
  },
  {
    code: 'base-platform-mislabeled',
    defaultSeverity: 'warning',
    title: 'Base image index entry with a non-canonical platform name',
    summary: 'Entries labelled aarch64, x86_64, armhf… are never matched by runtimes.',
    registry: true,
  },
  {
    code: 'unknown-ignore',
    defaultSeverity: 'hint',
    title: 'Ignore comment names an unknown rule code',
    summary: 'A code in `# layerlint ignore=` that no rule has (a typo, a renamed rule) suppresses nothing.',
    ignoreComments: true,
  },
  {
    code: 'unused-ignore',
    defaultSeverity: 'hint',
    title: 'Ignore comment suppresses nothing',
    summary: 'The rule named in `# layerlint ignore=` reports nothing where the comment applies, so the comment can go.',
    ignoreComments: true,
  },
];

export const RULES_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(RULES.map((r) => [r.code, r]));

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}
