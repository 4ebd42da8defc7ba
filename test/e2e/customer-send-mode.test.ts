// "Send to customer" in the supervisor's console, in real browsers through a real relay: the mode is absent while the
// agent's chat says "off", a note asks the agent under "ask", and the mode is there under "allowed"; a message sent
// that way reaches the agent as a customer message, "Send as" returns to Whisper, and the thread follows the agent's
// report in words. The agent is the extension's own relay client in this process, publishing chat_state itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerSendMode, MessageFrame } from '../../lib/protocol/index.ts';
import { BROWSERS, SupervisorClient, chatStateSaying, launchSignedIn, openConsolePage, poll, relayForFile, type ExtensionBrowser, type UiPage } from './harness/index.ts';

const PANEL = 'undertone-supervisor';
const { relay, people } = await relayForFile();

describe.each(BROWSERS)('sending to the customer from the console in $name', ({ name }) => {
  const key = `send-${name}`;
  let agent: SupervisorClient;
  let browser: ExtensionBrowser;
  let board: UiPage;

  /** The agent's extension says what it allows in this chat (absent: the word is left out, which means "off"). */
  const agentSays = (customerSend: CustomerSendMode | undefined) => {
    // Its effect is what the tests wait for, on the console's page.
    agent.send(chatStateSaying(key, `Morgan ${name}`, customerSend));
  };
  const modes = () => board.textsIn(PANEL, '.ut-mode label');
  const picked = () => board.inShadow(PANEL, (root) => (root?.querySelector('.ut-mode input:checked') as HTMLInputElement | null)?.value ?? null);

  beforeAll(async () => {
    agent = await SupervisorClient.connect(relay.httpUrl, await relay.issueToken(people.agent.id));
    browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.supervisor.id));
    board = await openConsolePage(browser);
  });

  afterAll(async () => {
    agent?.connection.stop();
    await browser?.close();
  });

  it('offers no "Send to customer" while the chat says nothing of it', async () => {
    agentSays(undefined);
    const row = `.ut-chat[data-chat-id="${people.agent.id}/${key}"]`;
    await poll(() => board.textsIn(PANEL, '.ut-chat-customer'), (names) => names.includes(`Morgan ${name}`), 20_000, 'the chat on the board');
    await board.clickIn(PANEL, row);
    await poll(modes, (labels) => labels.length === 2, 15_000, 'the listen-in composer');
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
    expect(await board.textsIn(PANEL, '.ut-mode-ask')).toEqual([]);
  });

  it('under "ask" says the agent has to allow it, and still offers no customer mode', async () => {
    agentSays('ask');
    const note = await poll(() => board.textsIn(PANEL, '.ut-mode-ask'), (n) => n.length === 1, 15_000, 'the note to ask the agent');
    expect(note).toEqual(['Ask Alice Agent to let you reply to the customer']);
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
  });

  it('under "allowed" sends to the customer, returns to Whisper, and shows the outcome the agent reports', async () => {
    agentSays('allowed');
    await poll(modes, (labels) => labels.includes('Send to customer'), 15_000, 'the customer mode');
    expect(await modes()).toEqual(['Whisper', 'Suggestion', 'Send to customer']);
    expect(await board.textsIn(PANEL, '.ut-mode-ask')).toEqual([]);
    await board.clickIn(PANEL, '.ut-mode input[value="customer"]');
    await poll(picked, (value) => value === 'customer', 5_000, 'the customer mode picked');
    const text = `Your refund went out today (${name})`;
    await board.fillIn(PANEL, '.ut-whisper-composer textarea', text);
    await board.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');

    const arrived = await poll(
      async () => agent.received.find((f): f is MessageFrame => f.type === 'message' && f.message.text === text),
      (frame) => frame !== undefined,
      15_000,
      'the customer message at the agent',
    );
    expect(arrived!.message.kind).toBe('customer');
    expect(await picked()).toBe('whisper');
    await poll(() => board.textsIn(PANEL, '.ut-msg-customer'), (states) => states.includes('Sending to customer…'), 15_000, 'the sending state');

    agent.send({ type: 'customer_send_result', ref: `result-${name}`, messageId: arrived!.message.id, outcome: 'not_sent', reason: 'agent_typing' });
    const states = await poll(() => board.textsIn(PANEL, '.ut-msg-customer'), (s) => s.includes('Not sent: Alice Agent was typing'), 15_000, 'the outcome in words');
    expect(states).toEqual(['Not sent: Alice Agent was typing']);
  });

  it('takes the mode away when the chat says "off"', async () => {
    agentSays('off');
    await poll(modes, (labels) => !labels.includes('Send to customer'), 15_000, 'the customer mode gone');
    expect(await modes()).toEqual(['Whisper', 'Suggestion']);
  });
});
