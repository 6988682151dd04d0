import { describe, expect, it } from 'vitest';
import { buildDocument, normaliseForDockerfileParser } from '../../server/src/engine/model/build';
import { parseDracut } from '../../server/src/engine/dracut/invocation';
import { familyOf, splitImage } from '../../server/src/engine/model/family';
import { initramfsPath, parseKernelRpm } from '../../server/src/engine/kver';
import { runShellText } from '../../server/src/engine/shell/shell-text';
import { initEngine, KVER, lint, OKD, rangeOf, REPLACE, WRAPPED_DRACUT } from '../support/engine';

await initEngine();

const commands = (text: string) => buildDocument(text).model.stages.flatMap((s) => s.runs.flatMap((r) => r.commands.filter((c) => !c.inSubstitution)));

describe('kernel RPM names (NEVRA from the right)', () => {
  it.each([
    ['kernel-core-6.5.5-200.fc38.x86_64.rpm', 'kernel-core', '6.5.5-200.fc38.x86_64'],
    ['https://kojipkgs.fedoraproject.org/packages/kernel/6.4.15/200.fc38/x86_64/kernel-modules-core-6.4.15-200.fc38.x86_64.rpm', 'kernel-modules-core', '6.4.15-200.fc38.x86_64'],
    ['https://mirror.stream.centos.org/9-stream/BaseOS/aarch64/os/Packages/kernel-core-5.14.0-503.el9.aarch64.rpm', 'kernel-core', '5.14.0-503.el9.aarch64'],
    ['/tmp/rpms/kernel-64k-core-6.11.4-301.fc41.aarch64.rpm', 'kernel-64k-core', '6.11.4-301.fc41.aarch64+64k'],
    ['kernel-6.11.4-301.fc41.x86_64', 'kernel', '6.11.4-301.fc41.x86_64'],
  ])('%s', (spec, name, kver) => {
    const rpm = parseKernelRpm(spec);
    expect(rpm?.name).toBe(name);
    expect(rpm?.kver).toBe(kver);
    expect(initramfsPath(kver)).toBe(`/usr/lib/modules/${kver}/initramfs.img`);
  });

  it('leaves the arch unknown for a versioned spec without one', () => {
    expect(parseKernelRpm('kernel-core-6.11.4-301.fc41')).toMatchObject({ versionRelease: '6.11.4-301.fc41', kver: undefined });
  });

  it.each(['kernel-devel-6.5.5-200.fc38.x86_64.rpm', 'kernel-headers-6.5.5-200.fc38.x86_64.rpm', 'vim-9.0-1.fc38.x86_64.rpm', 'kernel', 'kernel-core.rpm'])(
    '%s is not a versioned kernel package',
    (spec) => {
      expect(parseKernelRpm(spec)).toBeNull();
    },
  );
});

