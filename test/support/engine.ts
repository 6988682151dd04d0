import type { Range } from 'vscode-languageserver-types';
import { analyze, initEngine, type LayerlintDiagnostic, type LintOptions } from '../../server/src/engine';
import { applyEdits } from '../../server/src/engine/fixes/apply';
import { LineIndex } from '../../server/src/engine/text/line-index';

export { initEngine, applyEdits };

export const OKD = `FROM quay.io/openshift/okd-content@sha256:${'a'.repeat(64)}`;
export const FCOS_LEGACY = 'FROM quay.io/fedora/fedora-coreos:39.20231101.3.0';
export const FCOS = 'FROM quay.io/fedora/fedora-coreos:stable';
export const RHCOS = `FROM quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:${'b'.repeat(64)}`;
export const BOOTC41 = 'FROM quay.io/fedora/fedora-bootc:41';
export const BOOTC42 = 'FROM quay.io/fedora/fedora-bootc:42';
export const KVER = '6.4.15-200.fc38.x86_64';
export const KOJI = `https://kojipkgs.fedoraproject.org/packages/kernel/6.4.15/200.fc38/x86_64/kernel-{,core-,modules-,modules-core-}${KVER}.rpm`;
export const REPLACE = `rpm-ostree override replace ${KOJI}`;
export const GOOD_DRACUT = `RPMOSTREE_CLIWRAP_SKIP=1 dracut --no-hostonly --kver ${KVER} --reproducible -v --add ostree -f /usr/lib/modules/${KVER}/initramfs.img`;
export const WRAPPED_DRACUT = `/usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver ${KVER} --reproducible -v --add ostree -f /usr/lib/modules/${KVER}/initramfs.img`;

/** Lints and fails the test on internal errors (a crash is never an acceptable result). */
export function lint(text: string, options: LintOptions = {}): LayerlintDiagnostic[] {
  const a = analyze(text, options);
  if (a.internalErrors.length > 0) throw new Error(`internal errors:\n${a.internalErrors.join('\n')}`);
  return a.diagnostics;
}

export function withCode(text: string, code: string, options: LintOptions = {}): LayerlintDiagnostic[] {
  return lint(text, options).filter((d) => d.code === code);
}

/** The range of the `occurrence`-th appearance of `token` in `text`. */
export function rangeOf(text: string, token: string, occurrence = 1): Range {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(token, at + 1);
    if (at < 0) throw new Error(`"${token}" (occurrence ${occurrence}) not in text`);
  }
  const lines = new LineIndex(text);
  return lines.range(at, at + token.length);
}
