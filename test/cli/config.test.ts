// `.layerlint.yaml`: found by searching up from each linted file, --config / LAYERLINT_CONFIG, validated
// against the shipped JSON Schema with errors naming file, line, column and key; the command line and
// LAYERLINT_* variables over it. All through the built CLI.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine';
import { DECLARED_BASE_NAMES } from '../../server/src/engine/model/family';
import { CLI, ROOT } from '../support/cli';

const OKD_TEXT = readFileSync(join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile'), 'utf8');
// The OKD example's findings: cliwrap-same-run (error) and cliwrap-deprecated (warning) on line 5,
// kernel-without-initramfs (error) on line 6.

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlint-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function lint(dir: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
  const found = r.stdout
    ? JSON.parse(r.stdout).files.map((f: { path: string; diagnostics: { code: string; severity: string }[] }) => [f.path, f.diagnostics.map((d) => `${d.code}:${d.severity}`)])
    : [];
  return { status: r.status, found: Object.fromEntries(found) as Record<string, string[]>, stderr: r.stderr };
}

const ALL = ['cliwrap-same-run:error', 'cliwrap-deprecated:warning', 'kernel-without-initramfs:error'];

describe('.layerlint.yaml', () => {
  it('applies to the files below it; a nearer one wins; .yml works too', () => {
    const dir = project({
      '.layerlint.yaml': 'severities:\n  cliwrap-deprecated: "off"\n',
      'a/Containerfile': OKD_TEXT,
      'b/c/Containerfile': OKD_TEXT,
      'b/.layerlint.yml': 'ignore: [kernel-without-initramfs]\nseverities:\n  cliwrap-same-run: hint\n',
    });
    const r = lint(dir, ['a/Containerfile', 'b/c/Containerfile']);
    expect(r.found).toEqual({
      'a/Containerfile': ['cliwrap-same-run:error', 'kernel-without-initramfs:error'],
      'b/c/Containerfile': ['cliwrap-same-run:hint', 'cliwrap-deprecated:warning'],
    });
    expect(r.status).toBe(1);
  });

  it('is searched from where --stdin-filename puts standard input', () => {
    const dir = project({ 'img/.layerlint.yaml': 'ignore: [cliwrap-same-run, cliwrap-deprecated, kernel-without-initramfs]\n' });
    const r = spawnSync(process.execPath, [CLI, 'lint', '--stdin-filename', 'img/Containerfile', '-'], { cwd: dir, input: OKD_TEXT, encoding: 'utf8' });
    expect(r).toMatchObject({ status: 0, stdout: '' });
  });

  it('holds buildArgs, rpmOstreeVersion and failureThreshold', () => {
    const file = 'ARG BASE=quay.io/fedora/fedora:40\nFROM $BASE\nRUN rpm-ostree override replace https://example.com/kernel-{,core-,modules-,modules-core-}6.4.15-200.fc38.x86_64.rpm\n';
    const okd = `quay.io/openshift/okd-content@sha256:${'c'.repeat(64)}`;
    const dir = project({ '.layerlint.yaml': `buildArgs:\n  BASE: ${okd}\n`, Containerfile: file });
    expect(lint(dir, ['Containerfile']).found.Containerfile).toContain('kernel-without-initramfs:error');
    writeFileSync(join(dir, '.layerlint.yaml'), `buildArgs:\n  BASE: ${okd}\nrpmOstreeVersion: "2024.6"\n`);
    expect(lint(dir, ['Containerfile']).found.Containerfile).not.toContain('kernel-without-initramfs:error');
    const threshold = project({ '.layerlint.yaml': 'failureThreshold: none\n', Containerfile: OKD_TEXT });
    expect(lint(threshold, ['Containerfile'])).toMatchObject({ status: 0, found: { Containerfile: ALL } });
  });

  it('--config and LAYERLINT_CONFIG name the file; the search is then skipped', () => {
    const dir = project({
      '.layerlint.yaml': 'ignore: [cliwrap-same-run]\n',
      'ci/strict.yaml': 'severities:\n  cliwrap-deprecated: error\n',
      Containerfile: OKD_TEXT,
    });
    expect(lint(dir, ['Containerfile']).found.Containerfile).toEqual(['cliwrap-deprecated:warning', 'kernel-without-initramfs:error']);
    const strict = ['cliwrap-same-run:error', 'cliwrap-deprecated:error', 'kernel-without-initramfs:error'];
    expect(lint(dir, ['--config', 'ci/strict.yaml', 'Containerfile']).found.Containerfile).toEqual(strict);
    expect(lint(dir, ['Containerfile'], { LAYERLINT_CONFIG: 'ci/strict.yaml' }).found.Containerfile).toEqual(strict);
    const missing = lint(dir, ['--config', 'nope.yaml', 'Containerfile']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('layerlint: nope.yaml: cannot read: no such file\n');
  });

  it('the command line beats LAYERLINT_* variables, which beat the file', () => {
    const dir = project({ '.layerlint.yaml': 'severities:\n  cliwrap-deprecated: hint\nfailureThreshold: none\n', Containerfile: OKD_TEXT });
    expect(lint(dir, ['Containerfile'], { LAYERLINT_SEVERITY: 'cliwrap-deprecated=info', LAYERLINT_IGNORE: 'cliwrap-same-run' })).toMatchObject({
      status: 0,
      found: { Containerfile: ['cliwrap-deprecated:information', 'kernel-without-initramfs:error'] },
    });
    const r = lint(dir, ['--severity', 'cliwrap-deprecated=error', '--ignore', 'kernel-without-initramfs', '--failure-threshold', 'error', 'Containerfile'], {
      LAYERLINT_SEVERITY: 'cliwrap-deprecated=info',
      LAYERLINT_FAILURE_THRESHOLD: 'none',
    });
    expect(r).toMatchObject({ status: 1, found: { Containerfile: ['cliwrap-same-run:error', 'cliwrap-deprecated:error'] } });
    expect(lint(dir, ['Containerfile'], { LAYERLINT_FAILURE_THRESHOLD: 'warning' }).status).toBe(1);
  });

  it.each([
    [['--severity', 'no-such-rule=error'], '--severity: unknown rule "no-such-rule"'],
    [['--severity', 'cliwrap-deprecated'], '--severity expects code=off|error|warning|info|hint, got "cliwrap-deprecated"'],
    [['--ignore', 'cliwrap-deprecated,typo'], '--ignore: unknown rule "typo"'],
  ])('usage error for %j', (args, message) => {
    const dir = project({ Containerfile: OKD_TEXT });
    const r = lint(dir, [...args, 'Containerfile']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`layerlint lint: ${message}`);
  });

  it('invalid files are reported with file, line, column and key, and nothing is linted (exit 2)', () => {
    const dir = project({
      '.layerlint.yaml': [
        'severities:',
        '  cliwrap-deprecated: fatal',
        '  no-such-rule: error',
        'ignore: [cliwrap-same-run, typo]',
        'insecureRegistries: [registry.example.com]',
        'platforms: [linux/amd64, arm64]',
        'rpmOstreeVersion: 2024',
        'failureThreshold: style',
        'buildArgs: [a]',
        'colour: true',
        'bases:',
        '  "registry corp/base": bootc',
        '  ghcr.io/org/*: debian',
        '',
      ].join('\n'),
      Containerfile: OKD_TEXT,
    });
    const r = lint(dir, ['Containerfile']);
    const file = join(dir, '.layerlint.yaml');
    expect(r.status).toBe(2);
    expect(r.found).toEqual({});
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual(
      [
        `layerlint: ${file}:2:23: severities.cliwrap-deprecated: must be one of off, error, warning, information, hint (got "fatal")`,
        `layerlint: ${file}:3:3: severities.no-such-rule: unknown rule "no-such-rule"`,
        `layerlint: ${file}:4:28: ignore.1: unknown rule "typo"`,
        `layerlint: ${file}:5:1: insecureRegistries: insecure registries are a user-level setting (--insecure-registry, registries.conf, the editor's user settings); a repository's file cannot set them`,
        `layerlint: ${file}:6:26: platforms.1: must be os/arch[/variant], e.g. linux/arm64`,
        `layerlint: ${file}:7:19: rpmOstreeVersion: must be a string`,
        `layerlint: ${file}:8:19: failureThreshold: must be one of error, warning, info, none (got "style")`,
        `layerlint: ${file}:9:12: buildArgs: must be a mapping`,
        `layerlint: ${file}:10:1: colour: unknown key (known keys: severities, ignore, buildArgs, rpmOstreeVersion, bases, platforms, failureThreshold)`,
        `layerlint: ${file}:12:3: bases.registry corp/base: must be an image glob such as registry.example.com/*/base:* (no spaces)`,
        `layerlint: ${file}:13:18: bases.ghcr.io/org/*: must be one of ${DECLARED_BASE_NAMES.join(', ')} (got "debian")`,
      ].sort(),
    );
  });

  it('YAML syntax errors and duplicate keys name their line', () => {
    const dir = project({ '.layerlint.yaml': 'ignore: [cliwrap-same-run\nseverities: {}\n', Containerfile: OKD_TEXT });
    const r = lint(dir, ['Containerfile']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^layerlint: ${join(dir, '.layerlint.yaml').replace(/[.]/g, '\\.')}:\\d+:\\d+: invalid YAML: `));
    writeFileSync(join(dir, '.layerlint.yaml'), 'ignore: []\nignore: [cliwrap-same-run]\n');
    expect(lint(dir, ['Containerfile']).stderr).toMatch(/\.layerlint\.yaml:2:1: invalid YAML: Map keys must be unique/);
  });

  it('holds base families by image glob; a # layerlint base= comment in the file wins', () => {
    const run = 'RUN dnf -y install vim && ostree container commit\n';
    const dir = project({
      '.layerlint.yaml': 'bases:\n  "registry.corp.example/*/rhel-bootc-base:*": bootc\n  ghcr.io/org/my-centos-bootc: bootc\n',
      'a/Containerfile': `FROM registry.corp.example/platform/rhel-bootc-base:9.4\n${run}`,
      'b/Containerfile': `FROM ghcr.io/org/my-centos-bootc:stream9\n${run}`,
      'c/Containerfile': `# layerlint base=fcos\nFROM ghcr.io/org/my-centos-bootc:stream9\n${run}`,
      'd/Containerfile': `FROM ghcr.io/org/other:stream9\n${run}`,
    });
    expect(lint(dir, ['a/Containerfile', 'b/Containerfile', 'c/Containerfile', 'd/Containerfile']).found).toEqual({
      'a/Containerfile': ['ostree-commit-on-bootc:warning'],
      'b/Containerfile': ['ostree-commit-on-bootc:warning'],
      'c/Containerfile': [],
      'd/Containerfile': [],
    });
  });

  it('an empty file is an empty configuration', () => {
    const dir = project({ '.layerlint.yaml': '# nothing yet\n', Containerfile: OKD_TEXT });
    expect(lint(dir, ['Containerfile']).found.Containerfile).toEqual(ALL);
  });
});

describe('the shipped JSON Schema', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema/layerlint.schema.json'), 'utf8'));

  it('is valid under Ajv strict mode and names every rule', () => {
    const validate = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);
    expect(validate({ severities: { 'dracut-hostonly': 'error' }, ignore: ['cliwrap-deprecated'], failureThreshold: 'warning' })).toBe(true);
    expect(schema.properties.severities.propertyNames.enum).toEqual(RULES.map((r) => r.code));
    expect(schema.properties.ignore.items.enum).toEqual(RULES.map((r) => r.code));
    expect(schema.properties.bases.additionalProperties.enum).toEqual(DECLARED_BASE_NAMES);
    expect(validate({ bases: { 'registry.corp/*/rhel-bootc-base:*': 'bootc', 'ghcr.io/org/my-centos-bootc': 'okd-scos' } })).toBe(true);
  });
});
