// Containerfiles written in the style of real layered-image repositories (Universal Blue images,
// community kernel images, CoreOS layering examples, bootc docs, OKD reports): every finding each one
// gets, by code, severity and line. A correct file gets no error; unknown content (a script, a value
// read at build time) never produces one.
import { describe, expect, it } from 'vitest';
import { initEngine, lint } from '../support/engine';

await initEngine();

const SET = 'kernel kernel-core kernel-modules kernel-modules-core kernel-modules-extra';
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

const FILES: { name: string; text: string; findings: string[] }[] = [
  {
    name: 'community kernel with its dracut call, version read with rpm -q',
    text: `FROM quay.io/fedora-ostree-desktops/silverblue:40
RUN rpm-ostree override remove ${SET} --install kernel-cachyos-lto && \\
    KERNEL_VERSION="$(rpm -q kernel-cachyos-lto --queryformat '%{VERSION}-%{RELEASE}.%{ARCH}')" && \\
    dracut --no-hostonly --kver "$KERNEL_VERSION" --reproducible --zstd -v --add ostree -f "/lib/modules/$KERNEL_VERSION/initramfs.img" && \\
    ostree container commit
`,
    findings: [],
  },
  {
    name: 'ublue initramfs step: QUALIFIED_KERNEL from rpm -qa | grep | sed',
    text: `FROM ghcr.io/ublue-os/silverblue-main:40
RUN QUALIFIED_KERNEL="$(rpm -qa | grep -P 'kernel-(\\d+\\.\\d+\\.\\d+)' | sed -E 's/kernel-//')" && \\
    /usr/bin/dracut --no-hostonly --kver "$QUALIFIED_KERNEL" --reproducible -v --add ostree -f "/lib/modules/$QUALIFIED_KERNEL/initramfs.img" && \\
    chmod 0600 "/lib/modules/$QUALIFIED_KERNEL/initramfs.img" && \\
    ostree container commit
`,
    findings: [],
  },
  {
    name: 'kernel installed and initramfs built by mounted scripts',
    text: `FROM scratch AS ctx
COPY build_files /
FROM ghcr.io/ublue-os/kinoite-main:41
RUN --mount=type=bind,from=ctx,source=/,target=/ctx \\
    --mount=type=tmpfs,dst=/tmp \\
    /ctx/install-kernel-akmods && \\
    /ctx/build-initramfs && \\
    ostree container commit
RUN bootc container lint
`,
    findings: [],
  },
  {
    name: 'dnf swap to a community kernel, then the documented bootc recipe',
    text: `FROM quay.io/fedora/fedora-bootc:41
RUN dnf -y copr enable bieszczaders/kernel-cachyos && \\
    dnf -y remove kernel* && \\
    rm -rf /usr/lib/modules/* && \\
    dnf -y install kernel-cachyos && \\
    dnf clean all
RUN kver=$(cd /usr/lib/modules && echo *); dracut -vf /usr/lib/modules/$kver/initramfs.img "$kver"
RUN bootc container lint
`,
    findings: [],
  },
  {
    name: 'dracut to /tmp, then moved into place (rpm-ostree 2022 workaround)',
    text: `FROM quay.io/fedora/fedora-silverblue:37
RUN rpm-ostree cliwrap install-to-root /
RUN rpm-ostree override replace https://kojipkgs.fedoraproject.org/packages/kernel/6.1.4/200.fc37/x86_64/kernel-{,core-,modules-,modules-extra-}6.1.4-200.fc37.x86_64.rpm && \\
    kver=$(ls /lib/modules) && \\
    /usr/libexec/rpm-ostree/wrapped/dracut --tmpdir /tmp/ --no-hostonly --kver $kver --reproducible -v --add ostree -f /tmp/initramfs2.img && \\
    mv /tmp/initramfs2.img /lib/modules/$kver/initramfs.img && \\
    ostree container commit
`,
    findings: ['cliwrap-deprecated warning 2'],
  },
  {
    name: 'community kernel swap with nothing that regenerates (unknown base)',
    text: `FROM quay.io/fedora-ostree-desktops/silverblue:39
RUN rpm-ostree override remove ${SET} --install kernel-cachyos-bore
`,
    findings: ['kernel-without-initramfs warning 2'],
  },
  {
    name: 'community kernel swap on a declared coreos-legacy base',
    text: `# layerlint base=coreos-legacy
FROM registry.corp.example/os/fcos:39
RUN rpm-ostree override remove ${SET} --install kernel-longterm && \\
    ostree container commit
`,
    findings: ['kernel-without-initramfs error 3'],
  },
  {
    name: 'kernel-rt from the layering examples (cliwrap in an earlier RUN, SCOS 4.12)',
    text: `FROM quay.io/okd/centos-stream-coreos-9:4.12-x86_64
RUN rpm-ostree cliwrap install-to-root /
RUN rpm-ostree override remove kernel kernel-{core,modules,modules-extra} \\
      --install kernel-rt-core --install kernel-rt-modules \\
      --install kernel-rt-modules-extra --install kernel-rt-kvm && \\
    ostree container commit
`,
    findings: ['cliwrap-deprecated warning 2', 'initramfs-unverified hint 3'],
  },
  {
    name: 'zfs module built in a builder stage for the FCOS kernel',
    text: `FROM quay.io/fedora/fedora-coreos:stable AS kernel-query
RUN rpm -qa kernel --queryformat '%{VERSION}-%{RELEASE}.%{ARCH}' > /kernel-version.txt
FROM registry.fedoraproject.org/fedora:40 AS builder
COPY --from=kernel-query /kernel-version.txt /kernel-version.txt
RUN dnf install -y kernel-devel-$(cat /kernel-version.txt) && \\
    ./configure --with-linux=/usr/src/kernels/$(cat /kernel-version.txt)/ && make -j4 rpm-kmod
FROM quay.io/fedora/fedora-coreos:stable
COPY --from=builder /zfs/*.rpm /zfs/
RUN rpm-ostree install /zfs/*.$(rpm -qa kernel --queryformat '%{ARCH}').rpm && \\
    depmod -a "$(rpm -qa kernel --queryformat '%{VERSION}-%{RELEASE}.%{ARCH}')" && \\
    ostree container commit
`,
    findings: [],
  },
  {
    name: 'akmods in a builder stage with the host kernel',
    text: `FROM quay.io/fedora/fedora:41 AS builder
RUN dnf install -y akmods kernel-devel && akmods --force --kernels "$(uname -r)"
`,
    findings: ['build-host-kernel error 2'],
  },
  {
    name: 'the OKD 4.14 recipe that worked',
    text: `FROM quay.io/openshift/okd-content@sha256:${'c'.repeat(64)}
RUN rpm-ostree override replace https://kojipkgs.fedoraproject.org/packages/kernel/6.4.15/200.fc38/x86_64/kernel-{,core-,modules-,modules-core-}6.4.15-200.fc38.x86_64.rpm && \\
    /usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver 6.4.15-200.fc38.x86_64 --reproducible -v --add ostree -f "/usr/lib/modules/6.4.15-200.fc38.x86_64/initramfs.img" && \\
    rpm-ostree cleanup -m && \\
    ostree container commit
`,
    findings: [],
  },
  {
    name: 'scriptlets off: kernel-cachyos on fedora-bootc 42 with depmod only',
    text: `FROM quay.io/fedora/fedora-bootc:42
RUN dnf5 -y remove --no-autoremove ${SET} && \\
    rm -rf /usr/lib/modules/* && \\
    dnf5 -y install --setopt=tsflags=noscripts kernel-cachyos && \\
    KERNEL_VERSION=$(rpm -qa --queryformat '%{VERSION}-%{RELEASE}.%{ARCH}' kernel-cachyos-core) && \\
    depmod -a "$KERNEL_VERSION"
`,
    findings: ['kernel-without-initramfs error 4'],
  },
];

describe('real-style Containerfiles', () => {
  it.each(FILES.map((f) => [f.name, f] as const))('%s', (_name, { text, findings }) => {
    const found = lint(text).map((d) => `${d.code} ${SEVERITY[d.severity]} ${d.range.start.line + 1}`);
    expect(found).toEqual(findings);
  });
});
