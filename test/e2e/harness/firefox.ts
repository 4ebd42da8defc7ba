// Firefox ESR with the built MV2 extension, headless through puppeteer-core over WebDriver BiDi.
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { ensureExtensionBuilt } from './build.ts';
import { FIREFOX_BIN, FIREFOX_BUILD, FIREFOX_EXTENSION_UUID, GECKO_ID } from './paths.ts';
import { firefoxInShadow } from './closed-shadow.ts';
import { poll, pollingHelpers, shadowHelpers, type UiPage } from './ui-page.ts';

/**
 * Navigates and waits for the document to load. BiDi navigation to a moz-extension:// page loads it but never
 * reports the load (Firefox 153), so completion is read from the page itself.
 */
async function navigate(page: Page, url: string, start: () => Promise<unknown>): Promise<void> {
  if (!url.startsWith('moz-extension:')) {
    await start();
    return;
  }
  // A marker on the old document tells it apart from the new one.
  await page.evaluate(() => ((window as unknown as { utOld: boolean }).utOld = true)).catch(() => {});
  start().catch(() => {});
  await poll(
    () => page.evaluate(() => ((window as unknown as { utOld?: boolean }).utOld ? 'old' : `${document.readyState} ${location.href}`)),
    (state) => state === `complete ${url}`,
    15_000,
    `${url} to load`,
  );
}

function wrap(page: Page): UiPage {
  const evaluate = <T>(fn: (arg: unknown) => T | Promise<T>, arg?: unknown) => page.evaluate(fn, arg) as Promise<T>;
  let current = 'about:blank';
  return {
    url: () => current,
    goto: (url) => {
      current = url;
      return navigate(page, url, () => page.goto(url, { timeout: 15_000 }));
    },
    async fill(selector, value) {
      await page.waitForSelector(selector, { timeout: 15_000 });
      await page.$eval(selector, (el) => ((el as HTMLInputElement).value = ''));
      await page.type(selector, value);
    },
    async click(selector) {
      await page.waitForSelector(selector, { timeout: 15_000 });
      await page.click(selector);
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    // Undertone's shadow roots are closed: puppeteer's `>>>` does not cross them, WebDriver BiDi does.
    ...shadowHelpers(firefoxInShadow(page), { click: (x, y) => page.mouse.click(x, y), type: (text) => page.keyboard.type(text) }),
    evaluate,
    reload: () => navigate(page, current, () => page.reload({ timeout: 15_000 })),
    setViewport: (width, height) => page.setViewport({ width, height }),
    close: () => page.close(),
    ...pollingHelpers(evaluate),
  };
}

export class FirefoxWithExtension {
  readonly name = 'firefox' as const;
  readonly extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<FirefoxWithExtension> {
    ensureExtensionBuilt();
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_BIN,
      headless: true,
      // Firefox 153+ lets WebDriver navigate to moz-extension:// pages only with system access.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
        // Optional permissions are granted on request without the doorhanger a test cannot click.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    await browser.installExtension(FIREFOX_BUILD);
    return new FirefoxWithExtension(browser);
  }

  async openExtensionPage(path: string): Promise<UiPage> {
    return this.openPage(`${this.extensionOrigin}/${path}`);
  }

  async openPage(url: string): Promise<UiPage> {
    const page = wrap(await this.browser.newPage());
    await page.goto(url);
    return page;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
  }
}

export type ExtensionBrowser = import('./chromium.ts').ChromiumWithExtension | FirefoxWithExtension;
