// A colleague of another team brought into one chat, between real browsers on the demo helpdesk through a real
// relay: the agent finds John Park (Accounts) and brings him in; John sees the chat on his badge and in his popup,
// opens it in one click, listens in and whispers; the agent sees "John Park (Accounts) joined", the customer sees
// nothing until the agent forwards the whisper into its reply (after what it had typed); removing John ends his
// access on his open page at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoAgentFor, launchSignedIn, poll, relayAndDemoForFile, type ExtensionBrowser, type UiPage } from './harness/index.ts';

const DOCK = 'undertone-coaching';

const { relay, people, helpdesk } = await relayAndDemoForFile();
const accounts = await relay.admin<{ id: string }>('team', 'add', '--org', people.orgId, '--name', 'Accounts');
const john = await relay.admin<{ id: string }>('user', 'add', '--org', people.orgId, '--name', 'John Park', '--role', 'agent', '--team', accounts.id);

describe.each(BROWSERS)('a colleague brought into a chat in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let agentBrowser: ExtensionBrowser;
  let johnBrowser: ExtensionBrowser;
  let agentDesk: UiPage;
  let guestPage: UiPage;
  let conversation: string;

  beforeAll(async () => {
    [agentBrowser, johnBrowser] = await Promise.all([
      launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id)),
      launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(john.id)),
    ]);
    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Morgan ${name}`, topic: 'billing' })).id;
    await helpdesk.customerWrites(conversation, 'I was charged twice for order 7781.');
    agentDesk = await agentBrowser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    // The thread starts as one line; bringing in a colleague is in its expanded view.
    await poll(() => agentDesk.textsIn(DOCK, '.ut-toggle'), (found) => found.length === 1, 20_000, 'the agent dock');
    await agentDesk.clickIn(DOCK, '.ut-toggle');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-bring-colleague'), (found) => found.length === 1, 10_000, 'the expanded dock');
  });

  afterAll(async () => {
    await Promise.all([agentBrowser?.close(), johnBrowser?.close()]);
  });

  const customerSide = async () => {
    const page = await agentDesk.evaluate(() => document.querySelector('.hd-chat__log')?.textContent ?? '');
    const stored = helpdesk.conversationsOf(demoAgent).find((c) => c.id === conversation);
    return `${page}\n${(stored?.messages ?? []).map((m) => m.text).join('\n')}`;
  };

  it('the agent finds a colleague of another team by team name and brings him in', async () => {
    await agentDesk.clickIn(DOCK, '.ut-bring-colleague');
    await agentDesk.fillIn(DOCK, '.ut-colleague-query', 'accounts');
    await agentDesk.clickIn(DOCK, '.ut-colleague-find');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-colleague-results li'), (rows) => rows.some((r) => r.includes('John Park (Accounts)')), 10_000, 'John in the search results');
    await agentDesk.clickIn(DOCK, `.ut-colleague-results li[data-user-id="${john.id}"] .ut-colleague-invite`);
    const notices = await poll(() => agentDesk.textsIn(DOCK, '.ut-guest-notice'), (n) => n.includes('John Park (Accounts) joined'), 10_000, 'the joined notice');
    expect(notices).toContain('John Park (Accounts) joined');
    expect(await agentDesk.textsIn(DOCK, '.ut-guest-item .ut-guest-name')).toEqual(['John Park (Accounts)']);
  });

  it('the colleague has the chat on his badge and in his popup, and opens it in one click', async () => {
    const popup = await johnBrowser.openExtensionPage('popup.html');
    const grantId = await popup.waitFor(() => document.querySelector('[data-grant-id]')?.getAttribute('data-grant-id') ?? '', undefined, 15_000);
    expect(await popup.textOf('.guest-chats li')).toContain(`Alice Agent's chat ${conversation}`);
    const badge = await popup.evaluate(async () => {
      type Action = { getBadgeText(d: object): Promise<string> };
      const scope = globalThis as unknown as { browser?: { action?: Action; browserAction?: Action }; chrome: { action?: Action; browserAction?: Action } };
      const api = scope.browser ?? scope.chrome;
      return (api.action ?? api.browserAction)!.getBadgeText({});
    });
    expect(badge).toBe('1');
    await popup.close();
    guestPage = await johnBrowser.openExtensionPage(`guest.html?grant=${grantId}`);
    await guestPage.waitForText('.ut-guest-title', new RegExp(`Alice Agent's chat ${conversation}`));
    expect(await guestPage.textOf('.ut-guest-by')).toContain('Alice Agent brought you in');
  });

  it('the colleague listens in and whispers; the customer sees none of it', async () => {
    await guestPage.waitFor(() => document.querySelector('.ut-guest-transcript')?.textContent?.includes('charged twice') ?? false, undefined, 20_000);
    await helpdesk.customerWrites(conversation, 'Can you refund the second charge?');
    await guestPage.waitFor(() => document.querySelector('.ut-guest-transcript')?.textContent?.includes('refund the second charge') ?? false, undefined, 15_000);
    await guestPage.fill('.ut-guest-composer textarea', 'Accounts here: refunds of double charges go out the same day.');
    await guestPage.click('.ut-guest-composer button[type="submit"]');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg'), (texts) => texts.some((t) => t.includes('refunds of double charges go out the same day')), 15_000, 'the whisper in the agent dock');
    const customer = await customerSide();
    expect(customer).not.toContain('double charges go out');
    expect(customer).not.toContain('John Park');
  });

  it('the agent forwards the whisper into the reply box after its half-typed reply, and sends both once', async () => {
    await agentDesk.fill('.hd-composer__editor', 'Hello Morgan,');
    // The dock sits above the reply box, scrolled out of view after typing: Puppeteer's coordinate click would miss
    // it in Firefox, so the button is clicked as a person's click reaches it, through the element.
    await agentDesk.inShadow(DOCK, (root) => (root!.querySelector('.ut-msg--whisper .ut-insert') as HTMLButtonElement).click());
    const box = await poll(
      () => agentDesk.evaluate(() => document.querySelector('.hd-composer__editor')?.textContent ?? ''),
      (text) => text.includes('double charges'),
      10_000,
      'the forwarded whisper in the reply box',
    );
    expect(box).toBe('Hello Morgan, Accounts here: refunds of double charges go out the same day.');
    // The demo's editor takes the text into its own state after its pause; then the agent sends it.
    await agentDesk.waitFor(() => (document.querySelector('.hd-composer__send') as HTMLButtonElement | null)?.disabled === false, undefined, 5_000);
    await agentDesk.click('.hd-composer__send');
    const sent = 'Hello Morgan, Accounts here: refunds of double charges go out the same day.';
    await poll(async () => helpdesk.conversationsOf(demoAgent).find((c) => c.id === conversation)!.messages.filter((m) => m.text === sent).length, (n) => n === 1, 10_000, 'the forwarded reply to reach the customer');
  });

  it('removing the colleague ends his access on his open page at once', async () => {
    await agentDesk.clickIn(DOCK, `.ut-guest-item[data-user-id="${john.id}"] .ut-guest-remove`);
    await guestPage.waitForText('.ut-guest-ended', /no longer open to you/, 15_000);
    await poll(() => agentDesk.textsIn(DOCK, '.ut-guest-notice'), (n) => n.includes('John Park (Accounts) left'), 10_000, 'the left notice');
    expect(await agentDesk.textsIn(DOCK, '.ut-guest-item')).toEqual([]);
    await guestPage.close();
  });
});
