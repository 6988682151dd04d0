import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine';
import { cli, ROOT } from '../support/cli';

// The published SARIF 2.1.0 schema and Microsoft's SARIF validator (with GitHub's ingestion rules),
// both from the @microsoft/sarif-multitool npm package.
const MULTITOOL_DIR = join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux');
const SCHEMA = JSON.parse(readFileSync(join(MULTITOOL_DIR, 'sarif-2.1.0.json'), 'utf8'));

const sarif = () => cli(['lint', '--format', 'sarif', 'examples/okd-4.14-kernel-swap/Containerfile', join(ROOT, 'examples/bootc-kernel-swap/Containerfile')]);

describe('layerlint lint --format sarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const r = sarif();
    expect(r.status).toBe(1);
    const log = JSON.parse(r.stdout);
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const validate = ajv.compile(SCHEMA);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('carries rule metadata with help URIs and results with locations and fixes', () => {
    const log = JSON.parse(sarif().stdout);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.code));
    for (const rule of run.tool.driver.rules) expect(rule.helpUri).toMatch(new RegExp(`docs/rules/${rule.id}\\.md$`));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'kernel-without-initramfs');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('examples/okd-4.14-kernel-swap/Containerfile');
    expect(result.locations[0].physicalLocation.region).toEqual({ startLine: 6, startColumn: 5, endLine: 6, endColumn: 32 });
    expect(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toContain('--add ostree');
    const absolute = run.results.find((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('file:///'));
    expect(absolute).toBeDefined();
  });

  it("passes Microsoft's SARIF validator with GitHub's ingestion rules", () => {
    const tool = join(MULTITOOL_DIR, 'Sarif.Multitool');
    chmodSync(tool, 0o755); // npm does not run the package's postinstall chmod
    const dir = mkdtempSync(join(tmpdir(), 'layerlint-sarif-'));
    writeFileSync(join(dir, 'in.sarif'), sarif().stdout);
    const v = spawnSync(tool, ['validate', '--rule-kind', 'Gh', '-o', join(dir, 'out.sarif'), join(dir, 'in.sarif')], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    const problems = report.runs[0].results.filter((r: { level?: string }) => r.level !== 'note');
    expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
    // The validator does find problems in a broken log (so the check above can fail).
    const broken = JSON.parse(sarif().stdout);
    delete broken.runs[0].results[0].locations;
    writeFileSync(join(dir, 'broken.sarif'), JSON.stringify(broken));
    spawnSync(tool, ['validate', '--rule-kind', 'Gh', '-o', join(dir, 'broken-out.sarif'), join(dir, 'broken.sarif')], { encoding: 'utf8' });
    const brokenReport = JSON.parse(readFileSync(join(dir, 'broken-out.sarif'), 'utf8'));
    expect(brokenReport.runs[0].results.length).toBeGreaterThan(0);
  });
});
