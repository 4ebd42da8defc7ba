// "Send to customer" on the guest page, in real browsers through a real relay: John Park (Accounts), brought into one
// chat, sees the mode only while the agent's extension allows it (told by customer_send_mode), the note to ask the
// agent under "ask", and the agent's reported outcome in words. The agent is the extension's own relay client in
// this process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerSendMode, MessageFrame } from '../../lib/protocol/index.ts';
import { BROWSERS, SupervisorClient, chatStateSaying, launchSignedIn, poll, relayForFile, type ExtensionBrowser, type UiPage } from './harness/index.ts';

const { relay, people } = await relayForFile();
const accounts = await relay.admin<{ id: string }>('team', 'add', '--org', people.orgId, '--name', 'Accounts');
const john = await relay.admin<{ id: string }>('user', 'add', '--org', people.orgId, '--name', 'John Park', '--role', 'agent', '--team', accounts.id);

describe.each(BROWSERS)('sending to the customer as a guest in $name', ({ name }) => {
  const key = `guest-send-${name}`;
  let agent: SupervisorClient;
  let browser: ExtensionBrowser;
  let guestPage: UiPage;

  /** The agent's extension publishes its chat with what it allows (absent: nothing said, meaning "off"). */
  const agentSays = (customerSend: CustomerSendMode | undefined) => {
    agent.send(chatStateSaying(key, `Morgan ${name}`, customerSend));
  };
  const modes = () => guestPage.evaluate(() => [...document.querySelectorAll('.ut-guest-composer .ut-mode label')].map((l) => l.textContent ?? ''));

  beforeAll(async () => {
    agent = await SupervisorClient.connect(relay.httpUrl, await relay.issueToken(people.agent.id));
    browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(john.id));
    agentSays(undefined);
    agent.send({ type: 'invite', conversationKey: key, userId: john.id });
    const guests = await poll(
      async () => agent.frames.find((f) => f.type === 'guests' && f.conversationKey === key && f.guests.length === 1),
      (frame) => frame !== undefined,
      10_000,
      'the invitation',
    );
    const grantId = guests!.type === 'guests' ? guests!.guests[0]!.id : '';
    guestPage = await browser.openExtensionPage(`guest.html?grant=${grantId}`);
    await guestPage.waitForText('.ut-guest-title', new RegExp(`Alice Agent's chat ${key}`));
  });

  afterAll(async () => {
    agent?.connection.stop();
    await browser?.close();
  });

  it('offers no customer mode while the chat says nothing, and asks the agent under "ask"', async () => {
    await poll(modes, (labels) => labels.length === 2, 15_000, 'the guest composer');
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
    agentSays('ask');
    await guestPage.waitForText('.ut-mode-ask', /Ask Alice Agent to let you reply to the customer/);
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
  });

  it('sends to the customer where allowed, returns to Whisper, and shows the outcome the agent reports', async () => {
    agentSays('allowed');
    await poll(modes, (labels) => labels.includes('Send to customer'), 15_000, 'the customer mode');
    expect(await guestPage.evaluate(() => document.querySelector('.ut-mode-ask'))).toBeNull();
    await guestPage.click('.ut-guest-composer input[value="customer"]');
    const text = `John from Accounts: the credit is applied (${name})`;
    await guestPage.fill('.ut-guest-composer textarea', text);
    await guestPage.click('.ut-guest-composer button[type="submit"]');
    const arrived = await poll(
      async () => agent.received.find((f): f is MessageFrame => f.type === 'message' && f.message.text === text),
      (frame) => frame !== undefined,
      15_000,
      'the customer message at the agent',
    );
    expect(arrived!.message).toMatchObject({ kind: 'customer', from: { id: john.id } });
    expect(await guestPage.evaluate(() => (document.querySelector('.ut-guest-composer .ut-mode input:checked') as HTMLInputElement | null)?.value)).toBe('whisper');
    await guestPage.waitForText('.ut-msg-customer', /Sending to customer…/);

    agent.send({ type: 'customer_send_result', ref: `result-${name}`, messageId: arrived!.message.id, outcome: 'sent' });
    await guestPage.waitForText('.ut-msg-customer', /^Sent to customer$/);
  });

  it('takes the mode away when the chat says "off"', async () => {
    agentSays('off');
    await poll(modes, (labels) => !labels.includes('Send to customer'), 15_000, 'the customer mode gone');
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
  });
});
