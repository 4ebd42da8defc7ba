// The adapter studio in real browsers, on three helpdesks with unlike markup (the demo helpdesk, a React-style page
// with generated class names and no ids, a page keeping the chat id in the #fragment with an editor of its own):
// an admin clicks the parts, the studio shows what the engine reads, saves the adapter and exports it; after a
// reload the saved adapter recognises the page, follows a chat switch and reads what the hand-written one reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, FixtureHelpdesks, Helpdesk, addSite, openStudio, poll, tabIdOf, teach, type ExtensionBrowser, type StudioStep, type UiPage } from './harness/index.ts';
import { ChromiumWithExtension } from './harness/chromium.ts';

const SITE = 'http://127.0.0.1/*';

let helpdesk: Helpdesk;
let fixtures: FixtureHelpdesks;

beforeAll(async () => {
  [helpdesk, fixtures] = await Promise.all([Helpdesk.start(), FixtureHelpdesks.start()]);
});

afterAll(async () => {
  await helpdesk?.close();
  await fixtures?.close();
});

type Shown = { author: string; text: string };

interface StudioCase {
  name: string;
  url: () => string;
  /** Part of the address that finds the tab. */
  tabPart: string;
  steps: StudioStep[];
  /** The messages as the page shows them, read with page knowledge (not through any adapter). */
  messages: (page: UiPage) => Promise<Shown[]>;
  key: (page: UiPage) => Promise<string>;
  customer: string;
  /** A time the page shows with seconds, as the preview must show it (or null). */
  timeWithSeconds: string | null;
  /** Switches to the other chat on the page; returns its key. */
  switchChat: (page: UiPage) => Promise<string>;
}

