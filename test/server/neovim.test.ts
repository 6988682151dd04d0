// The built language server driven by an LSP client that is not our code: Neovim's built-in client,
// headless (Debian's neovim; scripts/debian-packages.txt has it installed by `npm test`). The Lua in
// support/neovim-lsp.lua opens the OKD kernel-swap example, collects the diagnostics Neovim shows,
// hovers the kernel RPM URL, asks for code actions, applies the preferred dracut fix with Neovim's
// own apply_workspace_edit and collects the diagnostics of the edited buffer; it writes all of it as
// JSON, which this file checks.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli';
import { SERVER } from '../support/lsp-client';

const EXAMPLE = join(ROOT, 'examples/okd-4.14-kernel-swap/Containerfile');
const LUA = join(__dirname, 'support', 'neovim-lsp.lua');
const CODE = 'kernel-without-initramfs';
const KVER = '6.4.15-200.fc38.x86_64';
/** Per step inside Neovim; the whole run is killed after RUN_TIMEOUT_MS. */
const STEP_TIMEOUT_MS = 20_000;
const RUN_TIMEOUT_MS = 90_000;

interface NvimDiagnostic {
  lnum: number;
  col: number;
  severity: number;
  code?: string;
  source?: string;
  message: string;
}
interface Report {
  nvim: string;
  filetype: string;
  error?: string;
  publishes: { version: number | null; count: number }[];
  before?: { text: string; diagnostics: NvimDiagnostic[] };
  hover?: { contents: { kind: string; value: string } } | null;
  actions?: { title: string; kind: string | null; isPreferred: boolean; hasEdit: boolean; hasCommand: boolean }[];
  fix_title?: string;
  version_changed?: boolean;
  after?: { text: string; diagnostics: NvimDiagnostic[] };
  stopped?: boolean;
  server_exit?: { code: number; signal: number };
  log: string[];
}

/** Neovim's version, or a failure telling how to install it (this suite never skips). */
function nvimVersion(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `Neovim is needed by this test and \`nvim\` could not be run (${r.error?.message ?? r.stderr}). Install it: apt-get install neovim (npm test does it from scripts/debian-packages.txt)`,
    );
  }
  return /NVIM v(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1] ?? '?';
}

function runNeovim(dir: string): Promise<{ status: number | null; signal: string | null; stderr: string; stdout: string; timedOut: boolean }> {
  const containerfile = join(dir, 'Containerfile');
  copyFileSync(EXAMPLE, containerfile);
  copyFileSync(LUA, join(dir, 'init.lua'));
  const env = {
    ...process.env,
    LAYERLINT_NODE: process.execPath,
    LAYERLINT_SERVER: SERVER,
    LAYERLINT_NVIM_OUT: join(dir, 'report.json'),
    LAYERLINT_NVIM_TIMEOUT: String(STEP_TIMEOUT_MS),
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
  };
  return new Promise((resolve) => {
    // Its own process group, so that a hung run is killed together with the server it started.
    const child = spawn('nvim', ['--headless', '--clean', '-u', join(dir, 'init.lua'), containerfile], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, RUN_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: null, signal: null, stderr: `${stderr}\n${e.message}`, stdout, timedOut });
    });
    child.on('exit', (status, signal) => {
      clearTimeout(timer);
      killGroup(); // anything of the run still alive (a server that outlived Neovim)
      resolve({ status, signal, stderr, stdout, timedOut });
    });
  });
}

const layerlintCodes = (ds: NvimDiagnostic[] | undefined) => (ds ?? []).filter((d) => d.source === 'layerlint').map((d) => d.code);

