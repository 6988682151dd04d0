// rpm-ostree verbs and whether they work in a container build (docs/rules/client-only-rpm-ostree.md).

/** Verbs that need the rpm-ostree daemon (fail in a container build) and what to do instead. */
export const DAEMON_VERBS: Record<string, string> = {
  initramfs: 'regenerate the initramfs with an explicit dracut call in the build',
  'initramfs-etc': 'put dracut configuration in /usr/lib/dracut/dracut.conf.d and run dracut in the build',
  kargs: 'put kernel arguments in /usr/lib/bootc/kargs.d/*.toml',
  upgrade: 'change the FROM image (or run dnf/rpm-ostree install)',
  update: 'change the FROM image (or run dnf/rpm-ostree install)',
  rebase: 'change the FROM image',
  deploy: 'change the FROM image',
  rollback: 'roll back on the node, not in the image',
  'apply-live': 'nothing: the build result is the new image',
  usroverlay: 'nothing: /usr is writable during a build',
  reset: 'use `rpm-ostree override remove`/`uninstall` for specific packages',
  reload: 'nothing: there is no daemon in a build',
  cancel: 'nothing: there is no daemon in a build',
};

/** Verbs that work in a build only from a given rpm-ostree release. */
export const SINCE: Record<string, [number, number]> = {
  cleanup: [2022, 6],
  'override replace': [2022, 9],
  'override remove': [2022, 9],
  uninstall: [2022, 14],
  search: [2023, 6],
};

/** Verbs that work in a container build (Containerfile RUN), with what they do there. */
export const BUILD_VERBS: Record<string, string> = {
  install: 'Install packages into the image (like dnf install).',
  uninstall: 'Remove packages layered by `rpm-ostree install` in this image.',
  'override replace': 'Replace base packages, e.g. the kernel, with other versions (local RPMs or URLs).',
  'override remove': 'Remove packages that come with the base image.',
  cleanup: 'Clean caches (`rpm-ostree cleanup -m`), usually the last step of a RUN.',
  search: 'Search the enabled repositories for packages.',
  'cliwrap install-to-root': 'Deprecated: wraps dracut/rpm/grubby with rpm-ostree shims; enable cliwrap in its own RUN, never with dracut.',
};