const cases: StudioCase[] = [
  {
    name: 'the demo helpdesk',
    url: () => helpdesk.deskUrl('chen'),
    tabPart: '/desk',
    steps: [
      { part: 'chatView', click: '.hd-chat__customer', wider: 2 },
      { part: 'customerMessage', click: '.hd-msg--customer .hd-msg__body' },
      { part: 'agentMessage', click: '.hd-msg--agent .hd-msg__body' },
      { part: 'systemMessage', click: '.hd-msg--event .hd-msg__body' },
      { part: 'replyBox', click: '.hd-composer__editor', exact: true },
      { part: 'conversationList', click: '.hd-inbox__item .hd-inbox__name', wider: 2 },
      { part: 'conversationItem', click: '.hd-inbox__item.is-selected .hd-inbox__name' },
      { part: 'customerName', click: '.hd-chat__customer' },
      { part: 'agentName', click: '.hd-user__name' },
      { part: 'whisperThread', click: '.hd-composer__editor', exact: true, wider: 1 },
    ],
    messages: (page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('.hd-chat__log .hd-msg:not(.hd-msg--deleted)')].map((el) => ({
          author: el.classList.contains('hd-msg--agent') ? 'agent' : el.classList.contains('hd-msg--event') ? 'system' : 'customer',
          text: el.querySelector('.hd-msg__body')?.textContent ?? '',
        })),
      ),
    key: (page) => page.evaluate(() => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') ?? ''),
    customer: '',
    timeWithSeconds: null,
    switchChat: async (page) => {
      const other = await page.evaluate(() => document.querySelector('.hd-inbox__item:not(.is-selected)')?.getAttribute('data-conv-id') ?? '');
      await page.click(`.hd-inbox__item[data-conv-id="${other}"]`);
      return other;
    },
  },
  {
    name: 'a React-style page with generated class names and no ids',
    url: () => `${fixtures.url}/parcelly/inbox/conv/8f3a2c91`,
    tabPart: '/parcelly/',
    steps: [
      { part: 'chatView', click: 'section h2', wider: 1 },
      { part: 'customerMessage', click: '[data-sender=visitor] p' },
      { part: 'agentMessage', click: '[data-sender=operator] p' },
      // Skipped: lines neither customer nor agent are then read as system lines.
      { part: 'systemMessage', click: null },
      { part: 'replyBox', click: 'textarea', exact: true },
      { part: 'conversationList', click: 'nav a span', wider: 2 },
      { part: 'conversationItem', click: 'nav a[aria-current] span' },
      { part: 'customerName', click: 'section h2' },
      { part: 'agentName', click: 'header span' },
      { part: 'whisperThread', click: 'section h2' },
    ],
    messages: (page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-sender]')].map((el) => ({
          author: { visitor: 'customer', operator: 'agent', system: 'system' }[el.getAttribute('data-sender')!]!,
          text: (el.querySelector('p') ?? el).textContent ?? '',
        })),
      ),
    key: async (page) => /\/conv\/([^/?#]+)/.exec(await page.evaluate(() => location.pathname))![1]!,
    customer: 'Kim Sato',
    timeWithSeconds: '10:15:30',
    switchChat: async (page) => {
      await page.click('nav a:not([aria-current])');
      return '1b2c3d4e';
    },
  },
  {
    name: 'a page keeping the chat id in the #fragment, with an editor of its own',
    url: () => `${fixtures.url}/tidewater/#/chats/q7Rt2`,
    tabPart: '/tidewater/',
    steps: [
      { part: 'chatView', click: '.chat-header__title', wider: 2 },
      { part: 'customerMessage', click: '.bubble--in .bubble__text' },
      { part: 'agentMessage', click: '.bubble--out .bubble__text' },
      { part: 'systemMessage', click: '.notice' },
      { part: 'replyBox', click: '.composer__editor', exact: true },
      { part: 'conversationList', click: '.thread-list__name', wider: 3 },
      { part: 'conversationItem', click: '.thread-list__row--open .thread-list__name' },
      { part: 'customerName', click: '.chat-header__title' },
      { part: 'agentName', click: '.account-menu__name' },
      { part: 'whisperThread', click: '.composer__editor', exact: true, wider: 1 },
    ],
    messages: (page) =>
      page.evaluate(() =>
        [...document.querySelectorAll('.stream > *')].map((el) => ({
          author: el.classList.contains('notice') ? 'system' : el.classList.contains('bubble--out') ? 'agent' : 'customer',
          // The time shown inside the words is not part of them.
          text: (el.querySelector('.bubble__text')?.firstChild?.textContent ?? el.textContent ?? '').trim(),
        })),
      ),
    key: async (page) => /#\/chats\/([^/?&]+)/.exec(await page.evaluate(() => location.hash))![1]!,
    customer: 'Ana Ruiz',
    timeWithSeconds: null,
    switchChat: async (page) => {
      await page.click('a[href="#/chats/m4Kp9"]');
      return 'm4Kp9';
    },
  },
];

/** Presses the selector tester's "Check again" until `selector` shows what `done` wants. */
async function untilTester(tester: UiPage, selector: string, done: (text: string) => boolean): Promise<void> {
  await poll(
    async () => {
      await tester.click('#tester-again');
      return tester.textOf(selector);
    },
    (text) => text !== null && done(text),
    15_000,
    `the selector tester's ${selector}`,
  );
}