describe('base families', () => {
  it.each([
    [`quay.io/openshift/okd-content@sha256:${'a'.repeat(64)}`, 'okd-fcos'],
    ['quay.io/okd/centos-stream-coreos-9:4.15-x86_64', 'coreos-legacy'],
    ['quay.io/okd/centos-stream-coreos-9:4.16-x86_64', 'coreos'],
    ['quay.io/fedora/fedora-coreos:39.20231101.3.0', 'coreos-legacy'],
    ['quay.io/fedora/fedora-coreos:stable', 'coreos'],
    ['quay.io/fedora/fedora-bootc:41', 'bootc'],
    ['quay.io/centos-bootc/centos-bootc:stream9', 'bootc'],
    ['registry.redhat.io/rhel9/rhel-bootc:9.4', 'bootc'],
  ])('%s → %s', (image, family) => {
    expect(familyOf(image)?.family).toBe(family);
  });

  it.each([
    ['fcos', 'coreos', 'unknown', 'no'],
    ['okd-fcos', 'okd-fcos', 'no', 'yes'],
    ['okd-scos', 'coreos', 'unknown', 'no'],
    ['rhcos', 'coreos', 'unknown', 'no'],
    ['bootc', 'bootc', 'unknown', 'no'],
    ['coreos-legacy', 'coreos-legacy', 'no', 'no'],
  ])('# layerlint base=%s above a FROM → %s', (name, family, regenerates, cliwrap) => {
    const doc = buildDocument(`ARG TAG=1\n# some comment\n# layerlint base=${name}\nFROM registry.corp.example/os/base:\${TAG}\nFROM docker.io/library/fedora:41\n`);
    const [declared, plain] = doc.model.stages;
    expect(declared.base).toMatchObject({ family, rpmOstreeRegenerates: regenerates, cliwrapOn: cliwrap });
    expect(declared.base?.label).toContain(`(declared: base=${name})`);
    expect(plain.base).toBeNull();
  });

  it('a declared base wins over the name table, and an unknown name changes nothing', () => {
    expect(buildDocument('# layerlint base=bootc\nFROM quay.io/fedora/fedora-coreos:stable\n').model.stages[0].base?.family).toBe('bootc');
    expect(buildDocument('# layerlint base=suse\nFROM quay.io/fedora/fedora-coreos:stable\n').model.stages[0].base?.family).toBe('coreos');
    expect(buildDocument('# layerlint base=constructor\nFROM registry.corp.example/os:1\n').model.stages[0].base).toBeNull();
  });

  it('knows plain images are none', () => {
    expect(familyOf('fedora:40')).toBeNull();
    expect(splitImage('fedora:40')).toEqual({ repository: 'docker.io/library/fedora', tag: '40', digest: undefined });
  });

  it('splits references as the registry check does (one reader: Docker Hub spellings and upper-case registries)', () => {
    for (const written of ['docker.io/fedora:40', 'index.docker.io/library/fedora:40', 'fedora:40']) {
      expect(splitImage(written)).toEqual({ repository: 'docker.io/library/fedora', tag: '40', digest: undefined });
    }
    expect(splitImage('Registry/a')).toEqual({ repository: 'registry/a', tag: undefined, digest: undefined });
  });

  it('resolves ARGs and inherits the family through stages', () => {
    const doc = buildDocument(`ARG BASE=quay.io/fedora/fedora-coreos:stable\nFROM \${BASE} AS base\nFROM base AS child\nRUN echo\n`);
    expect(doc.model.stages.map((s) => [s.name, s.parent, s.base?.family])).toEqual([
      ['base', undefined, 'coreos'],
      ['child', 0, 'coreos'],
    ]);
  });

  it('marks an unknown base with ostree steps as ostree-unknown, and a plain builder as none', () => {
    const doc = buildDocument('FROM registry.example.com/os:1\nRUN rpm-ostree install vim\nFROM fedora:40\nRUN dnf -y install gcc\n');
    expect(doc.model.stages.map((s) => s.base?.family ?? null)).toEqual(['ostree-unknown', null]);
  });
});

describe('shell text seen by the parser', () => {
  it('keeps every offset and turns Dockerfile continuations, comments and empty lines into shell continuations', () => {
    const doc = 'a && \\\n# comment\n\n  b \\  \n  c';
    const shell = runShellText(doc, 0, doc.length, '\\');
    expect(shell).toHaveLength(doc.length);
    expect(shell.replace(/\\\n/g, '').replace(/\s+/g, ' ')).toBe('a && b c');
  });

  it('honours `# escape=`', () => {
    const text = '# escape=`\nFROM quay.io/fedora/fedora-coreos:stable\nRUN rpm-ostree install vim `\n    && ostree container commit\n';
    expect(commands(text).map((c) => c.name)).toEqual(['rpm-ostree', 'ostree']);
    expect(lint(text)).toEqual([]);
  });

  it('reads CRLF files and a BOM', () => {
    const text = `\ufeff${OKD}\r\nRUN ${REPLACE} && \\\r\n    ${WRAPPED_DRACUT}\r\n`;
    expect(commands(text).map((c) => c.name)).toEqual(['rpm-ostree', '/usr/libexec/rpm-ostree/wrapped/dracut']);
    expect(lint(text).map((d) => d.code)).toEqual(['missing-container-commit']);
  });

  it("parses heredoc scripts as shell, including `<< 'EOF'` (dockerfile-utils#130)", () => {
    expect(normaliseForDockerfileParser("RUN cat << 'EOF' > /a")).toBe("RUN cat <<'EOF'  > /a");
    const text = `${OKD}\nRUN << 'EOF'\nset -e\n${REPLACE}\nostree container commit\nEOF\nRUN uname -a\n`;
    expect(commands(text).map((c) => c.name)).toEqual(['set', 'rpm-ostree', 'ostree', 'uname']);
    const [d] = lint(text).filter((x) => x.code === 'kernel-without-initramfs');
    expect(d.range).toEqual(rangeOf(text, 'rpm-ostree override replace'));
  });

  it('does not run data heredocs', () => {
    const text = `${OKD}\nRUN cat <<EOF > /etc/notes\n${REPLACE}\nEOF\n`;
    expect(commands(text).map((c) => c.name)).toEqual(['cat']);
  });

  it('understands VAR=value prefixes, export, env and sudo', () => {
    const cmds = commands(`${OKD}\nRUN export RPMOSTREE_CLIWRAP_SKIP=1; env FOO=1 dracut -f && sudo depmod -a && BAR=2 rpm -q kernel\n`);
    expect(cmds.map((c) => c.name)).toEqual(['dracut', 'depmod', 'rpm']);
    expect(cmds[0].assignments).toEqual({ FOO: '1' });
    expect(parseDracut(cmds[0]).cliwrapSkip).toBe(true);
    expect(cmds[2].assignments).toEqual({ BAR: '2' });
  });
});

