// Positive and negative cases for every text rule. A positive case names the token the diagnostic
// must cover exactly and its severity; a negative case must produce no diagnostic of that code.
import { BOOTC41, BOOTC42, FCOS, FCOS_LEGACY, GOOD_DRACUT, KOJI, KVER, OKD, REPLACE, RHCOS, WRAPPED_DRACUT } from '../support/engine';
import type { LintOptions, SeverityName } from '../../server/src/engine';

export interface Case {
  name: string;
  text: string;
  options?: LintOptions;
  /** Expected diagnostic: the token it covers (with its occurrence) and severity; absent = none expected. */
  expect?: { token: string; occurrence?: number; severity: SeverityName };
}

const run = (...cmds: string[]) => `RUN ${cmds.join(' && \\\n    ')}`;
const file = (...lines: string[]) => `${lines.join('\n')}\n`;
/** ARG/ENV X0 of 16 characters, each next one four times the one before (X6 is 64 KiB). */
const quadrupling = (keyword: string, n: number) => [`${keyword} X0=0123456789abcdef`, ...Array.from({ length: n }, (_, i) => `${keyword} X${i + 1}=\${X${i}}\${X${i}}\${X${i}}\${X${i}}`)];
const CORE = (v: string) => `https://kojipkgs.fedoraproject.org/packages/kernel/${v}/x86_64/kernel-core-${v.replace('/', '-')}.x86_64.rpm`;
/** The whole installed Fedora kernel set, as community kernel swaps name it. */
const FEDORA_SET = 'kernel kernel-core kernel-modules kernel-modules-core kernel-modules-extra';
const UNKNOWN_BASE = 'FROM ghcr.io/example/atomic-desktop:41';

