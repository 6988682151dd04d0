// Test support: Debian's Chromium (never a downloaded browser) driven by playwright-core, and the
// few VS Code workbench gestures the end-to-end tests make as a user would: Quick Open, Go to Line,
// the command palette, the Problems panel, the lightbulb menu, notifications.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { root } from './code-server';

export const CHROMIUM = '/usr/bin/chromium';
export const artifacts = join(root, 'test-artifacts', 'e2e');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: the e2e tests need the Debian package chromium (npm test installs it; as root: apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export class Workbench {
  constructor(readonly page: Page) {}

  static async open(page: Page, url: string): Promise<Workbench> {
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer shows the workspace folder once the remote file system is connected.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  get keyboard() {
    return this.page.keyboard;
  }

  /** The active editor (the one with focus or, failing that, the visible one). */
  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user types its path. */
  async openFile(relPath: string): Promise<void> {
    const parts = relPath.split('/');
    const base = parts.pop()!;
    await this.quickInput('Control+P', relPath);
    // Quick Open ranks by fuzzy score (and recency): wait until the first row is the file asked for.
    await this.page.waitForFunction(
      ([b, dir]) => {
        const d = (globalThis as any).document;
        const first = d.querySelector('.quick-input-widget .monaco-list-row');
        const label: string = first?.getAttribute('aria-label') ?? '';
        return label.startsWith(b) && label.includes(dir);
      },
      [base, parts.join('/')],
      { timeout: 20_000 },
    );
    await this.keyboard.press('Enter');
    // The breadcrumbs of the active editor name the folder and the file.
    const crumbs = this.page.locator('.editor-group-container.active .breadcrumbs-control');
    await expectText(crumbs, [...parts, base]);
    await this.editor.locator('.view-lines').waitFor();
  }

  /** Closes menus, widgets and pickers a previous step may have left open. */
  async dismiss(): Promise<void> {
    for (let i = 0; i < 2; i++) await this.keyboard.press('Escape');
  }

  private async quickInput(shortcut: string, text: string): Promise<void> {
    await this.dismiss();
    await this.keyboard.press(shortcut);
    const input = this.page.locator('.quick-input-widget input[type="text"], .quick-input-widget .quick-input-box input').first();
    await input.waitFor({ state: 'visible', timeout: 20_000 });
    await input.fill(text);
  }

  /** Runs a command from the palette (F1) by its title, e.g. "Layerlint: Check Base Image Platforms". */
  async runCommand(title: string): Promise<void> {
    await this.quickInput('F1', `>${title}`);
    const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 20_000 });
    await row.click();
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G), 1-based. */
  async goTo(line: number, column: number): Promise<void> {
    await this.editor.click({ position: { x: 200, y: 5 } });
    await this.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.keyboard.press('Enter');
  }

  /** The editor's rendered text, one entry per view line (top to bottom, non-breaking spaces normalised). */
  async editorLines(): Promise<string[]> {
    const lines = this.editor.locator('.view-lines .view-line');
    const items = await lines.evaluateAll((els) => els.map((e: any) => ({ top: parseFloat(e.style.top) || 0, text: (e.textContent as string).replace(/\u00a0/g, ' ') })));
    return items.sort((a, b) => a.top - b.top).map((i) => i.text);
  }

  async editorText(): Promise<string> {
    return (await this.editorLines()).join('\n');
  }

  squiggles(kind: 'error' | 'warning' | 'info' | 'any' = 'any'): Locator {
    const sel = kind === 'any' ? '.squiggly-error, .squiggly-warning, .squiggly-info' : `.squiggly-${kind}`;
    return this.editor.locator(sel);
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows. */
  async problems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) await this.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 20_000 });
    return panel.locator('.monaco-list-row');
  }

  /** Opens the lightbulb menu (Ctrl+.) at the cursor and returns its action rows. */
  async quickFixes(): Promise<Locator> {
    await this.keyboard.press('Control+.');
    const widget = this.page.locator('.action-widget');
    await widget.waitFor({ state: 'visible', timeout: 20_000 });
    return widget.locator('.monaco-list-row.action');
  }

  /** Chooses the lightbulb-menu action whose title contains `title` with the keyboard (arrows, Enter). */
  async chooseAction(title: string): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    const count = await rows.count();
    for (let i = 0; i <= count; i++) {
      const focused = await this.page
        .locator('.action-widget .monaco-list-row.action.focused')
        .getAttribute('aria-label')
        .catch(() => null);
      if (focused?.includes(title)) {
        await this.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 10_000 });
        return;
      }
      await this.keyboard.press('ArrowDown');
    }
    throw new Error(`no action "${title}" in the lightbulb menu: ${(await rows.allTextContents()).join(' | ')}`);
  }

  notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item');
  }
}

async function expectText(l: Locator, pieces: string[], timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let text = '';
  for (;;) {
    text =
      (await l
        .first()
        .textContent()
        .catch(() => '')) ?? '';
    if (pieces.every((p) => text.includes(p))) return;
    if (Date.now() > deadline) throw new Error(`expected ${pieces.join(', ')} in "${text}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
