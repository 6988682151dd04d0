// Kernel package names, NEVRA parsing and kernel-version (kver) values.
//
// kver = %{version}-%{release}.%{_target_cpu} (kernel.spec KVERREL); Fedora variant kernels
// (debug, 64k, 16k, rt…) append "+<variant>".

/** Marker for a build-time value read from the image itself (rpm -q kernel…, ls /usr/lib/modules). */
export const IMAGE_KVER = '\u0001I\u0001';
const HOST_PREFIX = '\u0001H';
/** Marker for `uname -r` (the build host's kernel); carries the document offsets of its origin. */
export function hostKverMarker(start: number, end: number): string {
  return `${HOST_PREFIX}${start}-${end}\u0001`;
}
const HOST_RE = /\u0001H(\d+)-(\d+)\u0001/g;

/** Origins (document offsets) of the `uname -r` values inside a value. */
export function hostKverOrigins(value: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of value.matchAll(HOST_RE)) out.push({ start: Number(m[1]), end: Number(m[2]) });
  return out;
}

export function hasHostKver(value: string): boolean {
  return value.includes(HOST_PREFIX);
}

export function hasMarker(value: string): boolean {
  return value.includes('\u0001');
}

const VARIANTS = ['rt-debug', '64k-debug', '16k-debug', 'rt', '64k', '16k', 'debug', 'automotive'];
// Longest first: `kernel-modules-core` is the modules-core package, not a "modules" flavour's core.
const SUBPACKAGES = ['modules-core', 'modules-extra', 'modules-internal', 'modules', 'core'];
// Words that make `kernel-…` something other than a kernel (headers, tools, build files, kmods…).
const NOT_A_KERNEL = new Set([
  'devel',
  'headers',
  'tools',
  'libs',
  'doc',
  'docs',
  'debuginfo',
  'debugsource',
  'selftests',
  'cross',
  'abi',
  'stablelists',
  'whitelists',
  'srpm',
  'rpm',
  'macros',
  'uki',
  'virt',
  'firmware',
  'matched',
  'akmods',
  'addons',
  'install',
  'livepatch',
  'bpftool',
  'perf',
  'python3',
  'nvidia',
  'kmod',
  'kmods',
  'zfs',
  'source',
  'src',
  'sign',
  'signed',
  'common',
  'license',
  'utils',
  'api',
  'ipaclones',
  'partner',
  'zfcpdump',
  'kdump',
  'bootwrapper',
  'rpm-macros',
  'config',
  'configs',
  'build',
]);

// Community kernels seen in layered images: their meta package is a kernel even where nothing was
// removed first (it then installs a second kernel beside the base's).
const KNOWN_FLAVOURS = new Set(['cachyos', 'longterm', 'surface', 'fsync', 'xanmod', 'zen', 'liquorix', 'lqx', 'tkg', 'bore', 'ogc', 'blu', 'vanilla', 'mainline', 'bazzite', 'asahi', 'lts', 'clear']);

export interface KernelPackageName {
  /** e.g. "kernel-64k-core", "kernel-cachyos-lto" */
  name: string;
  /** "kernel", "kernel-<variant>" or "kernel-<flavour>" */
  base: string;
  /** A Fedora variant (debug, 64k, rt…): its kver carries "+<variant>". */
  variant?: string;
  /** A kernel built outside Fedora's kernel.spec variants (cachyos, longterm, surface, fsync…). */
  flavour?: string;
  /** "" for the meta package, else "core", "modules", "modules-core"…; "*" for a glob that may match several. */
  subpackage: string;
  /**
   * A name that is a kernel only where it takes the place of the installed one (`kernel-cachyos`
   * after `kernel-core` is removed): a flavour's meta or modules package, or a glob.
   */
  onlyAsReplacement: boolean;
}

/**
 * Recognises the packages that make up an installed kernel (not kernel-devel, -headers, -tools…):
 * Fedora's kernel and its variants by their fixed names, any other kernel (kernel-cachyos-lto,
 * kernel-longterm…) by the kernel.spec naming: `kernel-<flavour>-core` is a kernel's core package,
 * `kernel-<flavour>` its meta package.
 */
export function parseKernelPackageName(name: string): KernelPackageName | null {
  if (name !== 'kernel' && !name.startsWith('kernel-')) return null;
  let rest = name.slice('kernel'.length);
  let subpackage = '';
  const sub = SUBPACKAGES.find((s) => rest === `-${s}` || rest.endsWith(`-${s}`));
  if (sub) {
    subpackage = sub;
    rest = rest.slice(0, rest.length - sub.length - 1);
  }
  if (rest === '') return { name, base: 'kernel', subpackage, onlyAsReplacement: false };
  const variant = VARIANTS.find((v) => rest === `-${v}`);
  if (variant) return { name, base: `kernel-${variant}`, variant, subpackage, onlyAsReplacement: false };
  const words = rest.slice(1).split('-');
  if (!words.every((w) => /^[a-z][a-z0-9_]*$/.test(w) && !NOT_A_KERNEL.has(w)) || NOT_A_KERNEL.has(words.join('-'))) return null;
  const flavour = words.join('-');
  const known = KNOWN_FLAVOURS.has(words[0]) && (subpackage === '' || subpackage === 'core');
  return { name, base: `kernel-${flavour}`, flavour, subpackage, onlyAsReplacement: subpackage !== 'core' && !known };
}

