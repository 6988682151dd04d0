// Fixes and guards name the kernel that is there after the change: never a package the change
// removed, never a query that prints two kernels (issue 14, item 2).
import { describe, expect, it } from 'vitest';
import { BOOTC41, FCOS, FCOS_LEGACY, initEngine, withCode } from '../support/engine';

await initEngine();

const SET = 'kernel kernel-core kernel-modules kernel-modules-core kernel-modules-extra';
const QF = "'%{VERSION}-%{RELEASE}.%{ARCH}'";

function fixOf(text: string, code: string): { title: string; inserted: string } | undefined {
  const [d] = withCode(text, code);
  expect(d, `${code} expected`).toBeDefined();
  const fix = d.data.fixes[0];
  return fix && { title: fix.title, inserted: fix.edits.map((e) => e.newText).join('') };
}

describe('the kver a fix writes', () => {
  it('queries the community kernel installed in place of kernel-core, not kernel-core', () => {
    const fix = fixOf(`${FCOS_LEGACY}\nRUN rpm-ostree override remove ${SET} --install kernel-cachyos-lto && ostree container commit\n`, 'kernel-without-initramfs')!;
    expect(fix.inserted).toContain(`--kver "$(rpm -q --qf ${QF} kernel-cachyos-lto)"`);
    expect(fix.inserted).toContain(`-f "/usr/lib/modules/$(rpm -q --qf ${QF} kernel-cachyos-lto)/initramfs.img"`);
    expect(fix.inserted).not.toContain('kernel-core');
    expect(fix.title).toContain('kernel-cachyos-lto');
  });

  it('prefers a named core package of the new kernel', () => {
    const fix = fixOf(`${BOOTC41}\nRUN dnf -y swap kernel-core kernel-cachyos-core\n`, 'kernel-without-initramfs')!;
    expect(fix.inserted).toContain(`$(rpm -q --qf ${QF} kernel-cachyos-core)`);
  });

  it('uses the installed kernel-core where an override replace keeps the package names', () => {
    const fix = fixOf(`${FCOS_LEGACY}\nRUN rpm-ostree override replace /tmp/kernel-rpms/kernel-*.rpm && ostree container commit\n`, 'kernel-without-initramfs')!;
    expect(fix.inserted).toContain(`$(rpm -q --qf ${QF} kernel-core)`);
  });

  it('takes the newest kernel-core where a kernel is added beside the old one (rpm -q prints both)', () => {
    const fix = fixOf(`${BOOTC41}\nRUN dnf -y upgrade kernel kernel-core\n`, 'kernel-without-initramfs')!;
    expect(fix.inserted).toContain(`$(rpm -q --qf '%{VERSION}-%{RELEASE}.%{ARCH}\\n' kernel-core | sort -V | tail -n 1)`);
    expect(fix.title).toContain('newest kernel-core');
  });

  it('queries NAME-VERSION-RELEASE where the arch is not named: exactly one package', () => {
    const fix = fixOf(`${BOOTC41}\nRUN dnf -y remove kernel-core && dnf -y install kernel-core-6.11.4-301.fc41\n`, 'kernel-without-initramfs')!;
    expect(fix.inserted).toContain(`$(rpm -q --qf ${QF} kernel-core-6.11.4-301.fc41)`);
  });

  it('reads /usr/lib/modules where the old kernel was removed and the directory emptied', () => {
    const fix = fixOf(`${BOOTC41}\nRUN dnf -y remove kernel* && rm -rf /usr/lib/modules/* && dnf -y install /tmp/rpms/kernel-*.rpm\n`, 'kernel-without-initramfs')!;
    expect(fix.inserted).toContain('--kver "$(ls /usr/lib/modules)"');
    expect(fix.title).toContain('the only kernel in /usr/lib/modules');
  });

  it('offers no fix where no expression is known to print the new kernel alone', () => {
    const [d] = withCode(`${BOOTC41}\nRUN dnf -y remove kernel* && dnf -y install /tmp/rpms/kernel-*.rpm\n`, 'kernel-without-initramfs');
    expect(d).toBeDefined();
    expect(d.data.fixes).toEqual([]);
  });

  it('guards the community kernel’s initramfs, not kernel-core’s', () => {
    const fix = fixOf(`${FCOS}\nRUN rpm-ostree override remove ${SET} --install kernel-fsync && ostree container commit\n`, 'initramfs-unverified')!;
    expect(fix.inserted).toContain(`test -f "/usr/lib/modules/$(rpm -q --qf ${QF} kernel-fsync)/initramfs.img"`);
  });

  it('replaces `uname -r` by the new kernel’s version after a swap', () => {
    const fix = fixOf(`${FCOS}\nRUN rpm-ostree override remove ${SET} --install kernel-longterm && depmod -a $(uname -r)\n`, 'build-host-kernel')!;
    expect(fix.inserted).toBe(`$(rpm -q --qf ${QF} kernel-longterm)`);
  });
});