describe('dracut command line (dracut 059 grammar)', () => {
  const dracut = (args: string) => parseDracut(commands(`${OKD}\nRUN dracut ${args}\n`)[0]);

  it('reads --opt value, --opt=value, clusters, -i with two values and positionals', () => {
    const inv = dracut(`-fv --kver=${KVER} -a "ostree bootc" -i /src /dst --no-hostonly /usr/lib/modules/${KVER}/initramfs.img`);
    expect(inv.options.map((o) => o.option.long)).toEqual(['force', 'verbose', 'kver', 'add', 'include', 'no-hostonly']);
    expect(inv.options.find((o) => o.option.long === 'include')!.values.map((v) => v.value)).toEqual(['/src', '/dst']);
    expect(inv.kver?.value).toBe(KVER);
    expect(inv.image?.value).toBe(`/usr/lib/modules/${KVER}/initramfs.img`);
  });

  it('takes the kver from the second positional', () => {
    const inv = dracut(`-f /boot/x.img ${KVER}`);
    expect([inv.image?.value, inv.kver?.value]).toEqual(['/boot/x.img', KVER]);
  });

  it('knows commands that build nothing', () => {
    expect(dracut('--list-modules').builds).toBe(false);
    expect(dracut('--help').builds).toBe(false);
  });
});

describe('bases by image glob (issue 15, item 1)', () => {
  const familyWith = (text: string, bases: Record<string, string>) => buildDocument(text, {}, undefined, bases).model.stages.map((s) => s.base?.family ?? null);

  it('names the family and the configuration in the label; a stage built from it inherits it', () => {
    const doc = buildDocument('FROM registry.corp.example/platform/rhel-bootc-base:9.4 AS base\nFROM base\n', {}, undefined, { 'registry.corp.example/**': 'bootc' });
    expect(doc.model.stages.map((s) => s.base?.family)).toEqual(['bootc', 'bootc']);
    expect(doc.model.stages[0].base?.label).toBe('a bootc image (configured in bases: bootc)');
  });

  it('wins over the name table, matches Docker Hub names in full, ignores case and never throws on a pattern', () => {
    expect(familyWith('FROM quay.io/fedora/fedora-coreos:stable\n', { 'quay.io/fedora/*': 'bootc' })).toEqual(['bootc']);
    expect(familyWith('FROM fedora:41\n', { 'docker.io/library/fedora': 'fcos' })).toEqual(['coreos']);
    expect(familyWith('FROM Registry.Corp/OS:1\n', { 'registry.corp/os:*': 'rhcos' })).toEqual(['coreos']);
    expect(familyWith('FROM registry.corp/os:1\n', { ['x'.repeat(70_000)]: 'bootc', '[': 'bootc', 'registry.corp/os:1': 'nonsense' })).toEqual([null]);
  });
});
