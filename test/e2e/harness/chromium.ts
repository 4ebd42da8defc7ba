// Debian Chromium with the built MV3 extension, headless through playwright-core, in a throwaway profile.
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureExtensionBuilt } from './build.ts';
import { CHROME_BUILD, CHROME_EXTENSION_ID, CHROMIUM_BIN } from './paths.ts';
import { chromiumInShadow } from './closed-shadow.ts';
import { poll, pollingHelpers, shadowHelpers, type UiPage } from './ui-page.ts';

function wrap(page: Page): UiPage {
  const evaluate = <T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown) => page.evaluate(fn, arg) as Promise<T>;
  return {
    url: () => page.url(),
    goto: async (url) => void (await page.goto(url)),
    fill: (selector, value) => page.fill(selector, value),
    click: (selector) => page.click(selector),
    clickAt: (x, y) => page.mouse.click(x, y),
    // Undertone's shadow roots are closed: playwright's selectors do not pierce them, CDP does.
    ...shadowHelpers(chromiumInShadow(page), { click: (x, y) => page.mouse.click(x, y), type: (text) => page.keyboard.type(text) }),
    evaluate,
    reload: async () => void (await page.reload()),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    close: () => page.close(),
    ...pollingHelpers(evaluate),
  };
}

export class ChromiumWithExtension {
  readonly name = 'chromium' as const;
  readonly extensionOrigin = `chrome-extension://${CHROME_EXTENSION_ID}`;

  private constructor(
    readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  /**
   * `grantedOrigins`: host permissions the profile already holds, as Chromium records them in the profile's
   * Preferences after the user accepted its "Allow access to this site" prompt (a browser dialog a headless test
   * cannot click). The extension still asks for them itself; Chromium then answers yes without a prompt.
   */
  static async launch(options: { grantedOrigins?: string[] } = {}): Promise<ChromiumWithExtension> {
    ensureExtensionBuilt();
    const profileDir = mkdtempSync(join(tmpdir(), 'undertone-chromium-'));
    if (options.grantedOrigins?.length) {
      const granted = { explicit_host: options.grantedOrigins };
      const settings = { [CHROME_EXTENSION_ID]: { granted_permissions: granted, active_permissions: granted } };
      mkdirSync(join(profileDir, 'Default'), { recursive: true });
      writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings } }));
    }
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_BIN,
      headless: true,
      args: [
        `--disable-extensions-except=${CHROME_BUILD}`,
        `--load-extension=${CHROME_BUILD}`,
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-gpu',
        '--disable-quic',
      ],
    });
    const browser = new ChromiumWithExtension(context, profileDir);
    await browser.serviceWorker();
    return browser;
  }

  /** The extension's running service worker, waiting for one to start if none runs. */
  async serviceWorker(): Promise<Worker> {
    const running = this.context.serviceWorkers().find((w) => w.url().startsWith(this.extensionOrigin));
    return running ?? (await this.context.waitForEvent('serviceworker', { timeout: 15_000 }));
  }

  async openExtensionPage(path: string): Promise<UiPage> {
    return this.openPage(`${this.extensionOrigin}/${path}`);
  }

  async openPage(url: string): Promise<UiPage> {
    const page = await this.context.newPage();
    try {
      await page.goto(url);
    } catch (error) {
      // Just installed, the extension opens its options page itself, and Chromium may do so in this very tab while
      // it loads that page: the tab still ends on `url`, loaded.
      if (!String(error).includes(`interrupted by another navigation to "${url}"`)) throw error;
      await page.waitForLoadState();
    }
    return wrap(page);
  }

  /** A page the extension opened itself (e.g. the studio window), found by a part of its address. */
  async pageOpened(urlPart: string): Promise<UiPage> {
    const page = await poll(async () => this.context.pages().find((p) => p.url().includes(urlPart)), Boolean, 15_000, `a page at ${urlPart}`);
    await page!.waitForLoadState();
    return wrap(page!);
  }

  /** The playwright page behind a UiPage opened last with this URL prefix (for screenshots and input). */
  rawPage(urlPrefix: string): Page | undefined {
    return [...this.context.pages()].reverse().find((p) => p.url().startsWith(urlPrefix));
  }

  /**
   * Stops every service worker through CDP, as Chrome does after 30 s idle; the next event restarts it.
   * Throws unless CDP reports the extension's worker stopped.
   */
  async stopServiceWorker(): Promise<void> {
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    const cdp = await this.context.newCDPSession(page);
    const stopped = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.scriptURL.startsWith(this.extensionOrigin) && v.runningStatus === 'stopped')) resolve();
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const outcome = await Promise.race([stopped.then(() => 'stopped'), new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    await cdp.detach().catch(() => {});
    if (outcome !== 'stopped') throw new Error('the extension service worker did not report stopping within 10 s');
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {});
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}
