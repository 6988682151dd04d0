// Base families (docs/rules/README.md, "Base image families"), from the resolved FROM reference.
import picomatch from 'picomatch';
import { splitReference } from '../../reference/image-reference';
import type { LineIndex } from '../text/line-index';
import type { BaseInfo } from './types';

export interface ImageName {
  /** Registry host + path, lower-cased, e.g. "quay.io/fedora/fedora-coreos". */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Splits a reference into repository, tag and digest (Docker Hub names get "docker.io/"). */
export function splitImage(reference: string): ImageName {
  const { registry, repository, tag, digest } = splitReference(reference.trim());
  return { repository: `${registry}/${repository}`.toLowerCase(), tag, digest };
}

const base = (family: BaseInfo['family'], label: string, o: Partial<BaseInfo>): BaseInfo => ({
  family,
  label,
  rpmOstreeRegenerates: 'unknown',
  dnfRegenerates: 'unknown',
  cliwrapOn: 'no',
  ostreeRepo: 'yes',
  dracutConfigured: 'no',
  ...o,
});

/** The family of a known base image, or null when the reference is not a known layered-OS base. */
export function familyOf(reference: string): BaseInfo | null {
  const { repository, tag, digest } = splitImage(reference);
  const path = repository.slice(repository.indexOf('/') + 1);
  const name = path.slice(path.lastIndexOf('/') + 1);

  if (repository === 'quay.io/openshift/okd-content') {
    return base('okd-fcos', 'OKD machine-os content (FCOS era, cliwrap on)', { rpmOstreeRegenerates: 'no', dnfRegenerates: 'no', cliwrapOn: 'yes' });
  }
  if (name === 'fedora-coreos') {
    const major = tag ? /^(\d+)\./.exec(tag)?.[1] : undefined;
    if (major && Number(major) <= 39) {
      return base('coreos-legacy', `Fedora CoreOS ${major}`, { rpmOstreeRegenerates: 'no', dnfRegenerates: 'no' });
    }
    const stream = !digest && tag && (/^(stable|testing|next)(-devel)?$/.test(tag) || (major && Number(major) >= 40));
    return base('coreos', stream ? `Fedora CoreOS ${tag}` : 'Fedora CoreOS (pinned by digest)', {
      rpmOstreeRegenerates: stream ? 'yes' : 'unknown',
    });
  }
  const scos = /^centos-stream-coreos-(\d+)$/.exec(name);
  if (scos) {
    const minor = tag ? /^4\.(\d+)/.exec(tag)?.[1] : undefined;
    if (!digest && minor && Number(minor) <= 15) {
      return base('coreos-legacy', `CentOS Stream CoreOS ${scos[1]} (OKD 4.${minor})`, { rpmOstreeRegenerates: 'no', dnfRegenerates: 'no' });
    }
    return base('coreos', `CentOS Stream CoreOS ${scos[1]}${tag ? ` ${tag}` : ''}`, {});
  }
  if (repository === 'quay.io/okd/scos-content' || repository.endsWith('/ocp-v4.0-art-dev') || /(^|-)(rhcos|scos)(-|$)|rhel-coreos/.test(name)) {
    return base('coreos', 'RHCOS/SCOS payload image', {});
  }
  if (name === 'fedora-bootc') {
    const n = tag && /^\d+$/.test(tag) ? Number(tag) : undefined;
    if (digest || (tag && n === undefined && !/^(latest|rawhide)$/.test(tag))) return base('bootc', 'fedora-bootc (pinned)', { ostreeRepo: 'no', dracutConfigured: 'yes' });
    const regenerates = n === undefined || n >= 42 ? 'yes' : 'no';
    return base('bootc', `fedora-bootc ${tag ?? 'latest'}`, { ostreeRepo: 'no', dnfRegenerates: regenerates, rpmOstreeRegenerates: regenerates, dracutConfigured: 'yes' });
  }
  // The bootc reference base images ship /usr/lib/dracut.conf.d/10-bootc-base.conf (hostonly=no, ostree added).
  if (name === 'centos-bootc') {
    const regenerates = tag === 'stream9' ? 'no' : 'unknown';
    return base('bootc', `centos-bootc ${tag ?? ''}`.trim(), { ostreeRepo: 'no', dnfRegenerates: regenerates, rpmOstreeRegenerates: regenerates, dracutConfigured: 'yes' });
  }
  const rhel = /^rhel(\d+)\/rhel-bootc$/.exec(path);
  if (rhel) {
    const regenerates = Number(rhel[1]) <= 9 ? 'no' : 'unknown';
    return base('bootc', `RHEL ${rhel[1]} bootc`, { ostreeRepo: 'no', dnfRegenerates: regenerates, rpmOstreeRegenerates: regenerates, dracutConfigured: 'yes' });
  }
  return null;
}

/** A stage of an unrecognised base that shows layered-image signals in the file. */
export const OSTREE_UNKNOWN: BaseInfo = base('ostree-unknown', 'unrecognised base with rpm-ostree/ostree/bootc steps', {
  cliwrapOn: 'unknown',
  ostreeRepo: 'unknown',
  dracutConfigured: 'unknown',
});

/**
 * `# layerlint base=<name>` on a comment line directly above a FROM (hadolint's `# hadolint shell=`
 * is the model): the family of a base the name table does not know (an organisation's own image).
 * What a declared name says is only what every image of that kind shares; the rest stays unknown.
 */
export const BASE_PRAGMA = /^\s*#\s*layerlint\s+base\s*=\s*([\w.-]+)\s*$/;

const DECLARED = new Map<string, () => BaseInfo>(
  Object.entries({
    fcos: () => base('coreos', 'Fedora CoreOS (declared: base=fcos)', {}),
    'okd-fcos': () => base('okd-fcos', 'OKD machine-os content, FCOS era (declared: base=okd-fcos)', { rpmOstreeRegenerates: 'no', dnfRegenerates: 'no', cliwrapOn: 'yes' }),
    'okd-scos': () => base('coreos', 'OKD CentOS Stream CoreOS (declared: base=okd-scos)', {}),
    rhcos: () => base('coreos', 'RHCOS (declared: base=rhcos)', {}),
    bootc: () => base('bootc', 'a bootc image (declared: base=bootc)', { ostreeRepo: 'no', dracutConfigured: 'unknown' }),
    // The families of docs/rules/README.md by their own names.
    coreos: () => base('coreos', 'CoreOS (declared: base=coreos)', {}),
    'coreos-legacy': () => base('coreos-legacy', 'CoreOS (declared: base=coreos-legacy)', { rpmOstreeRegenerates: 'no', dnfRegenerates: 'no' }),
    'ostree-unknown': () => ({ ...OSTREE_UNKNOWN, label: 'an ostree-based image (declared: base=ostree-unknown)' }),
  }),
);

/** The names `# layerlint base=` and the configuration's `bases` accept. */
export const DECLARED_BASE_NAMES: readonly string[] = [...DECLARED.keys()];

/** The family a declared name stands for (`configured` says where, for the label). */
export function declaredFamily(name: string, configured?: string): BaseInfo | undefined {
  const declared = DECLARED.get(name.toLowerCase())?.();
  return declared && configured ? { ...declared, label: declared.label.replace(/\(declared: base=[\w.-]+\)$/, `(${configured}: ${name.toLowerCase()})`) } : declared;
}

/**
 * The forms of a reference a `bases` glob is matched against: as written (after ARG substitution),
 * without its tag or digest (so a pattern naming a repository matches every tag), and the same with a
 * Docker Hub name completed (`fedora` → `docker.io/library/fedora`).
 */
function referenceForms(reference: string): string[] {
  const { repository, tag, digest } = splitImage(reference);
  const written = reference.trim();
  const bare = written.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  const full = `${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
  return [...new Set([written, bare, full, repository])];
}

const compiled = new Map<string, (s: string) => boolean>();

/**
 * The family configured for a reference by the first `bases` glob (image pattern → declared name)
 * that matches it; `*` stays within a path segment, `**` crosses them; case is ignored.
 */
export function configuredBase(reference: string, bases: Readonly<Record<string, string>>): BaseInfo | undefined {
  const forms = referenceForms(reference);
  for (const [pattern, name] of Object.entries(bases)) {
    let isMatch = compiled.get(pattern);
    if (!isMatch) {
      try {
        isMatch = picomatch(pattern, { nocase: true, dot: true });
      } catch {
        isMatch = () => false; // a pattern picomatch refuses (too long) matches nothing
      }
      compiled.set(pattern, isMatch);
    }
    if (forms.some((f) => isMatch!(f))) return declaredFamily(name, 'configured in bases');
  }
  return undefined;
}

/**
 * The family an unknown base's image config labels tell (fetched by the platform check): bootc
 * images carry `containers.bootc=1`, ostree-based images `ostree.bootable`; `ostree.linux` is the
 * base kernel's version.
 */
export function labelledBase(image: string, labels: Readonly<Record<string, string>> | undefined, source = 'its image config labels'): BaseInfo | undefined {
  if (!labels) return undefined;
  const yes = (v: string | undefined) => v !== undefined && /^(1|true|yes)$/i.test(v.trim());
  const name = splitImage(image).repository;
  if (yes(labels['containers.bootc'])) return base('bootc', `${name} (a bootc image by ${source})`, { ostreeRepo: 'unknown', dracutConfigured: 'unknown' });
  if (yes(labels['ostree.bootable'])) return { ...OSTREE_UNKNOWN, label: `${name} (an ostree image by ${source})` };
  return undefined;
}

/** The base declared in the comment block directly above the line `fromLine`, if any. */
export function declaredBase(lines: LineIndex, fromLine: number): BaseInfo | undefined {
  for (let line = fromLine - 1; line >= 0; line--) {
    const text = lines.lineText(line);
    if (!/^\s*#/.test(text)) break;
    const declared = DECLARED.get(BASE_PRAGMA.exec(text)?.[1].toLowerCase() ?? '');
    if (declared) return declared();
  }
  return undefined;
}