/**
 * A glob naming kernel RPMs (`/tmp/rpms/kernel-*.rpm`, `kernel-core-*.rpm`, `kernel-[0-9]*.rpm`,
 * `kernel*` in a remove): the kernel it names, with no version.
 */
export function parseKernelGlob(spec: string): KernelPackageName | null {
  const file = fileName(spec);
  const at = file.search(/[*?[]/);
  if (at < 0) return null;
  const prefix = file.slice(0, at);
  const pattern = file.slice(at);
  // `/packages/kernel/*.rpm`, `/tmp/kernel-rpms/*`: every RPM of a folder named for the kernel.
  if (prefix === '' && /^\*(?:\.rpm)?$/.test(pattern) && KERNEL_FOLDER.test(parentFolder(spec))) return { name: file, base: 'kernel', subpackage: '*', onlyAsReplacement: true };
  if (prefix === 'kernel' || prefix === 'kernel-') {
    // `kernel-[0-9]*.rpm`: the meta package only; `kernel-*`, `kernel*`: any of the set.
    const meta = prefix === 'kernel-' && /^\[0-9/.test(pattern);
    return { name: file, base: 'kernel', subpackage: meta ? '' : '*', onlyAsReplacement: !meta };
  }
  if (!prefix.endsWith('-')) return null;
  const named = parseKernelPackageName(prefix.slice(0, -1));
  if (!named) return null;
  return { ...named, name: file, subpackage: named.subpackage === 'modules' ? '*' : named.subpackage, onlyAsReplacement: named.onlyAsReplacement || named.subpackage === 'modules' };
}

const KERNEL_FOLDER = /^kernels?(?:[-_.](?:rpms?|packages|pkgs))?$|^(?:rpms?|packages|pkgs)[-_.]kernels?$/i;

function parentFolder(spec: string): string {
  const parts = spec.split(/[?#]/)[0].split('/');
  return parts.length >= 2 ? parts[parts.length - 2] : '';
}

export interface Nevra {
  name: string;
  epoch?: string;
  version: string;
  release: string;
  arch?: string;
}

export interface KernelRpm extends Nevra {
  kernel: KernelPackageName;
  /** Full kver when the arch is known, e.g. "6.4.15-200.fc38.x86_64". */
  kver?: string;
  /** VERSION-RELEASE, always known. */
  versionRelease: string;
}

const ARCHES = new Set(['x86_64', 'aarch64', 'ppc64le', 's390x', 'i686', 'i386', 'armv7hl', 'riscv64', 'noarch', 'src']);

/** The final path segment of a URL or path, without query/fragment. */
export function fileName(spec: string): string {
  const noQuery = spec.replace(/[?#].*$/, '');
  const i = noQuery.lastIndexOf('/');
  return i >= 0 ? noQuery.slice(i + 1) : noQuery;
}

/**
 * Parses "name-[epoch:]version-release[.arch][.rpm]" from the right: arch after the last ".",
 * release after the last "-", version after the one before. Accepts URLs and paths.
 */
export function parseNevra(spec: string): Nevra | null {
  let s = fileName(spec);
  let arch: string | undefined;
  if (s.endsWith('.rpm')) {
    s = s.slice(0, -4);
    const dot = s.lastIndexOf('.');
    if (dot < 0) return null;
    arch = s.slice(dot + 1);
    s = s.slice(0, dot);
  } else {
    const dot = s.lastIndexOf('.');
    if (dot > 0 && ARCHES.has(s.slice(dot + 1))) {
      arch = s.slice(dot + 1);
      s = s.slice(0, dot);
    }
  }
  const r = s.lastIndexOf('-');
  if (r <= 0) return null;
  const v = s.lastIndexOf('-', r - 1);
  if (v <= 0) return null;
  const name = s.slice(0, v);
  let version = s.slice(v + 1, r);
  const release = s.slice(r + 1);
  let epoch: string | undefined;
  const colon = version.indexOf(':');
  if (colon >= 0) {
    epoch = version.slice(0, colon);
    version = version.slice(colon + 1);
  }
  if (!/^\d/.test(version) || release === '' || name === '') return null;
  return { name, epoch, version, release, arch };
}

/** Parses a kernel RPM file name, URL, path or versioned package spec; null when it is none. */
export function parseKernelRpm(spec: string): KernelRpm | null {
  const nevra = parseNevra(spec);
  if (!nevra) return null;
  const kernel = parseKernelPackageName(nevra.name);
  if (!kernel) return null;
  const versionRelease = `${nevra.version}-${nevra.release}`;
  const suffix = kernel.variant ? `+${kernel.variant}` : '';
  const kver = nevra.arch ? `${versionRelease}.${nevra.arch}${suffix}` : undefined;
  return { ...nevra, kernel, kver, versionRelease };
}

/** The path of the initramfs for a kver. */
export function initramfsPath(kver: string): string {
  return `/usr/lib/modules/${kver}/initramfs.img`;
}

/** The dist tag of a release ("200.fc38" → "fc38"). */
export function distTag(release: string): string | undefined {
  return /\.((?:fc|el|eln)\d+)(?:[._]|$)/.exec(release)?.[1];
}

/** Kernels that split kernel-modules-core out of kernel-modules: Fedora 38+ and EL9+. */
export function hasModulesCore(release: string): boolean {
  const tag = distTag(release);
  if (!tag) return false;
  const m = /^(fc|el|eln)(\d+)$/.exec(tag);
  if (!m) return false;
  const n = Number(m[2]);
  return m[1] === 'fc' ? n >= 38 : m[1] === 'eln' ? true : n >= 9;
}
