// The content script on the demo helpdesk in a real browser: it reads chat switches and the transcript as the page
// shows it (incrementally, through re-renders), publishes the chat state, and says so when the page is not recognised.
// Site access: the options page's "Add site" asks the browser for http://127.0.0.1/*; Firefox grants it without a
// prompt (extensions.webextOptionalPermissionPrompts=false), Chromium's profile already holds the grant (see
// ChromiumWithExtension.launch) so it answers without its dialog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  demoAgentFor,
  openWatchedDesk,
  poll,
  relayAndDemoForFile,
  tabIdOf,
  type ExtensionBrowser,
  type SupervisorClient,
  type UiPage,
} from './harness/index.ts';
import { builtinAdapters } from '../../lib/adapters/builtin/index.ts';

const SITE = 'http://127.0.0.1/*';

const stage = await relayAndDemoForFile();
const { people, helpdesk } = stage;

/** Messages as the desk page shows them (deleted ones left out): id, author and text of each rendered message. */
function pageMessages(page: UiPage): Promise<Array<{ id: string; author: string; text: string }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.hd-chat__log .hd-msg:not(.hd-msg--deleted)')].map((el) => ({
      id: el.getAttribute('data-msg-id') ?? '',
      author: el.classList.contains('hd-msg--agent') ? 'agent' : el.classList.contains('hd-msg--event') ? 'system' : 'customer',
      text: el.querySelector('.hd-msg__body')?.textContent ?? '',
    })),
  );
}