const CORP_BOOTC = ['# layerlint base=bootc', 'FROM registry.corp.example/platform/rhel-bootc-base:9.4'];
export const CASES: Record<string, Case[]> = {
  'kernel-without-initramfs': [
    // kernel-install turned off around a dnf kernel change (real cachyos swap scripts): nothing regenerates.
    {
      name: 'rpm-ostree kernel-install hook moved away around dnf swap (fedora-bootc 42)',
      text: file(
        BOOTC42,
        run(
          'mv /usr/lib/kernel/install.d/05-rpmostree.install /usr/lib/kernel/install.d/05-rpmostree.install.bak',
          'dnf -y swap kernel kernel-cachyos-lto --allowerasing',
          'mv /usr/lib/kernel/install.d/05-rpmostree.install.bak /usr/lib/kernel/install.d/05-rpmostree.install',
        ),
      ),
      expect: { token: 'dnf -y swap', severity: 'error' },
    },
    {
      name: 'kernel-install linked to true around dnf swap (fedora-bootc 42)',
      text: file(BOOTC42, run('ln -sf /usr/bin/true /usr/bin/kernel-install', 'dnf -y swap kernel kernel-cachyos-lto --allowerasing')),
      expect: { token: 'dnf -y swap', severity: 'error' },
    },
    {
      name: 'the hook moved back before the change (fedora-bootc 42)',
      text: file(
        BOOTC42,
        run('mv /usr/lib/kernel/install.d/05-rpmostree.install /tmp/hook', 'mv /tmp/hook /usr/lib/kernel/install.d/05-rpmostree.install', 'dnf -y swap kernel kernel-cachyos-lto --allowerasing'),
      ),
    },
    {
      name: 'swap, then the modules in the same RUN: one finding, on the last step',
      text: file('FROM quay.io/centos-bootc/centos-bootc:stream9', run('dnf -y swap kernel-core kernel-rt-core', 'dnf -y install kernel-rt-modules')),
      expect: { token: 'dnf -y install', severity: 'error' },
    },
    {
      name: 'every RPM of a folder named for the kernel',
      text: file(FCOS_LEGACY, 'COPY packages/ /packages/', run('rpm-ostree override replace /packages/kernel/*.rpm', 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'error' },
    },
    {
      name: 'every RPM of a folder named for another package',
      text: file(FCOS_LEGACY, 'COPY packages/ /packages/', run('rpm-ostree override replace /packages/mesa/*.rpm', 'ostree container commit')),
    },
    {
      name: 'a community kernel installed by name (fedora-bootc 41)',
      text: file(BOOTC41, run('dnf -y install kernel-longterm', 'bootc container lint')),
      expect: { token: 'dnf -y install', severity: 'error' },
    },
    { name: 'OKD kernel swap without dracut', text: file(OKD, run(REPLACE, 'ostree container commit')), expect: { token: 'rpm-ostree override replace', severity: 'error' } },
    { name: 'FCOS 39 kernel swap', text: file(FCOS_LEGACY, run(REPLACE)), expect: { token: 'rpm-ostree override replace', severity: 'error' } },
    { name: 'RHCOS digest: unknown behaviour', text: file(RHCOS, run(REPLACE)), expect: { token: 'rpm-ostree override replace', severity: 'warning' } },
    { name: 'fedora-bootc 41 with dnf', text: file(BOOTC41, run('dnf -y upgrade kernel kernel-core')), expect: { token: 'dnf -y upgrade', severity: 'error' } },
    { name: 'dracut text in an echo is not a call', text: file(OKD, run(REPLACE, `echo "${WRAPPED_DRACUT}"`)), expect: { token: 'rpm-ostree override replace', severity: 'error' } },
    { name: 'dracut run by bash -c after the kernel change (issue 17, item 3)', text: file(OKD, run(REPLACE, `bash -c "${WRAPPED_DRACUT}"`, 'ostree container commit')) },
    // Exec form and `sh -c` scripts, read as the shell runs them (issue 17, item 3).
    { name: 'exec form', text: file(OKD, `RUN ["rpm-ostree", "override", "replace", "${CORE('6.4.15/200.fc38')}"]`), expect: { token: '"rpm-ostree", "override", "replace"', severity: 'error' } },
    { name: 'exec form through /bin/sh -c', text: file(OKD, `RUN ["/bin/sh", "-c", "${REPLACE} && ostree container commit"]`), expect: { token: 'rpm-ostree override replace', severity: 'error' } },
    { name: 'bash -c "…"', text: file(OKD, `RUN bash -c "${REPLACE}"`), expect: { token: 'rpm-ostree override replace', severity: 'error' } },
    { name: "sh -c '…'", text: file(OKD, `RUN sh -c '${REPLACE}'`), expect: { token: 'rpm-ostree override replace', severity: 'error' } },
    {
      name: "bash -euxo pipefail -c '…' over continuation lines",
      text: file(
        OKD,
        `RUN bash -euxo pipefail -c '\
    ${REPLACE} && \
    ostree container commit'`,
      ),
      expect: { token: 'rpm-ostree override replace', severity: 'error' },
    },
    { name: 'exec form with dracut after the swap in its script', text: file(OKD, `RUN ["/bin/sh", "-c", "${REPLACE} && ${WRAPPED_DRACUT} && ostree container commit"]`) },
    { name: 'sh -c with a variable script is not read', text: file(OKD, 'ARG SCRIPT', 'RUN sh -c "$SCRIPT"') },
    {
      name: 'unknown base with rpm-ostree steps',
      text: file('FROM registry.example.com/my/os:1', run(REPLACE, 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'warning' },
    },
    { name: 'OKD with wrapped dracut', text: file(OKD, run(REPLACE, WRAPPED_DRACUT, 'ostree container commit')) },
    { name: 'dracut in a later RUN', text: file(OKD, run(REPLACE), `RUN ${WRAPPED_DRACUT}`) },
    { name: 'FCOS stable regenerates', text: file(FCOS, run(REPLACE)) },
    { name: 'FCOS 39 with cliwrap enabled in an earlier RUN', text: file(FCOS_LEGACY, 'RUN rpm-ostree cliwrap install-to-root /', run(REPLACE)) },
    { name: 'plain fedora builder', text: file('FROM fedora:40', run('dnf -y upgrade kernel-core')) },
    { name: 'rpm-ostree 2024.6 regenerates', text: file(OKD, run(REPLACE)), options: { rpmOstreeVersion: '2024.6' } },
    { name: 'suppressed', text: file(OKD, '# layerlint ignore=kernel-without-initramfs', run(REPLACE)) },
    { name: 'globally suppressed', text: file('# layerlint global ignore=kernel-without-initramfs', OKD, run(REPLACE)) },
    { name: 'fedora-bootc 42 with dnf', text: file(BOOTC42, run('dnf -y upgrade kernel kernel-core')) },
    // Any kernel, not a fixed list (issue 14, item 1).
    {
      name: 'community kernel: override remove … --install kernel-cachyos-lto',
      text: file(FCOS_LEGACY, run(`rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos-lto`, 'ostree container commit')),
      expect: { token: 'rpm-ostree override remove', severity: 'error' },
    },
    {
      name: 'community kernel: --install=kernel-fsync',
      text: file(OKD, run(`rpm-ostree override remove ${FEDORA_SET} --install=kernel-fsync`)),
      expect: { token: 'rpm-ostree override remove', severity: 'error' },
    },
    {
      name: 'override replace --remove kernel-core --install kernel-surface',
      text: file(FCOS_LEGACY, run('rpm-ostree override replace /tmp/rpms/libwacom-surface-2.9.0-1.fc39.x86_64.rpm --remove kernel-core --remove kernel --install kernel-surface')),
      expect: { token: 'rpm-ostree override replace', severity: 'error' },
    },
    {
      name: 'dnf remove kernel* then install kernel-longterm',
      text: file(BOOTC41, run('dnf -y remove kernel*', 'rm -rf /usr/lib/modules/*', 'dnf -y install kernel-longterm')),
      expect: { token: 'dnf -y install', severity: 'error' },
    },
    {
      name: 'dnf5 remove in one RUN, install in the next',
      text: file(BOOTC41, run('dnf5 -y remove --no-autoremove kernel kernel-core kernel-modules kernel-modules-core'), run('dnf5 -y install --setopt=tsflags=noscripts kernel-cachyos')),
      expect: { token: 'dnf5 -y install', severity: 'error' },
    },
    {
      name: 'glob of local kernel RPMs',
      text: file(FCOS_LEGACY, 'COPY --from=ghcr.io/example/akmods:39 /kernel-rpms /tmp/kernel-rpms', run('rpm-ostree override replace /tmp/kernel-rpms/kernel-*.rpm', 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'error' },
    },
    {
      name: 'dnf install of RPM globs after the removal',
      text: file(BOOTC41, run(`dnf -y remove ${FEDORA_SET}`, 'dnf -y install /tmp/kernel-rpms/kernel-[0-9]*.rpm /tmp/kernel-rpms/kernel-core-*.rpm /tmp/kernel-rpms/kernel-modules-*.rpm')),
      expect: { token: 'dnf -y install', occurrence: 1, severity: 'error' },
    },
    { name: 'dnf downgrade kernel', text: file(BOOTC41, run('dnf -y downgrade kernel kernel-core')), expect: { token: 'dnf -y downgrade', severity: 'error' } },
    { name: 'dnf swap kernel-core for another core', text: file(BOOTC41, run('dnf -y swap kernel-core kernel-cachyos-core')), expect: { token: 'dnf -y swap', severity: 'error' } },
    {
      name: 'a script runs later: one level less sure',
      text: file(OKD, 'COPY finish.sh /tmp/finish.sh', run(REPLACE, '/tmp/finish.sh', 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'warning' },
    },
    {
      name: 'a script runs in a later RUN',
      text: file(OKD, run(REPLACE), 'COPY finish.sh /tmp/finish.sh', 'RUN /tmp/finish.sh'),
      expect: { token: 'rpm-ostree override replace', severity: 'warning' },
    },
    // Bases the name table does not know (issue 14, item 6).
    {
      name: 'declared base: # layerlint base=okd-fcos',
      text: file('# layerlint base=okd-fcos', 'FROM registry.corp.example/okd/machine-os-content:4.14', run(REPLACE, 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'error' },
    },
    {
      name: 'declared base: # layerlint base=bootc (dnf behaviour unknown)',
      text: file(...CORP_BOOTC, run('dnf -y upgrade kernel kernel-core')),
      expect: { token: 'dnf -y upgrade', severity: 'warning' },
    },
    {
      name: 'declared base: # layerlint base=okd-scos',
      text: file('# layerlint base=okd-scos', 'FROM ghcr.io/org/my-scos:4.16', run(REPLACE, 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'warning' },
    },
    // cliwrap enabled before the change, earlier in the same RUN or in an earlier RUN, makes rpm-ostree regenerate (docs/rules/README.md, "Base image families").
    {
      name: 'unknown base, cliwrap enabled earlier in the same RUN',
      text: file(UNKNOWN_BASE, run('rpm-ostree cliwrap install-to-root /', `rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, 'ostree container commit')),
    },
    { name: 'cliwrap earlier in the same RUN on an RHCOS digest', text: file(RHCOS, run('rpm-ostree cliwrap install-to-root /', REPLACE, 'rpm-ostree cleanup -m', 'ostree container commit')) },
    {
      name: 'unknown base, cliwrap enabled after the change in the same RUN',
      text: file(UNKNOWN_BASE, run(`rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, 'rpm-ostree cliwrap install-to-root /', 'ostree container commit')),
      expect: { token: 'rpm-ostree override remove', severity: 'warning' },
    },
    {
      name: 'unknown base, cliwrap enabled in an earlier RUN',
      text: file(UNKNOWN_BASE, 'RUN rpm-ostree cliwrap install-to-root /', run(`rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, 'ostree container commit')),
    },
    { name: 'declared base with no kernel change', text: file(...CORP_BOOTC, run('dnf -y install vim', 'bootc container lint')) },
    {
      name: 'scriptlets off (tsflags=noscripts) on a base that regenerates',
      text: file(BOOTC42, run(`dnf5 -y remove --no-autoremove ${FEDORA_SET}`, 'rm -rf /usr/lib/modules/*', 'dnf5 -y install --setopt=tsflags=noscripts kernel-cachyos kernel-cachyos-devel-matched')),
      expect: { token: 'dnf5 -y install', severity: 'error' },
    },
    {
      name: 'sourcing /etc/os-release is no script step',
      text: file(OKD, run(REPLACE, '. /etc/os-release', 'ostree container commit')),
      expect: { token: 'rpm-ostree override replace', severity: 'error' },
    },
    { name: 'kernel-tools and kernel-devel are not a kernel', text: file(BOOTC41, run('dnf -y install kernel-tools kernel-devel kernel-headers kernel-devel-matched')) },
    {
      name: 'a kernel flavour named without removing the kernel is not a swap',
      text: file(BOOTC41, run('dnf -y copr enable bieszczaders/kernel-cachyos-addons', 'dnf -y install scx-scheds kernel-cachyos-addons')),
    },
    { name: 'a glob that names no kernel', text: file(FCOS_LEGACY, 'COPY rpms/ /rpms/', run('rpm-ostree override replace /rpms/*', 'ostree container commit')) },
    {
      name: 'a script that builds the initramfs',
      text: file(
        UNKNOWN_BASE,
        run(`dnf5 -y remove --no-autoremove ${FEDORA_SET}`, 'dnf5 -y install /tmp/kernel-rpms/kernel-[0-9]*.rpm /tmp/kernel-rpms/kernel-core-*.rpm', '/ctx/build-initramfs', 'bootc container lint'),
      ),
    },
    {
      name: 'a script runs later on an unknown base: one level less sure',
      text: file(UNKNOWN_BASE, run(`rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, '/ctx/finalize', 'ostree container commit')),
      expect: { token: 'rpm-ostree override remove', severity: 'information' },
    },
    {
      name: 'a script named for the initramfs runs later on an unknown base',
      text: file(UNKNOWN_BASE, run(`rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, '/ctx/build-initramfs', 'ostree container commit')),
    },
    {
      name: 'community kernel with its dracut call',
      text: file(
        FCOS_LEGACY,
        run(
          `rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`,
          `KERNEL_VERSION="$(rpm -q kernel-cachyos --queryformat '%{VERSION}-%{RELEASE}.%{ARCH}')"`,
          'RPMOSTREE_CLIWRAP_SKIP=1 dracut --no-hostonly --kver "$KERNEL_VERSION" --reproducible --zstd -v --add ostree -f "/lib/modules/$KERNEL_VERSION/initramfs.img"',
          'ostree container commit',
        ),
      ),
    },
  ],
  'initramfs-unverified': [
    {
      name: 'unknown base, cliwrap enabled earlier in the same RUN',
      text: file(UNKNOWN_BASE, run('rpm-ostree cliwrap install-to-root /', `rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, 'ostree container commit')),
      expect: { token: 'rpm-ostree override remove', severity: 'hint' },
    },
    { name: 'FCOS stable relies on rpm-ostree', text: file(FCOS, run(REPLACE, 'ostree container commit')), expect: { token: 'rpm-ostree override replace', severity: 'hint' } },
    { name: 'checked with test -f', text: file(FCOS, run(REPLACE, `test -f /usr/lib/modules/${KVER}/initramfs.img`)) },
    { name: 'OKD: not relying on regeneration', text: file(OKD, run(REPLACE, WRAPPED_DRACUT)) },
  ],
  'dracut-kver-mismatch': [
    {
      name: 'dist tag missing (the OKD loop)',
      text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, '--kver 6.4.15-200.x86_64'))),
      expect: { token: '6.4.15-200.x86_64', severity: 'error' },
    },
    {
      name: '--kver=value form',
      text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, '--kver=6.4.14-200.fc38.x86_64'))),
      expect: { token: '6.4.14-200.fc38.x86_64', severity: 'error' },
    },
    {
      name: 'positional kver',
      text: file(
        OKD,
        run(REPLACE, `${WRAPPED_DRACUT.replace(`--kver ${KVER} `, '').replace(`-f /usr/lib/modules/${KVER}/initramfs.img`, `-f /usr/lib/modules/${KVER}/initramfs.img 6.4.1-100.fc38.x86_64`)}`),
      ),
      expect: { token: '6.4.1-100.fc38.x86_64', severity: 'error' },
    },
    {
      name: 'wrong kver from an ARG default',
      text: file('ARG K=6.4.15-200.x86_64', OKD, 'ARG K', run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, '--kver $K'))),
      expect: { token: '$K', severity: 'error' },
    },
    {
      name: 'ARG overridden by --build-arg',
      text: file('ARG K=6.4.15-200.x86_64', OKD, 'ARG K', run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, '--kver $K'))),
      options: { buildArgs: { K: KVER } },
    },
    { name: 'exact kver', text: file(OKD, run(REPLACE, WRAPPED_DRACUT)) },
    { name: 'unknown ARG', text: file(OKD, 'ARG K', run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, '--kver "$K"'))) },
    { name: 'read from the image', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, `--kver "$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}' kernel-core)"`))) },
    { name: 'the wrong kver in the output path too', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replaceAll(KVER, '6.4.15-200.x86_64'))), expect: { token: '6.4.15-200.x86_64', severity: 'error' } },
    {
      name: 'a community kernel of unknown version replaced the known one',
      text: file(OKD, run(REPLACE, WRAPPED_DRACUT), run(`rpm-ostree override remove ${FEDORA_SET} --install kernel-cachyos`, WRAPPED_DRACUT.replaceAll(KVER, '6.12.9-cachyos1.fc38.x86_64'))),
    },
    { name: 'a kernel script ran since the kernel change', text: file(OKD, run(REPLACE), 'RUN /ctx/install-kernel-akmods', run(WRAPPED_DRACUT.replaceAll(KVER, '6.12.9-ogc1.fc38.x86_64'))) },
  ],
  'build-host-kernel': [
    { name: 'dracut --kver $(uname -r)', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER}`, '--kver $(uname -r)'))), expect: { token: '$(uname -r)', severity: 'error' } },
    { name: 'through a variable', text: file(OKD, run(REPLACE, 'KVER=$(uname -r)', WRAPPED_DRACUT.replaceAll(KVER, '$KVER'))), expect: { token: '$(uname -r)', severity: 'error' } },
    { name: 'backticks in a modules path', text: file(FCOS, run('cp zfs.ko /usr/lib/modules/`uname -r`/extra/')), expect: { token: '`uname -r`', severity: 'error' } },
    { name: 'depmod without a version', text: file(FCOS, run('depmod -a')), expect: { token: 'depmod', severity: 'error' } },
    { name: 'dracut without a version', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`--kver ${KVER} `, ''))), expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'error' } },
    {
      name: 'dracut with an output path and no kver',
      text: file(BOOTC41, run('dnf -y upgrade kernel', 'dracut -f "/usr/lib/modules/$(ls /usr/lib/modules)/initramfs.img"')),
      expect: { token: 'dracut', occurrence: 1, severity: 'error' },
    },
    {
      name: 'dracut with a literal output path and no kver',
      text: file(BOOTC41, 'RUN dracut --no-hostonly -f /usr/lib/modules/6.11.4-301.fc41.x86_64/initramfs.img'),
      expect: { token: 'dracut', severity: 'error' },
    },
    { name: 'bootc docs: kver=$(ls /usr/lib/modules) as the positional version', text: file(BOOTC41, 'RUN kver=$(ls /usr/lib/modules) && dracut -vf /usr/lib/modules/$kver/initramfs.img "$kver"') },
    { name: '--kver=$K with K unknown is a version', text: file(BOOTC41, 'ARG K', 'RUN dracut --kver="$K" -f "/usr/lib/modules/$K/initramfs.img"') },
    { name: 'an unknown word that may be an option', text: file(BOOTC41, 'ARG DRACUT_ARGS', 'RUN dracut $DRACUT_ARGS -f "/usr/lib/modules/$(ls /usr/lib/modules)/initramfs.img"') },
    { name: 'depmod with a version', text: file(FCOS, run(`depmod -a ${KVER}`)) },
    { name: 'uname -r only echoed', text: file(FCOS, run('echo "built on $(uname -r)"')) },
    { name: 'kver read from the image', text: file(FCOS, run('depmod -a "$(ls /usr/lib/modules)"')) },
    {
      name: 'in a builder stage of no family (no fix: no kernel known there)',
      text: file(FCOS, 'FROM registry.fedoraproject.org/fedora:39 AS builder', run('dnf -y install kernel-devel', 'make -C /usr/src/kernels/$(uname -r) M=/src modules')),
      expect: { token: '$(uname -r)', severity: 'error' },
    },
    {
      name: 'depmod without a version in a builder stage',
      text: file('FROM registry.fedoraproject.org/fedora:40 AS builder', run('dnf -y install kernel-core-6.11.4-301.fc41.x86_64', 'depmod -a')),
      expect: { token: 'depmod', severity: 'error' },
    },
    { name: 'a builder stage that echoes the host kernel', text: file('FROM registry.fedoraproject.org/fedora:40 AS builder', run('dnf -y install kernel-devel', 'echo "host: $(uname -r)"')) },
  ],
  'dracut-output-path': [
    {
      name: 'no image: /boot',
      text: file(OKD, run(REPLACE, `/usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver ${KVER} --add ostree -f`)),
      expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'error' },
    },
    {
      name: 'image in /boot',
      text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`/usr/lib/modules/${KVER}/initramfs.img`, `/boot/initramfs-${KVER}.img`))),
      expect: { token: `/boot/initramfs-${KVER}.img`, severity: 'error' },
    },
    {
      name: 'directory of another kver',
      text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(`/usr/lib/modules/${KVER}/`, '/usr/lib/modules/6.4.14-200.fc38.x86_64/'))),
      expect: { token: '/usr/lib/modules/6.4.14-200.fc38.x86_64/initramfs.img', severity: 'error' },
    },
    { name: 'right path', text: file(OKD, run(REPLACE, WRAPPED_DRACUT)) },
    { name: '/lib path', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('/usr/lib/modules', '/lib/modules'))) },
  ],
  'dracut-missing-ostree': [
    {
      name: 'unrecognised bootc-style base: its dracut configuration is not known',
      text: file('FROM ghcr.io/example/rocky-bootc:r9.5', run('kver=$(cd /usr/lib/modules && echo *)', 'dracut -vf /usr/lib/modules/$kver/initramfs.img $kver', 'bootc container lint')),
      expect: { token: 'dracut', occurrence: 1, severity: 'warning' },
    },
    // The most common call in real images: an unquoted kver variable is no option (issue 14, item 5).
    {
      name: 'positional $KERNEL_VERSION set from rpm -q',
      text: file(FCOS, run('KERNEL_VERSION=$(rpm -q kernel | cut -c 8-)', 'dracut --no-hostonly --reproducible -v -f /lib/modules/$KERNEL_VERSION/initramfs.img $KERNEL_VERSION')),
      expect: { token: 'dracut', severity: 'error' },
    },
    {
      name: 'positional "$(ls /usr/lib/modules)"',
      text: file(FCOS, 'RUN dracut --no-hostonly -vf "/usr/lib/modules/$(ls /usr/lib/modules)/initramfs.img" "$(ls /usr/lib/modules)"'),
      expect: { token: 'dracut', severity: 'error' },
    },
    { name: 'a variable that may hold options', text: file(FCOS, 'RUN dracut --no-hostonly -vf "/usr/lib/modules/$(ls /usr/lib/modules)/initramfs.img" $DRACUT_OPTS') },
    { name: 'no --add ostree', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--add ostree ', ''))), expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'error' } },
    {
      name: 'on bootc only a warning (own configuration given)',
      text: file(BOOTC41, run('dnf -y upgrade kernel', GOOD_DRACUT.replace('--add ostree ', '--conf /etc/dracut-build.conf '))),
      expect: { token: 'dracut', occurrence: 1, severity: 'warning' },
    },
    {
      name: 'bootc base with -m that leaves ostree out',
      text: file(BOOTC41, run('dnf -y upgrade kernel', GOOD_DRACUT.replace('--add ostree', '-m "base kernel-modules"'))),
      expect: { token: 'dracut', occurrence: 1, severity: 'warning' },
    },
    { name: 'fedora-bootc adds ostree in 10-bootc-base.conf', text: file(BOOTC41, run('dnf -y upgrade kernel', GOOD_DRACUT.replace('--add ostree ', ''))) },
    {
      name: 'centos-bootc: the documented recipe',
      text: file(
        'FROM quay.io/centos-bootc/centos-bootc:stream9',
        run('dnf -y install kernel-rt'),
        'RUN kver=$(cd /usr/lib/modules && echo *); dracut -vf /usr/lib/modules/$kver/initramfs.img "$kver"',
      ),
    },
    {
      name: '-m without ostree',
      text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--add ostree', '-m "base kernel-modules"'))),
      expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'error' },
    },
    { name: '-a ostree', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--add ostree', '-a ostree'))) },
    { name: '-aostree', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--add ostree', '-aostree'))) },
    { name: 'quoted list', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--add ostree', '--add "bootc ostree"'))) },
    { name: '--add=ostree', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--add ostree', '--add=ostree'))) },
  ],
  'dracut-hostonly': [
    {
      name: 'positional ${kver} does not hide the missing --no-hostonly',
      text: file(FCOS, run('kver=$(cd /usr/lib/modules && echo *)', 'dracut --add ostree -vf /usr/lib/modules/${kver}/initramfs.img ${kver}')),
      expect: { token: 'dracut', severity: 'warning' },
    },
    { name: 'no --no-hostonly', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--no-hostonly ', ''))), expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'warning' } },
    { name: 'explicit -H', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--no-hostonly', '-H'))), expect: { token: '-H', severity: 'error' } },
    { name: 'explicit --hostonly', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--no-hostonly', '--hostonly'))), expect: { token: '--hostonly', severity: 'error' } },
    { name: 'clustered -vH', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--no-hostonly', '-vH'))), expect: { token: 'H', occurrence: 1 + 0, severity: 'error' } },
    { name: '-N', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--no-hostonly', '-N'))) },
    { name: 'last one wins', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace('--no-hostonly', '-H --no-hostonly'))) },
    {
      name: 'an unknown path does not switch the rule off',
      text: file(
        OKD,
        run(
          REPLACE,
          'K="$(rpm -q --queryformat="%{evr}.%{arch}" kernel-core)"',
          WRAPPED_DRACUT.replace('--no-hostonly ', '').replaceAll(KVER, '$K').replace('-f /usr', '-f "/usr').replace('initramfs.img', 'initramfs.img"'),
        ),
      ),
      expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'warning' },
    },
    {
      name: '--kver=$K with K unknown does not switch the rule off',
      text: file(OKD, 'ARG K', run(REPLACE, '/usr/libexec/rpm-ostree/wrapped/dracut --kver="$K" --add ostree -f "/usr/lib/modules/$K/initramfs.img"')),
      expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', occurrence: 1, severity: 'warning' },
    },
    { name: 'fedora-bootc sets hostonly=no in 10-bootc-base.conf', text: file(BOOTC41, run('dnf -y upgrade kernel', GOOD_DRACUT.replace('--no-hostonly ', ''))) },
    { name: 'bootc docs: kver from cd /usr/lib/modules && echo *', text: file(BOOTC42, 'RUN kver=$(cd /usr/lib/modules && echo *); dracut -vf /usr/lib/modules/$kver/initramfs.img "$kver"') },
    {
      name: 'explicit -H on bootc is still an error',
      text: file(BOOTC42, 'RUN kver=$(ls /usr/lib/modules) && dracut -H -f /usr/lib/modules/$kver/initramfs.img "$kver"'),
      expect: { token: '-H', severity: 'error' },
    },
  ],
  'dracut-missing-force': [
    { name: 'no -f', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(' -f ', ' '))), expect: { token: `/usr/lib/modules/${KVER}/initramfs.img`, severity: 'warning' } },
    { name: '--force', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(' -f ', ' --force '))) },
    { name: '-vf', text: file(OKD, run(REPLACE, WRAPPED_DRACUT.replace(' -v ', ' -vf ').replace(' -f /', ' /'))) },
  ],
  'kernel-package-set': [
    {
      name: 'mixed versions',
      text: file(
        OKD,
        run(
          `rpm-ostree override replace ${CORE('6.4.15/200.fc38')} ${CORE('6.4.14/200.fc38').replace('kernel-core', 'kernel-modules')} ${CORE('6.4.15/200.fc38').replace('kernel-core', 'kernel-modules-core')}`,
          WRAPPED_DRACUT,
        ),
      ),
      expect: { token: CORE('6.4.14/200.fc38').replace('kernel-core', 'kernel-modules'), severity: 'error' },
    },
    {
      name: 'kernel-core alone on Fedora 38',
      text: file(OKD, run(`rpm-ostree override replace ${CORE('6.4.15/200.fc38')}`, WRAPPED_DRACUT)),
      expect: { token: CORE('6.4.15/200.fc38'), severity: 'warning' },
    },
    { name: 'the whole set', text: file(OKD, run(REPLACE, WRAPPED_DRACUT)) },
    {
      name: 'dnf resolves the set’s dependencies',
      text: file(BOOTC41, run('dnf -y remove kernel-core', 'dnf -y install kernel-core-6.11.4-301.fc41.x86_64', GOOD_DRACUT.replaceAll(KVER, '6.11.4-301.fc41.x86_64'))),
    },
    {
      name: 'a community kernel’s subpackages are not known',
      text: file(
        FCOS_LEGACY,
        run(`rpm-ostree override remove kernel kernel-core --install /tmp/rpms/kernel-cachyos-core-6.12.9-cachyos1.fc39.x86_64.rpm`, GOOD_DRACUT.replaceAll(KVER, '6.12.9-cachyos1.fc39.x86_64')),
      ),
    },
    { name: 'kernel-devel is not part of the set', text: file(OKD, run(`${REPLACE} https://example.com/kernel-devel-6.4.14-200.fc38.x86_64.rpm`, WRAPPED_DRACUT)) },
  ],
  'multiple-kernels': [
    {
      name: 'kernel-rt installed by name beside the base kernel (EL)',
      text: file('FROM quay.io/centos-bootc/centos-bootc:stream9', 'RUN dnf -y install kernel-rt'),
      expect: { token: 'kernel-rt', severity: 'error' },
    },
    { name: 'kernel-rt swapped in for kernel-core', text: file('FROM quay.io/centos-bootc/centos-bootc:stream9', 'RUN dnf -y swap kernel-core kernel-rt-core') },
    {
      name: 'a community kernel installed by name beside the base kernel',
      text: file(BOOTC41, run('dnf -y copr enable bieszczaders/kernel-cachyos', 'dnf -y install kernel-cachyos', 'bootc container lint')),
      expect: { token: 'kernel-cachyos', occurrence: 2, severity: 'error' },
    },
    { name: 'a community kernel swapped in with dnf swap', text: file(BOOTC41, run('dnf -y swap kernel-core kernel-cachyos-core')) },
    { name: 'a community kernel installed after removing the base kernel', text: file(BOOTC41, run(`dnf -y remove ${FEDORA_SET}`, 'dnf -y install kernel-longterm')) },
    { name: 'rpm-ostree install of a kernel', text: file(FCOS, run(`rpm-ostree install ${KOJI}`)), expect: { token: 'install', occurrence: 1, severity: 'error' } },
    { name: 'dnf install of another version', text: file(BOOTC42, run('dnf -y install kernel-core-6.11.4-301.fc41')), expect: { token: 'kernel-core-6.11.4-301.fc41', severity: 'error' } },
    { name: 'removed first', text: file(BOOTC42, run('dnf -y remove kernel kernel-core', 'dnf -y install kernel-core-6.11.4-301.fc41')) },
    { name: 'override replace', text: file(FCOS, run(REPLACE)) },
    { name: 'the old kernel removed later in the RUN', text: file(BOOTC42, run('dnf -y install kernel-core-6.11.4-301.fc41', 'dnf -y remove kernel-core-6.11.3-300.fc41')) },
    { name: 'a community kernel after removing the old one', text: file(BOOTC42, run(`dnf -y remove ${FEDORA_SET}`, 'dnf -y install kernel-cachyos-6.12.9-cachyos1.fc42.x86_64')) },
  ],
  'tmpfs-tmp-kernel': [
    { name: 'tmpfs on /tmp', text: file(FCOS, `RUN --mount=type=tmpfs,target=/tmp ${REPLACE}`), expect: { token: '--mount=type=tmpfs,target=/tmp', severity: 'error' } },
    { name: 'tmpfs elsewhere', text: file(FCOS, `RUN --mount=type=tmpfs,target=/var/cache ${REPLACE}`) },
    { name: 'no kernel change', text: file(FCOS, 'RUN --mount=type=tmpfs,target=/tmp rpm-ostree install vim && ostree container commit') },
    {
      name: 'an explicit dracut call follows',
      text: file(
        BOOTC41,
        `RUN --mount=type=tmpfs,dst=/tmp ${run('dnf5 -y remove --no-autoremove kernel kernel-core', 'dnf5 -y install kernel-cachyos', 'KV="$(rpm -q --qf \'%{VERSION}-%{RELEASE}.%{ARCH}\' kernel-cachyos)"', 'dracut --no-hostonly --kver "$KV" --reproducible -v --add ostree -f "/usr/lib/modules/$KV/initramfs.img"').slice(4)}`,
      ),
    },
    { name: 'TMPDIR elsewhere', text: file(FCOS, `RUN --mount=type=tmpfs,target=/tmp ${run('export TMPDIR=/var/tmp', REPLACE).slice(4)}`) },
    { name: 'nothing regenerates automatically here (kernel-without-initramfs says so)', text: file(OKD, `RUN --mount=type=tmpfs,target=/tmp ${REPLACE}`) },
  ],
  'cliwrap-same-run': [
    {
      name: 'the OKD 4.14 recipe',
      text: file(OKD, run('rpm-ostree cliwrap install-to-root /', REPLACE, 'rpm-ostree cleanup -m', 'ostree container commit')),
      expect: { token: 'cliwrap install-to-root', severity: 'error' },
    },
    {
      name: 'with dracut in the same RUN',
      text: file(FCOS_LEGACY, run('rpm-ostree cliwrap install-to-root /', REPLACE, GOOD_DRACUT)),
      expect: { token: 'cliwrap install-to-root', severity: 'error' },
    },
    { name: 'first wrap before a kernel change', text: file(FCOS_LEGACY, run('rpm-ostree cliwrap install-to-root /', REPLACE)) },
  ],
  'dracut-through-cliwrap': [
    { name: 'plain dracut on OKD', text: file(OKD, run(REPLACE, GOOD_DRACUT.replace('RPMOSTREE_CLIWRAP_SKIP=1 ', ''))), expect: { token: 'dracut', occurrence: 1, severity: 'error' } },
    {
      name: 'cliwrap from an earlier RUN',
      text: file(FCOS_LEGACY, 'RUN rpm-ostree cliwrap install-to-root /', run(REPLACE, GOOD_DRACUT.replace('RPMOSTREE_CLIWRAP_SKIP=1 ', ''))),
      expect: { token: 'dracut', occurrence: 1, severity: 'error' },
    },
    { name: 'RPMOSTREE_CLIWRAP_SKIP', text: file(OKD, run(REPLACE, GOOD_DRACUT)) },
    { name: 'exported skip', text: file(OKD, run(REPLACE, 'export RPMOSTREE_CLIWRAP_SKIP=1', GOOD_DRACUT.replace('RPMOSTREE_CLIWRAP_SKIP=1 ', ''))) },
    { name: 'no cliwrap', text: file(FCOS_LEGACY, run(REPLACE, GOOD_DRACUT.replace('RPMOSTREE_CLIWRAP_SKIP=1 ', ''))) },
  ],
  'wrapped-dracut-missing': [
    { name: 'wrapped path on FCOS', text: file(FCOS_LEGACY, run(REPLACE, WRAPPED_DRACUT)), expect: { token: '/usr/libexec/rpm-ostree/wrapped/dracut', severity: 'warning' } },
    { name: 'wrapped path on OKD', text: file(OKD, run(REPLACE, WRAPPED_DRACUT)) },
  ],
  'cliwrap-deprecated': [
    { name: 'install-to-root', text: file(FCOS_LEGACY, 'RUN rpm-ostree cliwrap install-to-root /'), expect: { token: 'cliwrap install-to-root', severity: 'warning' } },
    { name: 'guarded', text: file(FCOS_LEGACY, 'RUN [ -d /usr/libexec/rpm-ostree/wrapped ] || rpm-ostree cliwrap install-to-root /') },
  ],
  'client-only-rpm-ostree': [
    { name: 'kargs', text: file(FCOS, 'RUN rpm-ostree kargs --append=console=ttyS0'), expect: { token: 'kargs', severity: 'error' } },
    { name: 'initramfs --enable', text: file(FCOS, 'RUN rpm-ostree initramfs --enable'), expect: { token: 'initramfs', occurrence: 1, severity: 'error' } },
    { name: 'override reset', text: file(FCOS, 'RUN rpm-ostree override reset kernel'), expect: { token: 'override reset', severity: 'error' } },
    { name: 'cleanup before 2022.6', text: file(FCOS, 'RUN rpm-ostree cleanup -m'), options: { rpmOstreeVersion: '2022.5' }, expect: { token: 'cleanup', severity: 'error' } },
    { name: 'cleanup from 2022.6', text: file(FCOS, 'RUN rpm-ostree cleanup -m'), options: { rpmOstreeVersion: '2022.6' } },
    { name: 'install', text: file(FCOS, 'RUN rpm-ostree install vim && ostree container commit') },
  ],
  'missing-container-commit': [
    { name: 'install without commit', text: file(FCOS, 'RUN rpm-ostree install vim'), expect: { token: 'rpm-ostree install', severity: 'information' } },
    {
      name: 'commit swallowed as arguments (missing &&)',
      text: file(FCOS, 'RUN rpm-ostree install vim \\\n    ostree container commit'),
      expect: { token: 'ostree container commit', severity: 'information' },
    },
    { name: 'with commit', text: file(FCOS, 'RUN rpm-ostree install vim && ostree container commit') },
    {
      name: 'declared base: # layerlint base=rhcos',
      text: file('# layerlint base=rhcos', 'FROM registry.corp.example/ocp/rhcos-custom:4.16', 'RUN rpm-ostree install vim'),
      expect: { token: 'rpm-ostree install', severity: 'information' },
    },
    { name: 'a base name the pragma does not know is ignored', text: file('# layerlint base=debian', 'FROM registry.corp.example/ocp/custom:4.16', 'RUN rpm-ostree install vim') },
    { name: 'the pragma applies to the FROM directly below it only', text: file('# layerlint base=rhcos', '', 'FROM registry.corp.example/ocp/custom:4.16', 'RUN rpm-ostree install vim') },
    { name: 'bootc', text: file(BOOTC42, 'RUN dnf -y install vim') },
  ],
  'ostree-commit-on-bootc': [
    {
      name: 'a plain base made a bootc image by LABEL containers.bootc=1',
      text: file('FROM registry.fedoraproject.org/fedora:41', 'LABEL containers.bootc=1 ostree.bootable=1', 'RUN dnf -y install vim && ostree container commit'),
      expect: { token: 'ostree container commit', severity: 'warning' },
    },
    {
      name: 'LABEL "containers.bootc"="1" in quotes',
      text: file('FROM registry.fedoraproject.org/fedora:41', 'LABEL "containers.bootc"="1"', 'RUN dnf -y install vim && ostree container commit'),
      expect: { token: 'ostree container commit', severity: 'warning' },
    },
    {
      name: 'other labels say nothing about bootc',
      text: file('FROM registry.fedoraproject.org/fedora:41', 'LABEL containers.bootc=0 org.opencontainers.image.title=x', 'RUN dnf -y install vim && ostree container commit'),
    },
    { name: 'on bootc', text: file(BOOTC42, 'RUN dnf -y install vim && ostree container commit'), expect: { token: 'ostree container commit', severity: 'warning' } },
    { name: 'declared bootc base', text: file(...CORP_BOOTC, 'RUN dnf -y install vim && ostree container commit'), expect: { token: 'ostree container commit', severity: 'warning' } },
    { name: 'same base undeclared', text: file('FROM registry.corp.example/platform/rhel-bootc-base:9.4', 'RUN dnf -y install vim && ostree container commit') },
    // Bases by image glob in .layerlint.yaml (issue 15, item 1).
    {
      name: 'configured base: a glob with a tag wildcard',
      text: file('FROM registry.corp.example/platform/rhel-bootc-base:9.4', 'RUN dnf -y install vim && ostree container commit'),
      options: { bases: { 'registry.corp.example/*/rhel-bootc-base:*': 'bootc' } },
      expect: { token: 'ostree container commit', severity: 'warning' },
    },
    {
      name: 'configured base: a repository matches every tag and digest',
      text: file(`FROM ghcr.io/org/my-centos-bootc@sha256:${'c'.repeat(64)}`, 'RUN dnf -y install vim && ostree container commit'),
      options: { bases: { 'ghcr.io/org/my-centos-bootc': 'bootc' } },
      expect: { token: 'ostree container commit', severity: 'warning' },
    },
    {
      name: 'configured base: after ARG substitution, first matching glob wins',
      text: file('ARG BASE=ghcr.io/org/my-centos-bootc:stream9', 'FROM ${BASE}', 'RUN dnf -y install vim && ostree container commit'),
      options: { bases: { 'ghcr.io/org/*:stream9': 'bootc', 'ghcr.io/**': 'fcos' } },
      expect: { token: 'ostree container commit', severity: 'warning' },
    },
    {
      name: 'configured base: a glob that does not match',
      text: file('FROM registry.corp.example/platform/rhel-bootc-base:9.4', 'RUN dnf -y install vim && ostree container commit'),
      options: { bases: { 'registry.corp.example/*/other-base:*': 'bootc' } },
    },
    {
      name: 'configured base: * stays within a path segment',
      text: file('FROM registry.corp.example/platform/rhel-bootc-base:9.4', 'RUN dnf -y install vim && ostree container commit'),
      options: { bases: { 'registry.corp.example/*': 'bootc' } },
    },
    {
      name: 'configured base: the pragma in the file wins',
      text: file('# layerlint base=fcos', 'FROM registry.corp.example/platform/rhel-bootc-base:9.4', 'RUN dnf -y install vim && ostree container commit'),
      options: { bases: { 'registry.corp.example/**': 'bootc' } },
    },
    { name: 'on FCOS', text: file(FCOS, 'RUN rpm-ostree install vim && ostree container commit') },
  ],
  'analysis-limit': [
    { name: 'ARG values quadrupling past 64 KiB', text: file(OKD, ...quadrupling('ARG', 7)), expect: { token: 'ARG X7=${X6}${X6}${X6}${X6}', severity: 'warning' } },
    { name: 'ENV values quadrupling past 64 KiB', text: file(OKD, ...quadrupling('ENV', 7)), expect: { token: 'ENV X7=${X6}${X6}${X6}${X6}', severity: 'warning' } },
    {
      name: 'shell variable quadrupling past 64 KiB',
      text: file(OKD, `RUN X=0123456789abcdef; ${Array.from({ length: 7 }, () => 'X=$X$X$X$X').join('; ')}; rpm-ostree install $X`),
      expect: { token: '$X$X$X$X', occurrence: 7, severity: 'warning' },
    },
    // Three syntax levels a `$(`: the 67th is at depth 200, and the finding covers it and what it holds.
    {
      name: '$( nested 250 deep',
      text: file(OKD, `RUN rpm-ostree install vim && echo ${'$('.repeat(250)}x${')'.repeat(250)}`),
      expect: { token: `${'$('.repeat(250 - 66)}x${')'.repeat(250 - 66)}`, severity: 'warning' },
    },
    { name: 'exactly 64 KiB', text: file(OKD, ...quadrupling('ARG', 6), 'RUN rpm-ostree install $X6') },
    { name: '$( nested 60 deep', text: file(OKD, `RUN rpm-ostree install vim && echo ${'$('.repeat(60)}x${')'.repeat(60)}`) },
  ],
  // Ignore comments themselves (issue 15, item 5).
  'unknown-ignore': [
    {
      name: 'a misspelt code',
      text: file(OKD, '# layerlint ignore=kernel-without-initrd  # INC-42', run(REPLACE, WRAPPED_DRACUT, 'ostree container commit')),
      expect: { token: 'kernel-without-initrd', severity: 'hint' },
    },
    {
      name: 'an unknown code beside a used one, with a reason',
      text: file(OKD, '# layerlint ignore=kernel-without-initramfs, no-such-rule  # INC-42', run(REPLACE, 'ostree container commit')),
      expect: { token: 'no-such-rule', severity: 'hint' },
    },
    {
      name: 'an unknown code first in the list',
      text: file(OKD, '# layerlint ignore=no-such-rule,kernel-without-initramfs', run(REPLACE, 'ostree container commit')),
      expect: { token: 'no-such-rule', severity: 'hint' },
    },
    {
      name: 'in a global ignore',
      text: file('# layerlint global ignore=missing-container-commt', FCOS, 'RUN rpm-ostree install vim && ostree container commit'),
      expect: { token: 'missing-container-commt', severity: 'hint' },
    },
    {
      name: 'raised by a severity setting',
      text: file(FCOS, '# layerlint ignore=nope', 'RUN rpm-ostree install vim && ostree container commit'),
      options: { severities: { 'unknown-ignore': 'warning' } },
      expect: { token: 'nope', severity: 'warning' },
    },
    { name: 'known codes only', text: file(OKD, '# layerlint ignore=kernel-without-initramfs', run(REPLACE, 'ostree container commit')) },
    { name: 'ignore comments turned off (audits)', text: file(FCOS, '# layerlint ignore=nope', 'RUN rpm-ostree install vim && ostree container commit'), options: { ignoreComments: false } },
    { name: 'turned off', text: file(FCOS, '# layerlint ignore=nope', 'RUN rpm-ostree install vim && ostree container commit'), options: { severities: { 'unknown-ignore': 'off' } } },
    {
      name: 'itself ignored in the same comment block',
      text: file(FCOS, '# layerlint ignore=unknown-ignore', '# layerlint ignore=our-internal-check', 'RUN rpm-ostree install vim && ostree container commit'),
    },
    {
      name: 'itself ignored for the file',
      text: file('# layerlint global ignore=unknown-ignore', FCOS, '# layerlint ignore=our-internal-check', 'RUN rpm-ostree install vim && ostree container commit'),
    },
  ],
  'unused-ignore': [
    {
      name: 'nothing to suppress: FCOS regenerates the initramfs',
      text: file(FCOS, '# layerlint ignore=kernel-without-initramfs', run(REPLACE)),
      expect: { token: 'kernel-without-initramfs', severity: 'hint' },
    },
    {
      name: 'a blank line between the comment and the instruction',
      text: file(OKD, '# layerlint ignore=kernel-without-initramfs', '', run(REPLACE, WRAPPED_DRACUT, 'ostree container commit')),
      expect: { token: 'kernel-without-initramfs', severity: 'hint' },
    },
    {
      name: 'one code of two is used, with a reason',
      text: file(OKD, '# layerlint ignore=kernel-without-initramfs,dracut-missing-force  # INC-42', run(REPLACE, 'ostree container commit')),
      expect: { token: 'dracut-missing-force', severity: 'hint' },
    },
    {
      name: 'a global ignore of a rule that reports nothing',
      text: file('# layerlint global ignore=cliwrap-deprecated', OKD, run(REPLACE, WRAPPED_DRACUT, 'ostree container commit')),
      expect: { token: 'cliwrap-deprecated', severity: 'hint' },
    },
    {
      name: 'above the instruction before the finding',
      text: file(OKD, '# layerlint ignore=missing-container-commit', 'RUN echo hello', 'RUN rpm-ostree install vim'),
      expect: { token: 'missing-container-commit', severity: 'hint' },
    },
    { name: 'used', text: file(OKD, '# layerlint ignore=kernel-without-initramfs', run(REPLACE, 'ostree container commit')) },
    { name: 'used, globally', text: file('# layerlint global ignore=kernel-without-initramfs', OKD, run(REPLACE, 'ostree container commit')) },
    { name: 'a registry rule: the text alone cannot tell', text: file('# layerlint ignore=base-platform-missing', FCOS, 'RUN rpm-ostree install vim && ostree container commit') },
    {
      name: 'the rule is off (the comment may serve where it is on)',
      text: file(FCOS, '# layerlint ignore=kernel-without-initramfs', run(REPLACE)),
      options: { severities: { 'kernel-without-initramfs': 'off' } },
    },
    { name: 'ignore comments turned off (audits)', text: file(FCOS, '# layerlint ignore=kernel-without-initramfs', run(REPLACE)), options: { ignoreComments: false } },
    { name: 'itself ignored in the same comment block', text: file(FCOS, '# layerlint ignore=unused-ignore  # kept for the OKD build', '# layerlint ignore=kernel-without-initramfs', run(REPLACE)) },
    {
      name: 'an ignore comment inside a RUN continuation is no ignore comment',
      text: file(FCOS, 'RUN rpm-ostree install vim && \\', '# layerlint ignore=kernel-without-initramfs', '    ostree container commit'),
    },
  ],
};
