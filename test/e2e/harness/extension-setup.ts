// The steps a user takes in the extension's own pages: sign in with an enrollment code, add a helpdesk site, open
// the supervisor console.
import { launchBrowser, type BrowserName } from './browsers.ts';
import type { ExtensionBrowser } from './firefox.ts';
import { poll, type UiPage } from './ui-page.ts';

export async function signIn(browser: ExtensionBrowser, relayUrl: string, code: string): Promise<UiPage> {
  const options = await browser.openExtensionPage('options.html');
  await options.fill('#relay-url', relayUrl);
  await options.fill('#enroll-code', code);
  await options.click('#sign-in');
  await options.waitForText('#connection-state', /^Connected$/, 20_000);
  return options;
}

/**
 * Adds a helpdesk site in the options page ("Add site"): the page asks the browser for the site's host permission
 * inside the click, then registers the content script. Returns when the options page lists the site as active.
 */
export async function addSite(options: UiPage, pattern: string): Promise<void> {
  await options.fill('#site-pattern', pattern);
  await options.click('#add-site');
  await options.waitFor((p) => document.querySelector(`[data-site="${p as string}"]`)?.textContent?.includes('active') ?? false, pattern, 15_000);
}

/** The demo helpdesk's site as the tests add it (host permissions ignore ports). */
export const DEMO_SITE = 'http://127.0.0.1/*';

/** A browser with the extension, signed in with `code`, the demo site added. */
export async function launchSignedIn(name: BrowserName, relayUrl: string, code: string): Promise<ExtensionBrowser> {
  const browser = await launchBrowser(name, [DEMO_SITE]);
  try {
    const options = await signIn(browser, relayUrl, code);
    await addSite(options, DEMO_SITE);
    await options.close();
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** The id of the first tab whose address contains `urlPart`, asked from an extension page. */
export async function tabIdOf(browser: ExtensionBrowser, urlPart: string): Promise<number> {
  const page = await browser.openExtensionPage('options.html');
  try {
    const id = await page.evaluate(async (part) => {
      type Tabs = { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
      const scope = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
      const tabs = await (scope.browser ?? scope.chrome).tabs.query({});
      return tabs.find((t) => t.url?.includes(part as string))?.id ?? null;
    }, urlPart);
    if (id === null) throw new Error(`no tab with ${urlPart} in its address`);
    return id;
  } finally {
    await page.close();
  }
}

/**
 * Opens the supervisor console as a page of its own (`console.html?tab`, what "Console in a tab" opens): a headless
 * test cannot drive Chrome's side panel or Firefox's sidebar, and it is the same page. Returns once the board is there.
 */
export async function openConsolePage(browser: ExtensionBrowser): Promise<UiPage> {
  const page = await browser.openExtensionPage('console.html?tab');
  await poll(() => page.inShadow('undertone-supervisor', (root) => Boolean(root?.querySelector('.ut-super'))), Boolean, 15_000, 'the board in the console');
  return page;
}