describe.each(BROWSERS)('adapter studio in $name', ({ name }) => {
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    browser = name === 'chromium' ? await ChromiumWithExtension.launch({ grantedOrigins: [SITE] }) : await BROWSERS[1]!.launch();
    // The tests' stand-in for the toolbar click's activeTab grant: access to the test sites.
    const options = await browser.openExtensionPage('options.html');
    await addSite(options, SITE);
    await options.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(cases)('teaches Undertone $name by clicks, checks, saves and exports the adapter', async (helpdeskCase) => {
    const page = await browser.openPage(helpdeskCase.url());
    await page.waitFor((part) => location.href.includes(part as string) && document.readyState === 'complete', helpdeskCase.tabPart);
    const tabId = await tabIdOf(browser, helpdeskCase.tabPart);
    const studio = await openStudio(browser, tabId);
    // The studio draws on the page in a closed shadow root: the page cannot read it.
    expect(await page.evaluate(() => {
      const host = document.querySelector('undertone-studio');
      return host !== null && host.shadowRoot === null;
    })).toBe(true);
    const addressBefore = await page.evaluate(() => location.href);

    await teach(studio, page, helpdeskCase.steps);
    // Clicks while picking did not act on the page (no chat opened, nothing navigated).
    expect(await page.evaluate(() => location.href)).toBe(addressBefore);

    const onPage = await helpdeskCase.messages(page);
    const key = await helpdeskCase.key(page);
    expect(onPage.length).toBeGreaterThan(1);
    expect(await studio.waitForText('#preview-state', /Recognised/)).toBe('Recognised: Undertone can coach on this page.');
    expect(await studio.textOf('[data-finding="messages"] .count')).toBe(` · ${onPage.length} found`);
    expect(await studio.textOf('#preview-key')).toBe(key);
    if (helpdeskCase.customer) expect(await studio.textOf('#preview-customer')).toBe(helpdeskCase.customer);
    const shown = await studio.evaluate(() =>
      [...document.querySelectorAll('#preview-messages li')].map((li) => ({ author: li.getAttribute('data-author') ?? '', text: li.querySelector('.text')?.textContent ?? '' })),
    );
    expect(shown).toEqual(onPage);
    if (helpdeskCase.timeWithSeconds) expect(await studio.textOf('#preview-messages li:nth-child(2) .time')).toContain(helpdeskCase.timeWithSeconds);
    expect(await studio.textOf('#preview-places')).toBe('reply box found, place found');

    const exported = JSON.parse((await studio.evaluate(() => (document.querySelector('#export-json') as HTMLTextAreaElement).value)) as string) as {
      id: string;
      checked: { against: string; on: string };
    };
    expect(exported.checked.against).toMatch(/taught in the Undertone studio$/);
    expect(exported.checked.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs(Date.parse(exported.checked.on) - Date.now())).toBeLessThan(2 * 86_400_000);
    const policy = JSON.parse((await studio.evaluate(() => (document.querySelector('#export-policy') as HTMLTextAreaElement).value)) as string) as {
      helpdeskSites: Array<{ match: string; adapter: string; adapterConfig: string }>;
    };
    expect(policy.helpdeskSites).toEqual([{ match: 'http://127.0.0.1/*', adapter: 'custom', adapterConfig: JSON.stringify(exported) }]);

    await studio.click('#save');
    expect(await studio.waitForText('#save-message', /Saved/)).toMatch(/^Saved for http:\/\/127\.0\.0\.1\/\*/);
    await studio.click('#close-studio').catch(() => {});
    await page.reload();
    await page.waitFor(() => document.readyState === 'complete' && document.querySelector('undertone-studio') === null);

    // The saved adapter, run by the content script, passes the selector tester's recognition checks.
    const tester = await browser.openExtensionPage(`options.html?tab=${await tabIdOf(browser, helpdeskCase.tabPart)}`);
    // The engine may still be waiting for the page's first render: ask again until it answers.
    await untilTester(tester, '#tester-state', (text) => text.endsWith('Recognised.'));
    expect(await tester.textOf('#tester-state')).toBe(`Adapter ${exported.id}: Recognised.`);
    const count = (author: string) => onPage.filter((m) => m.author === author).length;
    expect(await tester.textOf('#tester-counts')).toBe(`${count('customer')} customer, ${count('agent')} agent, ${count('system')} system`);
    expect(await tester.textOf('#tester-active')).toBe(`found, chat id ${key}, customer name found`);
    expect(await tester.textOf('#tester-reply-box')).toBe('found');
    await tester.close();

    // A chat switch the page makes itself is followed.
    const otherKey = await helpdeskCase.switchChat(page);
    const again = await browser.openExtensionPage(`options.html?tab=${await tabIdOf(browser, helpdeskCase.tabPart)}`);
    await untilTester(again, '#tester-active', (text) => text.startsWith(`found, chat id ${otherKey},`));
    await again.close();
    await page.close();
  });
});
