// Generates a realistic layered-image Containerfile of about `lines` lines: several stages on OKD,
// FCOS and bootc bases with kernel swaps, dracut calls, continuation lines, heredocs, ARG/ENV.
export function generateContainerfile(lines) {
  const out = ['# escape=\\', '# Generated for benchmarks.', 'ARG FCOS=quay.io/fedora/fedora-coreos:stable'];
  let i = 0;
  // Besides kernel work, layered images mostly configure the system: most RUNs are like these.
  const config = (n) => [
    `RUN systemctl enable podman.socket sshd.service && \\`,
    `    mkdir -p /var/lib/app${n} /etc/app${n} && \\`,
    `    sed -i 's/^#PermitRootLogin.*/PermitRootLogin no/' /etc/ssh/sshd_config && \\`,
    `    useradd --system --home-dir /var/lib/app${n} app${n}`,
    `COPY app${n}.conf /etc/app${n}/app.conf`,
    'RUN <<EOF',
    `cat > /etc/sysctl.d/90-app${n}.conf <<CONF`,
    'net.ipv4.ip_forward = 1',
    'CONF',
    `chmod 0644 /etc/sysctl.d/90-app${n}.conf`,
    'EOF',
    `ENV APP${n}_HOME=/var/lib/app${n}`,
  ];
  const blocks = [
    (n) => [
      `FROM quay.io/openshift/okd-content@sha256:${String(n).padStart(64, '0')} AS okd${n}`,
      `ARG KVER=6.4.${n % 20}-200.fc38.x86_64`,
      `ENV PATH=/usr/local/bin:$PATH LAYER=${n}`,
      'RUN rpm-ostree cliwrap install-to-root / && \\',
      `    rpm-ostree override replace https://kojipkgs.fedoraproject.org/packages/kernel/6.4.${n % 20}/200.fc38/x86_64/kernel-{,core-,modules-,modules-core-}6.4.${n % 20}-200.fc38.x86_64.rpm && \\`,
      '    dracut --kver 6.4.15-200.x86_64 && \\',
      '    rpm-ostree cleanup -m && \\',
      '    ostree container commit',
      'COPY files/ /',
    ],
    (n) => [
      `FROM \${FCOS} AS fcos${n}`,
      'RUN <<EOF',
      'set -euo pipefail',
      `KVER="$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}' kernel-core)"`,
      'install -D /tmp/hello.ko "/usr/lib/modules/$KVER/extra/hello.ko"',
      'depmod -a',
      'rpm-ostree install vim-enhanced tmux',
      'EOF',
      `RUN --mount=type=cache,target=/var/cache/dnf rpm-ostree install htop-${n} && ostree container commit`,
    ],
    (n) => [
      `FROM quay.io/fedora/fedora-bootc:41 AS bootc${n}`,
      'RUN dnf -y remove kernel kernel-core kernel-modules kernel-modules-core && \\',
      `    dnf -y install https://kojipkgs.fedoraproject.org/packages/kernel/6.11.${n % 9}/301.fc41/x86_64/kernel-{,core-,modules-,modules-core-}6.11.${n % 9}-301.fc41.x86_64.rpm && \\`,
      '    dracut --kver "$(uname -r)" --force && \\',
      '    echo "dracut --help is only text" > /dev/null && \\',
      '    ostree container commit',
      'RUN bootc container lint',
    ],
  ];
  while (out.length < lines) {
    out.push(...blocks[i % blocks.length](i), ...config(i), '');
    i++;
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}
