// "Send to customer" on the agent's side, in real browsers on the demo helpdesk (whose reply box takes input only
// after 500 ms) through a real relay: a supervisor's customer message reaches the demo's customer exactly once, also
// across a relay restart and (Chromium) a stopped service worker; the agent's half-typed reply survives (not sent,
// both sides told); under "ask" only after the agent's one click; with the policy off nothing is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamFrame } from '../../lib/client/index.ts';
import { BROWSERS, demoAgentFor, type ChromiumWithExtension, launchSignedIn, poll, relayAndDemoForFile, watchBoard, type ExtensionBrowser, type SupervisorClient, type UiPage } from './harness/index.ts';

const DOCK = 'undertone-coaching';
const stage = await relayAndDemoForFile();
const { relay, people, helpdesk } = stage;

describe.each(BROWSERS)('sending to the customer from the agent\'s helpdesk in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let browser: ExtensionBrowser;
  let supervisor: SupervisorClient;
  let desk: UiPage;
  let conversation: string;

  /** The agent's own setting, as the options page stores it. */
  const setSendToCustomer = async (mode: 'off' | 'ask' | 'allowed') => {
    const page = await browser.openExtensionPage('options.html');
    await page.evaluate(async (value) => {
      type Local = { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } };
      const scope = globalThis as unknown as { browser?: Local; chrome: Local };
      const api = scope.browser ?? scope.chrome;
      const settings = ((await api.storage.local.get('settings')).settings ?? {}) as object;
      await api.storage.local.set({ settings: { ...settings, sendToCustomer: value } });
    }, mode);
    await page.close();
  };
  /** What the agent's extension says about this chat, as the supervisor's board shows it. */
  const boardMode = () => supervisor.board().find((c) => c.key === conversation)?.customerSend ?? 'off';
  /** Agent messages of this chat as the demo's customer received them. */
  const customerGot = (text: string) =>
    (helpdesk.conversationsOf(demoAgent).find((c) => c.id === conversation)?.messages ?? []).filter((m) => m.author === 'agent' && m.text.replace(/\s+/g, '') === text.replace(/\s+/g, '')).length;
  const outcomeOf = (messageId: string) =>
    supervisor.received.find((f: StreamFrame): f is Extract<StreamFrame, { type: 'customer_send_result' }> => f.type === 'customer_send_result' && f.messageId === messageId);
  /** Sends a customer message as the supervisor; resolves with the relay's id of it. */
  const sendToCustomer = async (text: string): Promise<string> => {
    await supervisor.connection.queue({ type: 'whisper', msgId: crypto.randomUUID(), agentId: people.agent.id, conversationKey: conversation, kind: 'customer', text });
    const frame = await poll(
      async () => supervisor.received.find((f) => f.type === 'message' && f.message.text === text),
      (found) => found !== undefined,
      15_000,
      'the customer message at the relay',
    );
    return frame!.type === 'message' ? frame!.message.id : '';
  };
  const editorText = () => desk.evaluate(() => (document.querySelector('.hd-composer__editor') as HTMLElement | null)?.innerText.trim() ?? '');

  beforeAll(async () => {
    browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    supervisor = await watchBoard(stage);
    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Robin ${name}`, topic: 'billing' })).id;
    await helpdesk.customerWrites(conversation, 'Where is my refund?');
    desk = await browser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    await poll(() => desk.textsIn(DOCK, '.ut-toggle'), (found) => found.length === 1, 20_000, 'the agent dock');
  });

  afterAll(async () => {
    supervisor?.stop();
    await browser?.close();
  });

  it('with the policy off the chat says off and the relay refuses a customer message; nothing reaches the customer', async () => {
    await poll(async () => supervisor.board().some((c) => c.key === conversation), Boolean, 20_000, 'the chat on the board');
    expect(boardMode()).toBe('off');
    await supervisor.connection.queue({ type: 'whisper', msgId: crypto.randomUUID(), agentId: people.agent.id, conversationKey: conversation, kind: 'customer', text: 'Policy off: never sent' });
    // The barrier: the outbox delivers in order, so a whisper queued after it arrives only once it was answered.
    await supervisor.whisper(people.agent.id, conversation, `barrier ${name}`);
    await poll(async () => supervisor.texts().includes(`barrier ${name}`), Boolean, 15_000, 'the barrier whisper');
    expect(supervisor.texts()).not.toContain('Policy off: never sent');
    expect(customerGot('Policy off: never sent')).toBe(0);
  });

  it('under "ask" the agent allows it with one click, and can take it back', async () => {
    await setSendToCustomer('ask');
    await poll(async () => boardMode(), (mode) => mode === 'ask', 20_000, 'the chat saying ask');
    await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => desk.textsIn(DOCK, '.ut-customer-send-allow'), (b) => b.length === 1, 15_000, 'the consent button');
    expect(await desk.textsIn(DOCK, '.ut-customer-send-allow')).toEqual(['Let your coaches reply to the customer here']);
    await desk.clickIn(DOCK, '.ut-customer-send-allow');
    await poll(async () => boardMode(), (mode) => mode === 'allowed', 15_000, 'the chat saying allowed');
    await desk.clickIn(DOCK, '.ut-customer-send-take-back');
    await poll(async () => boardMode(), (mode) => mode === 'ask', 15_000, 'the chat saying ask again');
    await desk.clickIn(DOCK, '.ut-customer-send-allow');
    await poll(async () => boardMode(), (mode) => mode === 'allowed', 15_000, 'allowed again');
    // The consent lasts across a reload of the helpdesk.
    await desk.reload();
    await poll(() => desk.textsIn(DOCK, '.ut-toggle'), (found) => found.length === 1, 20_000, 'the dock after the reload');
    await poll(async () => boardMode(), (mode) => mode === 'allowed', 15_000, 'still allowed after the reload');
  });

  it('sends a supervisor\'s message through the helpdesk exactly once and tells both sides', async () => {
    const text = `Your refund left today (${name}).`;
    const id = await sendToCustomer(text);
    await poll(async () => outcomeOf(id), (o) => o !== undefined, 20_000, 'the outcome at the supervisor');
    expect(outcomeOf(id)).toMatchObject({ outcome: 'sent' });
    expect(customerGot(text)).toBe(1);
    expect(await editorText()).toBe('');
    const expanded = await desk.textsIn(DOCK, '.ut-toggle');
    if (expanded[0] === 'Expand' || expanded[0]?.includes('Show')) await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => desk.textsIn(DOCK, '.ut-msg-send'), (lines) => lines.includes(`Sent to the customer for ${people.supervisor.name}`), 15_000, 'the state in the agent thread');
  });

  it('never overwrites the agent\'s half-typed reply: not sent, the draft stays, both sides told', async () => {
    await desk.evaluate(() => (document.querySelector('.hd-composer__editor') as HTMLElement).focus());
    await desk.evaluate(() => document.execCommand('insertText', false, 'Let me check your ord'));
    const text = `Thanks for waiting (${name}).`;
    const id = await sendToCustomer(text);
    await poll(async () => outcomeOf(id), (o) => o !== undefined, 20_000, 'the outcome at the supervisor');
    expect(outcomeOf(id)).toMatchObject({ outcome: 'not_sent', reason: 'agent_typing' });
    expect(await editorText()).toBe('Let me check your ord');
    expect(customerGot(text)).toBe(0);
    await poll(() => desk.textsIn(DOCK, '.ut-msg-send'), (lines) => lines.some((l) => l.startsWith('Not sent: your own reply was in the box')), 15_000, 'the reason in the agent thread');
    // Empty the box again for the next tests (the demo editor takes it after its pause).
    await desk.evaluate(() => {
      const editor = document.querySelector('.hd-composer__editor') as HTMLElement;
      editor.focus();
      document.execCommand('selectAll');
      document.execCommand('delete');
    });
    await poll(editorText, (t) => t === '', 5_000, 'the box emptied');
  });

  it('sends exactly once when the relay restarts in between', async () => {
    const text = `Across the relay restart (${name}).`;
    // Stored at the relay, then the relay goes away while the agent's extension sends it and reports the outcome.
    const id = await sendToCustomer(text);
    await relay.restart();
    await poll(async () => outcomeOf(id), (o) => o !== undefined, 30_000, 'the outcome after the restart');
    expect(outcomeOf(id)).toMatchObject({ outcome: 'sent' });
    await relay.restart();
    await poll(async () => supervisor.connection.status.synced, Boolean, 15_000, 'the supervisor back');
    // The barrier: a whisper after the second restart reaches the agent's thread only after the replayed stream.
    await supervisor.whisper(people.agent.id, conversation, `after restarts ${name}`);
    await poll(() => desk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.includes(`after restarts ${name}`), 30_000, 'the whisper after the restarts');
    expect(customerGot(text)).toBe(1);
  });

  // Firefox runs the background as a page that is not stopped; Chromium's service worker is.
  if (name === 'chromium') it('sends exactly once when the service worker is stopped in between', async () => {
    const worker = browser as ChromiumWithExtension;
    await worker.stopServiceWorker();
    const text = `While the worker was stopped (${name}).`;
    const id = await sendToCustomer(text);
    // A customer message makes the page report, which starts the worker again; it reconnects and gets the stream.
    await helpdesk.customerWrites(conversation, 'Hello?');
    await poll(async () => outcomeOf(id), (o) => o !== undefined, 45_000, 'the outcome after the worker restarted');
    expect(outcomeOf(id)).toMatchObject({ outcome: 'sent' });
    await worker.stopServiceWorker();
    await helpdesk.customerWrites(conversation, 'Still there?');
    await poll(() => desk.textsIn(DOCK, '.ut-toggle'), (found) => found.length === 1, 20_000, 'the dock');
    await poll(async () => supervisor.board().find((c) => c.key === conversation) !== undefined, Boolean, 30_000, 'the worker back');
    expect(customerGot(text)).toBe(1);
  });
});
