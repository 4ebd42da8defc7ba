// The whole "send to customer" loop with real browsers on both sides, on the demo helpdesk through a real relay: the
// agent (managed policy "ask", signature "— {name}, {team}") brings in John Park of Accounts and allows sending with
// one click; John picks "Send to customer" on his guest page and sends; the demo's customer gets it exactly once,
// signed with John's own team, and John's page and the agent's thread both say it was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  DEMO_SITE,
  addSite,
  demoAgentFor,
  launchSignedIn,
  launchUnderPolicy,
  poll,
  relayAndDemoForFile,
  signIn,
  type BrowserUnderPolicy,
  type ExtensionBrowser,
  type UiPage,
} from './harness/index.ts';

const DOCK = 'undertone-coaching';

const { relay, people, helpdesk } = await relayAndDemoForFile();
const accounts = await relay.admin<{ id: string }>('team', 'add', '--org', people.orgId, '--name', 'Accounts');
const john = await relay.admin<{ id: string }>('user', 'add', '--org', people.orgId, '--name', 'John Park', '--role', 'agent', '--team', accounts.id);

describe.each(BROWSERS)('a colleague of another team sends to the customer in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let agentUnderPolicy: BrowserUnderPolicy;
  let johnBrowser: ExtensionBrowser;
  let agentDesk: UiPage;
  let guestPage: UiPage;
  let conversation: string;

  /** Agent messages of this chat as the demo's customer received them (compared without line breaks and spaces). */
  const customerGot = (text: string) =>
    (helpdesk.conversationsOf(demoAgent).find((c) => c.id === conversation)?.messages ?? []).filter((m) => m.author === 'agent' && m.text.replace(/\s+/g, '') === text.replace(/\s+/g, '')).length;
  const modes = () => guestPage.evaluate(() => [...document.querySelectorAll('.ut-guest-composer .ut-mode label')].map((l) => l.textContent ?? ''));

  beforeAll(async () => {
    // The policy file is machine-wide: John's browser, launched first, is a colleague's browser without it.
    johnBrowser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(john.id));
    agentUnderPolicy = await launchUnderPolicy(name, { sendToCustomer: 'ask', sendToCustomerSignature: '— {name}, {team}' }, [DEMO_SITE]);
    const options = await signIn(agentUnderPolicy.browser, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    await addSite(options, DEMO_SITE);
    await options.close();

    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Dana ${name}`, topic: 'billing' })).id;
    await helpdesk.customerWrites(conversation, 'My invoice shows a late fee I never agreed to.');
    agentDesk = await agentUnderPolicy.browser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    await poll(() => agentDesk.textsIn(DOCK, '.ut-toggle'), (found) => found.length === 1, 20_000, 'the agent dock');
    await agentDesk.clickIn(DOCK, '.ut-toggle');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-bring-colleague'), (found) => found.length === 1, 10_000, 'the expanded dock');
  });

  afterAll(async () => {
    await Promise.all([agentUnderPolicy?.close(), johnBrowser?.close()]);
  });

  it('the agent brings in John Park (Accounts), whose guest page asks the agent for the customer mode', async () => {
    await agentDesk.clickIn(DOCK, '.ut-bring-colleague');
    await agentDesk.fillIn(DOCK, '.ut-colleague-query', 'accounts');
    await agentDesk.clickIn(DOCK, '.ut-colleague-find');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-colleague-results li'), (rows) => rows.some((r) => r.includes('John Park (Accounts)')), 10_000, 'John in the search results');
    await agentDesk.clickIn(DOCK, `.ut-colleague-results li[data-user-id="${john.id}"] .ut-colleague-invite`);
    await poll(() => agentDesk.textsIn(DOCK, '.ut-guest-notice'), (n) => n.includes('John Park (Accounts) joined'), 10_000, 'the joined notice');

    const popup = await johnBrowser.openExtensionPage('popup.html');
    // John is the same user in both browsers' runs: the grant of this run's chat.
    const grantId = await popup.waitFor(
      (key) => [...document.querySelectorAll('[data-grant-id]')].find((li) => li.textContent?.includes(`chat ${key as string} `))?.getAttribute('data-grant-id') ?? '',
      conversation,
      15_000,
    );
    await popup.close();
    guestPage = await johnBrowser.openExtensionPage(`guest.html?grant=${grantId}`);
    await guestPage.waitForText('.ut-guest-title', new RegExp(`Alice Agent's chat ${conversation}`));
    await guestPage.waitForText('.ut-mode-ask', /Ask Alice Agent to let you reply to the customer/, 20_000);
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
  });

  it('after the agent\'s one click John sends to the customer; the customer gets it once, signed with his team', async () => {
    const allow = await poll(() => agentDesk.textsIn(DOCK, '.ut-customer-send-allow'), (b) => b.length === 1, 15_000, 'the consent button in the agent dock');
    expect(allow).toEqual(['Let John Park reply to the customer here']);
    await agentDesk.clickIn(DOCK, '.ut-customer-send-allow');
    await poll(modes, (labels) => labels.includes('Send to customer'), 20_000, 'the customer mode on the guest page');
    await guestPage.click('.ut-guest-composer input[value="customer"]');
    const text = `John from Accounts: the late fee is waived and refunded (${name}).`;
    await guestPage.fill('.ut-guest-composer textarea', text);
    await guestPage.click('.ut-guest-composer button[type="submit"]');

    // John's page follows the agent's extension's report, in words.
    await guestPage.waitForText('.ut-msg-customer', /^Sent to customer$/, 30_000);
    const signed = `${text}\n— John Park, Accounts`;
    expect(customerGot(signed)).toBe(1);
    expect(customerGot(text)).toBe(0);
    expect(await agentDesk.evaluate(() => (document.querySelector('.hd-composer__editor') as HTMLElement | null)?.innerText.trim() ?? '')).toBe('');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-send'), (lines) => lines.includes('Sent to the customer for John Park'), 15_000, 'the state in the agent thread');
    expect(await modes()).toContain('Send to customer');
    expect(await guestPage.evaluate(() => (document.querySelector('.ut-guest-composer .ut-mode input:checked') as HTMLInputElement | null)?.value)).toBe('whisper');
  });
});
