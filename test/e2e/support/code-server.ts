// Test support: a real VS Code (code-server 4.100.3 from the npm registry, installed and cached by
// scripts/code-server.mjs) on a free loopback port, with its own user-data, extensions and workspace
// directories, no auth, no telemetry, no update checks and no extension gallery.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../registry/support/registry';
import { startService, waitUntilServing } from '../../support/service';

export const root = join(__dirname, '..', '..', '..');
const execFileAsync = promisify(execFile);

/** The code-server entry: prepared by `npm test` before vitest starts, else installed now (minutes,
 *  once, in a child process so this worker keeps answering vitest). */
export async function ensureCodeServer(): Promise<string> {
  const prepared = process.env.LAYERLINT_E2E_CODE_SERVER;
  if (prepared) return prepared;
  const { stdout } = await execFileAsync(process.execPath, [join(root, 'scripts/code-server.mjs')], { cwd: root, encoding: 'utf8', maxBuffer: 16 << 20 });
  return stdout.trim().split('\n').pop()!;
}

/** The extension as users get it (dist/ as built by `npm test`): packed by `npm test`, else into `dir` now. */
export async function packVsix(dir: string): Promise<string> {
  const prepared = process.env.LAYERLINT_E2E_VSIX;
  if (prepared) return prepared;
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const out = join(dir, `${name}-${version}.vsix`);
  await execFileAsync(process.execPath, [join(root, 'scripts/package.mjs')], {
    cwd: root,
    env: { ...process.env, LAYERLINT_VSIX: out, LAYERLINT_SKIP_BUILD: '1' },
  });
  return out;
}

/** User settings that keep VS Code quiet and deterministic (and off the network). */
export const userSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'editor.hover.delay': 100,
  'files.autoSave': 'off',
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
};

export interface CodeServer {
  /** The workbench URL with the workspace folder open (`?folder=`). */
  url: string;
  port: number;
  /** The workspace folder (a copy of examples/ plus what the test adds). */
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own stdout/stderr so far. */
  log(): string;
  /** The extension host logs under the user-data dir (where activation is logged). */
  extensionHostLogs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  entry: string;
  vsix?: string;
  /** Extra files to write into the workspace, relative path → content. */
  files?: Record<string, string>;
  settings?: Record<string, unknown>;
}

function env(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // No gallery: code-server never contacts open-vsx.org for updates, recommendations or search.
    EXTENSIONS_GALLERY: '{}',
    // Not a child of another code-server/VS Code session.
    VSCODE_IPC_HOOK_CLI: '',
    VSCODE_PROXY_URI: '',
  };
}

export async function startCodeServer(o: StartOptions): Promise<CodeServer> {
  const work = mkdtempSync(join(tmpdir(), 'layerlint-e2e-'));
  const userDataDir = join(work, 'user-data');
  const extensionsDir = join(work, 'extensions');
  const workspace = join(work, 'workspace');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...o.settings }, null, 2));
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  for (const [rel, content] of Object.entries(o.files ?? {})) {
    mkdirSync(join(workspace, rel, '..'), { recursive: true });
    writeFileSync(join(workspace, rel), content);
  }
  const config = join(work, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (o.vsix) {
    execFileSync(process.execPath, [o.entry, ...common, '--install-extension', o.vsix], { env: env(), stdio: ['ignore', 'pipe', 'inherit'] });
  }
  const port = await freePort();
  // Its own process group: stop() ends code-server with its extension hosts and language servers.
  const service = startService(
    process.execPath,
    [
      o.entry,
      ...common,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--log',
      'debug',
    ],
    join(work, 'code-server.log'),
    { env: env(), detached: true },
  );
  const log = service.log;
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(service, 'code-server', `${url}/healthz`, (status) => status >= 200 && status < 300, 60_000, 100);
  return {
    url: `${url}/?folder=${encodeURIComponent(workspace)}`,
    port,
    workspace,
    userDataDir,
    extensionsDir,
    log,
    extensionHostLogs: () => {
      try {
        return execFileSync('sh', ['-c', 'cat "$1"/logs/*/exthost*/*.log "$1"/logs/*/*/exthost*/*.log 2>/dev/null || true', 'sh', userDataDir], { encoding: 'utf8' });
      } catch {
        return '';
      }
    },
    stop: async () => {
      await service.stop(5000);
      rmSync(work, { recursive: true, force: true });
    },
  };
}