describe("Neovim's built-in LSP client (headless) with the built server", () => {
  let dir: string;
  let version: string;
  let report: Report;

  beforeAll(async () => {
    version = nvimVersion();
    if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` (npm test does it for you).`);
    dir = mkdtempSync(join(tmpdir(), 'layerlint-nvim-'));
    const run = await runNeovim(dir);
    const out = join(dir, 'report.json');
    const context = `nvim ${version} exited ${run.status ?? run.signal}${run.timedOut ? ` (killed after ${RUN_TIMEOUT_MS} ms)` : ''}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    if (!existsSync(out)) throw new Error(`Neovim wrote no report; ${context}`);
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    if (report.error || run.status !== 0) {
      throw new Error(`Neovim run failed: ${report.error ?? '(no error recorded)'}; ${context}\nreport: ${JSON.stringify(report, null, 2).slice(0, 6000)}`);
    }
  }, RUN_TIMEOUT_MS + 30_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a Neovim with the LSP client API used here (0.7+) and the dockerfile filetype', () => {
    const [major, minor] = report.nvim.split('.').map(Number);
    expect(major > 0 || minor >= 7, `Neovim ${report.nvim}`).toBe(true);
    expect(report.filetype).toBe('dockerfile');
  });

  it('shows the kernel-swap findings in vim.diagnostic after opening', () => {
    expect(report.publishes.length).toBeGreaterThanOrEqual(2);
    expect(report.before!.text).toBe(readFileSync(EXAMPLE, 'utf8'));
    const codes = layerlintCodes(report.before!.diagnostics);
    expect(codes).toContain(CODE);
    expect(codes).toContain('cliwrap-same-run');
    const d = report.before!.diagnostics.find((x) => x.code === CODE)!;
    expect(d.severity).toBe(1); // vim.diagnostic.severity.ERROR
    expect(d.message).toMatch(/cannot open root device/);
    // On the `rpm-ostree override replace` line, 0-based as Neovim stores it.
    expect(report.before!.text.split('\n')[d.lnum]).toMatch(/rpm-ostree override replace/);
  });

  it('hovers the kernel RPM URL with its kver and initramfs path', () => {
    expect(report.hover?.contents.kind).toBe('markdown');
    expect(report.hover!.contents.value).toContain('**Kernel package** `kernel-core`');
    expect(report.hover!.contents.value).toContain(`kver: \`${KVER}\``);
    expect(report.hover!.contents.value).toContain(`/usr/lib/modules/${KVER}/initramfs.img`);
  });

  it('offers the dracut fix as the preferred quick fix, an edit and no server-side command', () => {
    const preferred = report.actions!.filter((a) => a.isPreferred);
    expect(preferred.map((a) => a.title)).toEqual([report.fix_title]);
    expect(report.fix_title).toMatch(/dracut/);
    // Fix-all comes without its edit (Neovim resolves code actions: codeAction/resolve fills it in
    // when chosen, issue 17 item 4); every other action carries its edit.
    expect(report.actions!.filter((a) => a.kind === 'source.fixAll.layerlint').map((a) => a.hasEdit)).toEqual([false]);
    expect(report.actions!.filter((a) => a.kind !== 'source.fixAll.layerlint').every((a) => a.hasEdit && !a.hasCommand)).toBe(true);
    expect(report.actions!.every((a) => !a.hasCommand)).toBe(true);
    expect(report.actions!.map((a) => a.title)).toContain(`Disable ${CODE} for this instruction`);
  });

  it("applies the fix with Neovim's apply_workspace_edit; the buffer gains the dracut command", () => {
    expect(report.version_changed).toBe(true);
    const lines = report.after!.text.split('\n');
    const dracut = lines.findIndex((l) => /\bdracut --no-hostonly --kver 6\.4\.15-200\.fc38\.x86_64\b.*--add ostree/.test(l));
    expect(dracut, report.after!.text).toBeGreaterThan(0);
    // After the kernel change, inside the same RUN (a continuation line).
    expect(dracut).toBeGreaterThan(lines.findIndex((l) => l.includes('override replace')));
    expect(lines[dracut - 1]).toMatch(/&& \\$/);
    expect(lines[dracut]).toMatch(/&& \\$/);
  });

  it('publishes diagnostics for the edited version without the kernel finding, and stops cleanly', () => {
    const last = report.publishes[report.publishes.length - 1];
    expect(last.count).toBe(report.after!.diagnostics.length);
    const codes = layerlintCodes(report.after!.diagnostics);
    expect(codes).not.toContain(CODE);
    expect(codes.filter((c) => c?.startsWith('dracut-'))).toEqual([]);
    expect(report.stopped).toBe(true);
    expect(report.server_exit?.code).toBe(0);
  });
});
