// Which kernel is installed after a kernel change, and how a fix can name its version: the literal
// kver where the packages show it, else a build-time query of a package the change installed (never
// one it removed), else `ls /usr/lib/modules` where that directory holds this kernel alone.
import type { KernelChange, KernelPackageRef } from './package-commands';

export interface InstalledKernel {
  /** VERSION-RELEASE.ARCH when known. */
  kver?: string;
  /** VERSION-RELEASE when known (the arch may not be: `dnf install kernel-6.5.5-200.fc38`). */
  versionRelease?: string;
  /** An installed package whose VERSION-RELEASE.ARCH is the kernel's (its core package, a named flavour, NAME-VERSION-RELEASE). */
  query?: string;
  /** Fedora variant suffix of the kver ("+64k"), which rpm's VERSION-RELEASE.ARCH lacks. */
  variantSuffix: string;
  /** Another kernel may be installed beside it (a kernel added, not swapped): `rpm -q <name>` can print two lines. */
  besideAnother: boolean;
  /** The only kernel in /usr/lib/modules: the directory was emptied after the old kernel was removed. */
  onlyInModules: boolean;
}

export interface KernelBefore {
  kernel?: InstalledKernel;
  kernelRemoved: boolean;
  modulesCleared: boolean;
}

const mainPackage = (pkgs: KernelPackageRef[]) => pkgs.find((p) => p.kernel.subpackage === 'core') ?? pkgs.find((p) => p.kernel.subpackage === '') ?? pkgs[0];

export function kernelAfter(change: KernelChange, before: KernelBefore): InstalledKernel | undefined {
  if (change.packages.length === 0) return before.kernel;
  const onlyInModules = before.modulesCleared;
  const besideAnother = !change.replaces && !before.kernelRemoved;
  const versioned = change.packages.filter((p) => p.rpm);
  if (versioned.length > 0) {
    const main = mainPackage(versioned);
    const rpm = main.rpm!;
    return {
      kver: rpm.kver,
      versionRelease: rpm.versionRelease,
      query: rpm.kver ? undefined : `${rpm.name}-${rpm.versionRelease}`,
      variantSuffix: rpm.kernel.variant ? `+${rpm.kernel.variant}` : '',
      besideAnother: false,
      onlyInModules,
    };
  }
  const main = mainPackage(change.packages);
  const k = main.kernel;
  const variantSuffix = k.variant ? `+${k.variant}` : '';
  let query: string | undefined;
  if (k.subpackage === 'core' || (k.subpackage === '' && !k.flavour)) query = `${k.base}-core`;
  else if (k.subpackage === '' && !main.glob) query = k.name;
  else if (change.replaces && change.removed.length === 0 && !before.kernelRemoved) {
    // `override replace …/kernel-*.rpm`: the installed packages keep their names.
    query = before.kernel?.query ?? (before.kernel?.kver ? undefined : 'kernel-core');
  }
  return { query, variantSuffix, besideAnother, onlyInModules };
}

const QUERY_FORMAT = '%{VERSION}-%{RELEASE}.%{ARCH}';

export interface KverText {
  /** Shell text of the kver: a literal or a `$(…)` that reads it from the image at build time. */
  text: string;
  /** How it is read, for fix titles. */
  describe: string;
}

/**
 * The kver of the kernel installed at a point of a stage, as shell text for a fix. Undefined when no
 * expression is known to print exactly that kernel's version.
 */
export function kverText(kernel: InstalledKernel | undefined, layered: boolean): KverText | undefined {
  if (!kernel) {
    return layered ? { text: `$(rpm -q --qf '${QUERY_FORMAT}' kernel-core)`, describe: 'read with rpm -q kernel-core' } : undefined;
  }
  if (kernel.kver) return { text: kernel.kver, describe: kernel.kver };
  if (kernel.query) {
    const format = `${QUERY_FORMAT}${kernel.variantSuffix}`;
    if (kernel.besideAnother && !kernel.onlyInModules) {
      return { text: `$(rpm -q --qf '${format}\\n' ${kernel.query} | sort -V | tail -n 1)`, describe: `the newest ${kernel.query}, read with rpm -q` };
    }
    return { text: `$(rpm -q --qf '${format}' ${kernel.query})`, describe: `read with rpm -q ${kernel.query}` };
  }
  if (kernel.onlyInModules) return { text: '$(ls /usr/lib/modules)', describe: 'the only kernel in /usr/lib/modules' };
  return undefined;
}
