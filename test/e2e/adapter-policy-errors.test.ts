// An adapter delivered by browser policy with mistakes in it: the options page and the popup on that site list
// each error with its place in the JSON (not only the developer console), and the rest of the policy applies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, Helpdesk, launchUnderPolicy, tabIdOf, type BrowserUnderPolicy, type ExtensionBrowser } from './harness/index.ts';
import { builtinAdapters } from '../../lib/adapters/builtin/index.ts';

const SITE = 'http://127.0.0.1/*';
const demo = builtinAdapters.find((adapter) => adapter.id === 'northwind-demo')!;
const broken = {
  ...demo,
  id: 'acme-desk',
  name: 'Acme Desk',
  transcript: { ...demo.transcript, message: 'li[' },
  activeConversation: { ...demo.activeConversation, key: { from: 'url', pattern: '/chats/(\\d+' } },
  selecter: '.typo',
};
const policy = { helpdeskSites: [{ match: SITE, adapter: 'custom', adapterConfig: JSON.stringify(broken) }] };

const EXPECTED = [
  '(adapter): "selecter" is not part of the adapter format here',
  // The pattern is quoted as in JSON, backslashes doubled.
  'activeConversation.key.pattern: "/chats/(\\\\d+" is not a valid regular expression',
  'transcript.message: "li[" is not a valid CSS selector',
];

let helpdesk: Helpdesk;
beforeAll(async () => {
  helpdesk = await Helpdesk.start();
});
afterAll(async () => {
  await helpdesk?.close();
});

describe.each(BROWSERS)('a policy adapter with errors in $name', ({ name }) => {
  let underPolicy: BrowserUnderPolicy | undefined;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    underPolicy = await launchUnderPolicy(name, policy, [SITE]);
    browser = underPolicy.browser;
  });

  afterAll(async () => {
    await underPolicy?.close();
  });

  it('lists every error with its place in the options page', async () => {
    // With policy problems the extension may open its options page itself as it starts: that navigation can
    // interrupt ours once.
    const options = await browser.openExtensionPage('options.html').catch(() => browser.openExtensionPage('options.html'));
    await options.waitForText('#adapter-problems', /Helpdesk adapters that cannot be used/, 20_000);
    const errors = await options.evaluate(() => [...document.querySelectorAll('#adapter-problems li')].map((li) => li.textContent ?? ''));
    expect([...errors].sort()).toEqual(EXPECTED);
    expect(await options.textOf('[data-adapter-site="http://127.0.0.1/*"] p')).toBe(
      "The custom adapter for http://127.0.0.1/*, set by your administrator's policy, has 3 problems:",
    );
    // The site from policy still needs the browser's access grant (Firefox asks; Chromium's profile holds it).
    const allow = await options.evaluate(() => document.querySelector('.allow-access') !== null);
    if (allow) {
      await options.click('.allow-access');
      await options.waitFor(() => document.querySelector('[data-site="http://127.0.0.1/*"]')?.textContent?.includes('active'));
    }
    await options.close();
  });

  it('shows the same errors in the popup on that site', async () => {
    const page = await browser.openPage(helpdesk.deskUrl('alice'));
    const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdOf(browser, '/desk')}`);
    await popup.waitForText('#adapter-problems', /cannot be used/);
    const errors = await popup.evaluate(() => [...document.querySelectorAll('#adapter-problems li')].map((li) => li.textContent ?? ''));
    expect([...errors].sort()).toEqual(EXPECTED);
    await popup.close();
    await page.close();
  });
});
