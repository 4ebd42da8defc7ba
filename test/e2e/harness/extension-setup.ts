// The steps a user takes in the extension's own pages: sign in with an enrollment code, add a helpdesk site.
import type { ExtensionBrowser } from './firefox.ts';
import type { UiPage } from './ui-page.ts';

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
