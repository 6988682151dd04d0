// End to end in a real VS Code: code-server 4.100.3 (installed from npm, cached outside the clone by
// scripts/code-server.mjs) in Debian's Chromium, driven with playwright-core. The packaged .vsix is
// installed with --install-extension, a copy of examples/ is the workspace, and the assertions are
// what a user sees: squiggles and Problems on the OKD 4.14 kernel swap, the dracut quick fix from the
// lightbulb menu applied in the editor, and "Layerlint: Check Base Image Platforms" reporting the
// missing arm64 instance of a base image on a local docker-registry. Screenshots: test-artifacts/e2e/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Pusher, startRegistry, type LocalRegistry } from '../registry/support/registry';
import { ensureCodeServer, packVsix, root, startCodeServer, type CodeServer } from './support/code-server';
import { artifacts, launchChromium, screenshot, Workbench } from './support/workbench';

const OKD = 'okd-4.14-kernel-swap/Containerfile';
const LOCAL = 'local-registry/Containerfile';
const DRACUT = '/usr/libexec/rpm-ostree/wrapped/dracut --no-hostonly --kver 6.4.15-200.fc38.x86_64';

let work: string;
let registry: LocalRegistry | undefined;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let wb: Workbench;
let image: string;

const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

beforeAll(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  work = mkdtempSync(join(tmpdir(), 'layerlint-e2e-vsix-'));
  let t = Date.now();
  const entry = await ensureCodeServer();
  console.log(`e2e: code-server ready (${since(t)}): ${entry}`);
  t = Date.now();
  const vsix = await packVsix(work);
  console.log(`e2e: packed ${vsix} (${since(t)})`);

  // The base image of the platform check: a manifest list with an amd64 instance only.
  registry = await startRegistry();
  await new Pusher(registry.host).list('okd/machine-os-content', '4.14', false, [{ os: 'linux', architecture: 'amd64', label: 'amd64' }]);
  image = `${registry.host}/okd/machine-os-content:4.14`;
  const okd = readFileSync(join(root, 'examples', OKD), 'utf8');
  const local = okd.replace(/^FROM .*$/m, `FROM ${image}`);

  t = Date.now();
  server = await startCodeServer({ entry, vsix, files: { [LOCAL]: local } });
  console.log(`e2e: code-server listening on ${server.url} (${since(t)})`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  t = Date.now();
  wb = await Workbench.open(page, server.url);
  console.log(`e2e: workbench loaded (${since(t)})`);
}, 30 * 60_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && page) {
    const name = `failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
    await screenshot(page, name).catch(() => {});
  }
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  if (server) {
    // Artefacts beside the screenshots: code-server's log and the extension host logs.
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'code-server.log'), server.log());
    writeFileSync(join(artifacts, 'extension-host.log'), server.extensionHostLogs());
  }
  await server?.stop();
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('Layerlint in code-server (a real VS Code) through Chromium', () => {
  test('squiggles and the Problems panel on the OKD 4.14 kernel swap', async () => {
    await wb.openFile(OKD);
    // Diagnostics arrive once the extension has activated and the server validated the file.
    await expect.poll(() => wb.squiggles('error').count(), { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
    await expect.poll(() => wb.squiggles('warning').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const rows = await wb.problems();
    await expect.poll(async () => (await rows.allTextContents()).join('\n'), { timeout: 20_000 }).toContain('kernel-without-initramfs');
    const problems = (await rows.allTextContents()).join('\n');
    expect(problems).toContain('cliwrap-same-run');
    expect(problems).toMatch(/layerlint/i);
    await screenshot(page, '1-squiggles-and-problems');
  }, 180_000);

  test('the lightbulb menu offers the dracut fix, and choosing it edits the file', async () => {
    await wb.openFile(OKD);
    // kernel-without-initramfs is reported at 6:5 (the `rpm-ostree override replace` line).
    await wb.goTo(6, 10);
    const actions = await wb.quickFixes();
    const fix = actions.filter({ hasText: 'Regenerate the initramfs with dracut' }).first();
    await fix.waitFor({ timeout: 20_000 });
    await screenshot(page, '2-quick-fix-menu');
    await wb.chooseAction('Regenerate the initramfs with dracut');
    await expect.poll(() => wb.editorText(), { timeout: 20_000 }).toContain(DRACUT);
    const lines = await wb.editorLines();
    const at = lines.findIndex((l) => l.includes(DRACUT));
    expect(lines[at - 1]).toContain('rpm-ostree override replace');
    await screenshot(page, '3-quick-fix-applied');
    // The kernel-without-initramfs error is gone from the Problems panel once the server revalidated.
    const rows = await wb.problems();
    await expect.poll(async () => (await rows.allTextContents()).join('\n'), { timeout: 20_000 }).not.toContain('kernel-without-initramfs');
    // Saved, the file on disk has the edit too.
    await wb.keyboard.press('Control+S');
    await expect.poll(() => readFileSync(join(server!.workspace, OKD), 'utf8'), { timeout: 10_000 }).toContain(DRACUT);
  }, 180_000);

  test('"Layerlint: Check Base Image Platforms" reports the missing arm64 instance from a local registry', async () => {
    await wb.openFile(LOCAL);
    // Validated (the base is not recognised as OKD here, so the kernel swap is a warning).
    await expect.poll(() => wb.squiggles().count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await wb.runCommand('Layerlint: Check Base Image Platforms');
    // The Quick Pick preselects layerlint.platforms (linux/amd64, linux/arm64): accept it.
    const picker = page.locator('.quick-input-widget', { hasText: 'linux/arm64' });
    await picker.waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot(page, '4-platform-quick-pick');
    await wb.keyboard.press('Enter');
    const toast = wb.notifications().filter({ hasText: 'has no instance for' }).first();
    await toast.waitFor({ timeout: 60_000 });
    const text = await toast.textContent();
    expect(text).toContain(image);
    expect(text).toContain('linux/arm64');
    expect(text).not.toContain('linux/amd64');
    // The finding is also a diagnostic on the FROM line, in the Problems panel.
    const rows = await wb.problems();
    await expect.poll(async () => (await rows.allTextContents()).join('\n'), { timeout: 20_000 }).toContain('has no instance for linux/arm64');
    await wb.notifications().filter({ hasText: 'checking base-image platforms' }).first().waitFor({ state: 'hidden', timeout: 20_000 });
    await screenshot(page, '5-platform-report');
  }, 180_000);

  test('activation time of the extension (Developer: Show Running Extensions)', async () => {
    await wb.runCommand('Developer: Show Running Extensions');
    const list = page.locator('.runtime-extensions-editor .monaco-list').first();
    await list.waitFor({ timeout: 30_000 });
    const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: /layerlint/i }).first();
    // The list is sorted by activation time, slowest first, and only its visible rows exist: a fast
    // extension is further down. Scroll until its row is there.
    await list.hover();
    for (let i = 0; i < 60 && (await row.count()) === 0; i++) {
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(150);
    }
    await row.waitFor({ timeout: 10_000 });
    await row.scrollIntoViewIfNeeded();
    const text = (await row.textContent()) ?? '';
    await screenshot(page, '6-running-extensions');
    const m = /(?:Activation|Startup Activation):?\s*(\d+)\s*ms/i.exec(text) ?? /(\d+)\s*ms/.exec(text);
    console.log(`e2e: Layerlint activation in code-server: ${m ? `${m[1]} ms` : `(not shown: ${text.slice(0, 200)})`}`);
    expect(m, `no activation time in the Running Extensions row: ${text}`).not.toBeNull();
  }, 60_000);
});
