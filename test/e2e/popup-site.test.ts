// The toolbar popup on a helpdesk at an address with a port (http://127.0.0.1:<port>/*, what the popup adds for the
// demo): "Use Undertone on this site" grants the site, reloads the tab and Undertone runs there (Firefox included,
// whose match patterns take no port); the popup then says one thing about the site.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, addSite, demoAgentFor, launchBrowser, poll, relayAndDemoForFile, signIn, tabIdOf, watchBoard, type ExtensionBrowser, type SupervisorClient } from './harness/index.ts';

const { relay, people, helpdesk } = await relayAndDemoForFile();

describe.each(BROWSERS)('popup on a site with a port in $name', ({ name }) => {
  let browser: ExtensionBrowser;
  let supervisor: SupervisorClient;
  const agent = demoAgentFor(name);

  beforeAll(async () => {
    // The toolbar popup sees its tab's address through activeTab; a test opens the popup as a page for a named tab
    // (popup.html?tab=ID), which sees the address only with the host's permission. So the browser holds it first,
    // as after a user accepted it once (ports are not part of host permissions): Chromium in its profile (its
    // prompt cannot be clicked headless), Firefox through a site on another path of the host (no prompt in tests).
    browser = await launchBrowser(name, ['http://127.0.0.1/*']);
    const options = await signIn(browser, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    if (name === 'firefox') await addSite(options, 'http://127.0.0.1/elsewhere/*');
    await options.close();
    supervisor = await watchBoard({ relay, people });
  });

  afterAll(async () => {
    supervisor?.stop();
    await browser?.close();
  });

  it('"Use Undertone on this site" adds the site with its port, reloads the tab, and Undertone runs there', async () => {
    const site = `${helpdesk.url}/*`;
    expect(site).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\*$/);
    const desk = await browser.openPage(helpdesk.deskUrl(agent));
    await desk.waitFor(() => document.querySelector('.hd-chat__log') !== null);
    const popup = await browser.openExtensionPage(`popup.html?tab=${await tabIdOf(browser, '/desk')}`);
    expect(await popup.waitForText('#site-status', /./)).toBe('Undertone is not used on this site.');
    // A marker that only this load of the page has: gone once the popup reloaded the tab.
    await desk.evaluate(() => document.documentElement.setAttribute('data-before-reload', 'yes'));

    await popup.click('#use-here');
    expect(await popup.waitForText('#site-status', /reloaded|reload this page/, 20_000)).toBe(
      `Undertone is on for ${site}; this page was reloaded and Undertone runs on it.`,
    );
    await desk.waitFor(() => document.documentElement.getAttribute('data-before-reload') === null && document.querySelector('undertone-status') !== null, undefined, 20_000);
    // The content script on the port is accepted by the background: the page's chats reach the board.
    const open = helpdesk.conversationsOf(agent).filter((c) => c.status === 'open');
    await poll(async () => supervisor.board().filter((c) => c.agentId === people.agent.id), (chats) => chats.length === open.length, 20_000, 'the chats on the board');
    await popup.close();

    // Opened again, the popup says Undertone runs here, and nothing else about the site.
    const again = await browser.openExtensionPage(`popup.html?tab=${await tabIdOf(browser, '/desk')}`);
    expect(await again.waitForText('#site-status', /./)).toBe('Undertone runs on this site.');
    expect(await again.evaluate(() => [document.querySelector('#use-here') === null, /does not run|next page load/.test(document.body.textContent ?? '')])).toEqual([true, false]);
    await again.close();
    const options = await browser.openExtensionPage('options.html');
    await options.waitFor((p) => document.querySelector(`[data-site="${p as string}"]`)?.textContent?.includes('active') ?? false, site);
    await options.close();
    await desk.close();
  });

  it('names an unread whisper\'s chat by its customer and chat id, and its entry brings the chat\'s tab to the front', async () => {
    const desk = await browser.openPage(helpdesk.deskUrl(agent));
    await desk.waitFor(() => document.querySelector('undertone-status') !== null, undefined, 20_000);
    const key = await desk.evaluate(() => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') ?? '');
    const customer = helpdesk.conversationsOf(agent).find((c) => c.id === key)!.customer;
    await supervisor.whisper(people.agent.id, key, 'Offer the refund now');
    // Another page in front: the popup's entry is to bring the chat back.
    const popup = await browser.openExtensionPage('popup.html?tab=0');
    const name = await popup.waitForText('#unread-list .unread-chat-name', /chat #/, 20_000);
    expect(name).toBe(`${customer} · chat #${key}`);
    expect(await popup.textOf('#unread-list .text')).toBe('Offer the refund now');
    const deskIsActive = (part: unknown) => {
      type Tabs = { tabs: { query(q: object): Promise<Array<{ url?: string; active?: boolean }>> } };
      const scope = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
      return (scope.browser ?? scope.chrome).tabs.query({}).then((tabs) => tabs.some((t) => t.active === true && t.url?.includes(part as string)));
    };
    expect(await popup.evaluate(deskIsActive, '/desk')).toBe(false);
    await popup.click('.unread-chat-open');
    // The popup opened as a page (?tab=) stays open behind the chat's tab, which is now the active one.
    await popup.waitFor(deskIsActive, '/desk', 10_000);
    await Promise.all([popup.close(), desk.close()]);
  });
});
