// Hover on the words a layered-image RUN is about: rpm-ostree verbs (whether they work in a build),
// the dracut command, and initramfs paths (where the boot reads them).
import { BUILD_VERBS, DAEMON_VERBS } from '../analysis/rpm-ostree-verbs';
import { isDracut } from '../dracut/invocation';
import { initramfsPath } from '../kver';
import { basename } from '../model/build';
import type { WordAt } from './locate';

const USR_INITRAMFS = /^\/(?:usr\/)?lib\/modules\/([^/\s]+)\/initramfs\.img$/;
const BOOT_INITRAMFS = /^\/boot\/initramfs-([^/\s]+)\.img$/;

/** The verb of `rpm-ostree [options] verb [sub]` the word is part of, if any. */
function rpmOstreeVerb(at: WordAt): string | undefined {
  if (basename(at.command.name) !== 'rpm-ostree' || at.index < 0) return undefined;
  const words = at.command.args.map((w, i) => ({ i, v: w.values?.[0] ?? w.text })).filter((w) => !w.v.startsWith('-'));
  const [verb, sub] = words;
  if (!verb) return undefined;
  const pair = sub ? `${verb.v} ${sub.v}` : undefined;
  if (at.index === verb.i) return pair && pair in BUILD_VERBS ? pair : verb.v;
  if (sub && at.index === sub.i && pair && pair in BUILD_VERBS) return pair;
  return undefined;
}

export function commandWordHover(at: WordAt): string | undefined {
  const verb = rpmOstreeVerb(at);
  if (verb !== undefined) {
    if (verb in BUILD_VERBS) return `**rpm-ostree \`${verb}\`** (works in a container build)\n\n${BUILD_VERBS[verb]}`;
    if (verb in DAEMON_VERBS) return `**rpm-ostree \`${verb}\`** needs the rpm-ostree daemon: it fails in a container build.\n\nInstead, ${DAEMON_VERBS[verb]}.`;
    return undefined;
  }
  if (at.index === -1 && isDracut(at.command)) {
    return [
      '**dracut** builds an initramfs.',
      '',
      "In a layered image it must be built for the image's kernel, not the build host's, beside that kernel, for every machine, with the ostree module:",
      '',
      `\`dracut --no-hostonly --kver <kver> --reproducible --add ostree -f ${initramfsPath('<kver>')}\``,
      '',
      "Where cliwrap is on, `dracut` is rpm-ostree's shim: call `/usr/libexec/rpm-ostree/wrapped/dracut` (or set `RPMOSTREE_CLIWRAP_SKIP=1`).",
    ].join('\n');
  }
  const value = at.word.values?.length === 1 ? at.word.values[0] : at.word.text;
  const usr = USR_INITRAMFS.exec(value);
  if (usr) return `**initramfs** of kernel \`${usr[1]}\`\n\nThe place ostree and bootc read it from, beside \`vmlinuz\` in \`/usr/lib/modules/${usr[1]}/\`.`;
  const boot = BOOT_INITRAMFS.exec(value);
  if (boot) return `**initramfs** in \`/boot\`: an ostree or bootc image does not boot from it. Write \`${initramfsPath(boot[1])}\` instead.`;
  return undefined;
}