describe.each(BROWSERS)('helpdesk adapter in $name', ({ name }) => {
  let browser: ExtensionBrowser;
  let supervisor: SupervisorClient;
  let desk: UiPage;
  const agent = demoAgentFor(name);

  beforeAll(async () => {
    ({ browser, supervisor, desk } = await openWatchedDesk(name, stage, agent));
  });

  afterAll(async () => {
    supervisor?.stop();
    await browser?.close();
  });

  it('publishes the open chats with the active one and follows a chat switch', async () => {
    const conversations = helpdesk.conversationsOf(agent).filter((c) => c.status === 'open');
    expect(conversations.length).toBeGreaterThan(1);
    const board = await poll(async () => supervisor.board(), (chats) => chats.length === conversations.length && chats.some((c) => c.active), 20_000, 'the chats on the board');
    expect(board.map((c) => c.key).sort()).toEqual(conversations.map((c) => c.id).sort());
    expect(board.map((c) => c.customer).sort()).toEqual(conversations.map((c) => c.customer).sort());
    for (const chat of board) expect(['good', 'neutral', 'at_risk', 'angry']).toContain(chat.mood.level);

    const other = board.find((c) => !c.active)!;
    await desk.click(`.hd-inbox__item[data-conv-id="${other.key}"]`);
    await poll(async () => supervisor.board().find((c) => c.active)?.key, (key) => key === other.key, 15_000, 'the switched chat to be active');
    expect(supervisor.board().filter((c) => c.active)).toHaveLength(1);
  });

  it('streams the transcript as the page shows it: snapshot, then new, edited and deleted messages, through a full re-render', async () => {
    const active = await poll(async () => supervisor.board().find((c) => c.active), Boolean, 15_000, 'an active chat');
    const key = active!.key;
    supervisor.send({ type: 'listen_start', agentId: people.agent.id, conversationKey: key });
    const shown = async () => supervisor.shownTranscript(key).map(({ id, author, text }) => ({ id, author, text }));
    const onPage = await pageMessages(desk);
    expect(onPage.length).toBeGreaterThan(0);
    await poll(shown, (events) => JSON.stringify(events) === JSON.stringify(onPage), 15_000, 'the snapshot to match the page');

    const written = await helpdesk.customerWrites(key, `Where is order 5521? Write to me at jo.doe@example.com (${name})`);
    await desk.waitFor((id) => document.querySelector(`[data-msg-id="${id as string}"]`) !== null, written.id);
    const added = await poll(shown, (events) => events.some((e) => e.id === written.id), 15_000, 'the new message');
    // Redacted before it left the agent's browser.
    expect(added.find((e) => e.id === written.id)!.text).toBe(`Where is order 5521? Write to me at [email] (${name})`);
    expect(added.slice(0, -1)).toEqual(onPage);

    await helpdesk.control({ action: 'edit_message', conversationId: key, messageId: written.id, text: `Sorry, order 5522 (${name})` });
    await poll(shown, (events) => events.find((e) => e.id === written.id)?.text === `Sorry, order 5522 (${name})`, 15_000, 'the edit');

    // A full re-render replaces every node: nothing may be reported as removed or added again.
    const framesBefore = supervisor.transcripts(key).length;
    await desk.evaluate(() => document.querySelector('.hd-chat__log')?.setAttribute('data-before-resync', ''));
    await helpdesk.control({ action: 'resync' });
    // The desk reloads its state after a resync; a message written before that reload ends could be lost by the page.
    await desk.waitFor(() => document.querySelector('.hd-chat__log') !== null && document.querySelector('[data-before-resync]') === null);
    const second = await helpdesk.customerWrites(key, `Still there? (${name})`);
    await desk.waitFor((id) => document.querySelector(`[data-msg-id="${id as string}"]`) !== null, second.id);
    await poll(shown, (events) => events.some((e) => e.id === second.id), 15_000, 'a message after the re-render');
    const afterResync = supervisor.transcripts(key).slice(framesBefore).flatMap((f) => f.events);
    expect(afterResync.map((e) => `${e.op}:${e.id}`)).toEqual([`add:${second.id}`]);

    await helpdesk.control({ action: 'delete_message', conversationId: key, messageId: second.id });
    await poll(shown, (events) => !events.some((e) => e.id === second.id), 15_000, 'the deletion');
    expect((await shown()).map((e) => e.id)).toEqual((await pageMessages(desk)).map((m) => m.id));
    supervisor.send({ type: 'listen_stop', agentId: people.agent.id, conversationKey: key });
  });

  it('shows in the options page check what the adapter finds on the tab, without customer text', async () => {
    const options = await browser.openExtensionPage('options.html');
    const tabId = await options.evaluate(async () => {
      type Tabs = { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } };
      const scope = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
      const tabs = await (scope.browser ?? scope.chrome).tabs.query({});
      return tabs.find((t) => t.url?.includes('/desk'))?.id ?? null;
    });
    await options.close();
    expect(tabId).not.toBeNull();
    const popup = await browser.openExtensionPage(`options.html?tab=${tabId}`);
    await popup.waitForText('#tester-state', /Recognised/);
    const onPage = await pageMessages(desk);
    const key = await desk.evaluate(() => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') ?? '');
    const count = (author: string) => onPage.filter((m) => m.author === author).length;
    expect(await popup.textOf('#tester-state')).toBe('Adapter northwind-demo: Recognised.');
    expect(await popup.textOf('#tester-active')).toBe(`found, chat id ${key}, customer name found`);
    expect(await popup.textOf('#tester-counts')).toBe(`${count('customer')} customer, ${count('agent')} agent, ${count('system')} system`);
    expect(await popup.evaluate(() => [...document.querySelectorAll('#tester-last li')].map((li) => li.textContent))).toEqual(onPage.slice(-3).map((m) => m.author));
    expect(await popup.textOf('#tester-reply-box')).toBe('found');
    // No customer's words or names anywhere on the page.
    const customers = helpdesk.conversationsOf(agent).map((c) => c.customer);
    const pageText = (await popup.evaluate(() => document.body.textContent)) ?? '';
    for (const text of [...onPage.filter((m) => m.author === 'customer').map((m) => m.text), ...customers]) expect(pageText).not.toContain(text);
    await popup.close();
  });

  it('shows "not recognised" when the page loses a part the adapter needs, and the page keeps working', async () => {
    await desk.evaluate(() => document.querySelector('.hd-chat__log')?.classList.replace('hd-chat__log', 'hd-chat__log-renamed'));
    const notice = await poll(() => desk.inShadow('undertone-notice', (root) => root?.textContent ?? ''), Boolean, 15_000, 'the notice');
    expect(notice).toContain('This helpdesk page is not recognised');
    expect(notice).toContain('transcript container ".hd-chat__log"');
    // The host page still sends its own replies.
    const key = await desk.evaluate(() => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') ?? '');
    await desk.fill('.hd-composer__editor', 'Sent by the page itself');
    // The demo's editor takes typed text into its state after a pause, like real rich editors: Send is enabled then.
    await desk.waitFor(() => (document.querySelector('.hd-composer__send') as HTMLButtonElement | null)?.disabled === false);
    await desk.click('.hd-composer__send');
    await poll(async () => helpdesk.conversationsOf(agent).find((c) => c.id === key)?.messages.map((m) => m.text), (texts) => texts?.includes('Sent by the page itself') ?? false, 10_000, 'the page to send its reply');
    // Back to a page the adapter knows: the notice goes away.
    await desk.reload();
    await desk.waitFor(() => document.querySelector('.hd-chat__log') !== null && document.querySelector('undertone-notice') === null, undefined, 15_000);
  });

  it('uses a custom adapter pasted in the options page, after checking it', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.fill('#site-pattern', SITE);
    await options.fill('#site-adapter', '{"format":"undertone-adapter/1","id":"acme-desk"}');
    await options.click('#add-site');
    expect(await options.waitForText('#site-message', /The adapter is not usable/)).toMatch(/name: is required/);

    const demo = builtinAdapters.find((a) => a.id === 'northwind-demo')!;
    const custom = { ...demo, id: 'acme-desk', name: 'Acme Desk' };
    delete (custom as { checked?: unknown }).checked;
    await options.fill('#site-adapter', JSON.stringify(custom));
    await options.click('#add-site');
    await options.waitFor((p) => document.querySelector(`[data-site="${p as string}"]`)?.textContent?.includes('(custom) active') ?? false, SITE);
    await options.close();

    await desk.reload();
    await desk.waitFor(() => document.querySelector('.hd-chat__log') !== null);
    const popup = await browser.openExtensionPage(`options.html?tab=${await tabIdOf(browser, '/desk')}`);
    expect(await popup.waitForText('#tester-state', /Recognised/)).toBe('Adapter acme-desk: Recognised.');
    await popup.close();
  });
});
