// Live coaching between two real browsers on the demo helpdesk, through a real relay: a supervisor with the console
// open (as a tab page), an agent in its chat. The board, its mood and its order, listen-in, whispers in the right
// chat only, replies, suggestions into the reply box (never sent), help requests, a second supervisor, hostile text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  SupervisorClient,
  demoAgentFor,
  launchSignedIn,
  poll,
  openConsolePage,
  relayAndDemoForFile,
  type ExtensionBrowser,
  type UiPage,
} from './harness/index.ts';

const PANEL = 'undertone-supervisor';
const DOCK = 'undertone-coaching';

const { relay, people, helpdesk } = await relayAndDemoForFile();
const secondSupervisor = await relay.admin<{ id: string }>('user', 'add', '--org', people.orgId, '--name', 'Kim Supervisor', '--role', 'supervisor', '--team', people.teamId);

/** Every text a page holds outside Undertone's own elements, and the demo's record of the chat: what the customer sees. */
async function customerSide(desk: UiPage, conversationId: string): Promise<string> {
  const page = await desk.evaluate(() => document.querySelector('.hd-chat__log')?.textContent ?? '');
  const stored = helpdesk.conversationsOf('alice').concat(helpdesk.conversationsOf('bruno')).find((c) => c.id === conversationId);
  return `${page}\n${(stored?.messages ?? []).map((m) => m.text).join('\n')}`;
}

describe.each(BROWSERS)('coaching in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let agentBrowser: ExtensionBrowser;
  let supervisorBrowser: ExtensionBrowser;
  let agentDesk: UiPage;
  let supervisorDesk: UiPage;
  let conversation: string;
  let otherConversation: string;

  beforeAll(async () => {
    [agentBrowser, supervisorBrowser] = await Promise.all([
      launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id)),
      launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.supervisor.id)),
    ]);
    const started = await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Riley ${name}`, angry: true, topic: 'refund' });
    conversation = started.id;
    await helpdesk.customerWrites(conversation, 'This is UNACCEPTABLE. I want a refund and a manager NOW!!');
    otherConversation = helpdesk.conversationsOf(demoAgent).find((c) => c.id !== conversation && c.status === 'open')!.id;
    agentDesk = await agentBrowser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    // The thread starts as one line; expanded once, it stays expanded in every chat.
    await agentDesk.clickIn(DOCK, '.ut-toggle');
    supervisorDesk = await openConsolePage(supervisorBrowser);
  });

  afterAll(async () => {
    await Promise.all([agentBrowser?.close(), supervisorBrowser?.close()]);
  });

  const chatRow = () => `.ut-chat[data-chat-id="${people.agent.id}/${conversation}"]`;

  it("shows the agent's chat on the supervisor's board with its mood", async () => {
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-chat-customer'), (names) => names.includes(`Riley ${name}`), 20_000, 'the chat on the board');
    const mood = await poll(
      () => supervisorDesk.inShadow('undertone-supervisor', (root, row) => root?.querySelector(`${row as string} .ut-mood`)?.className ?? '', chatRow()),
      (className) => /ut-mood--(angry|at_risk)/.test(className),
      15_000,
      'an angry or at-risk mood',
    );
    expect(mood).toMatch(/ut-mood--(angry|at_risk)/);
  });

  it('listens in on the first click: new customer messages appear in the console as they arrive, and the agent sees who listens', async () => {
    await supervisorDesk.clickIn(PANEL, chatRow());
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-line-text'), (lines) => lines.some((l) => l.includes('UNACCEPTABLE')), 15_000, 'the transcript snapshot');
    await helpdesk.customerWrites(conversation, `Hello? Anyone there? (${name})`);
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-line-text'), (lines) => lines.includes(`Hello? Anyone there? (${name})`), 15_000, 'the new customer message');
    await poll(() => agentDesk.inShadow('undertone-coaching', (root) => root?.innerHTML ?? ''), (html) => html.includes('Sam Supervisor'), 15_000, 'the listening note in the agent pane');
  });

  it('shows a whisper inline in that conversation only, never in the customer view', async () => {
    const whisper = `Offer the express refund (${name})`;
    await supervisorDesk.fillIn(PANEL, '.ut-whisper-composer textarea', whisper);
    await supervisorDesk.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.includes(whisper), 15_000, 'the whisper in the agent pane');
    // The thread sits in the chat's pane, outside the transcript.
    expect(await agentDesk.evaluate(() => document.querySelector('undertone-coaching')?.closest('.hd-chat')?.getAttribute('data-chat-id'))).toBe(conversation);
    expect(await customerSide(agentDesk, conversation)).not.toContain(whisper);

    await agentDesk.click(`.hd-inbox__item[data-conv-id="${otherConversation}"]`);
    await agentDesk.waitFor((id) => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') === id, otherConversation);
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-text'), (texts) => !texts.includes(whisper), 10_000, 'the other chat without the whisper');
    expect(await agentDesk.evaluate(() => document.body.textContent ?? '')).not.toContain(whisper);
    await agentDesk.click(`.hd-inbox__item[data-conv-id="${conversation}"]`);
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.filter((t) => t === whisper).length === 1, 10_000, 'the whisper back, once');
  });

  it('counts unread whispers beside the other chats in the helpdesk list', async () => {
    const badge = (id: string) =>
      agentDesk.inShadow(`.hd-inbox__item[data-conv-id="${id}"] undertone-unread`, (root) => root?.querySelector('span')?.textContent ?? null);
    await agentDesk.click(`.hd-inbox__item[data-conv-id="${otherConversation}"]`);
    await agentDesk.waitFor((id) => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') === id, otherConversation);
    const whisper = `Check the order history first (${name})`;
    await supervisorDesk.fillIn(PANEL, '.ut-whisper-composer textarea', whisper);
    await supervisorDesk.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
    // The whisper of the test before was read: the agent had the thread expanded in that chat.
    await poll(() => badge(conversation), (text) => text === '1', 15_000, 'a count beside the chat the whisper is for');
    expect(await badge(otherConversation)).toBeNull();
    expect(await agentDesk.evaluate(() => document.body.textContent ?? '')).not.toContain(whisper);
    await agentDesk.click(`.hd-inbox__item[data-conv-id="${conversation}"]`);
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.includes(whisper), 10_000, 'the whisper in its chat');
    await poll(() => badge(conversation), (text) => text === null, 10_000, 'no count beside the chat on screen');
  });

  it("brings the agent's reply to the supervisor", async () => {
    const reply = `Will do, thanks (${name})`;
    await agentDesk.fillIn(DOCK, '.ut-agent .ut-composer textarea', reply);
    await agentDesk.clickIn(DOCK, '.ut-agent .ut-composer button[type="submit"]');
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-msg-text'), (texts) => texts.includes(reply), 15_000, 'the reply in the panel');
    expect(await customerSide(agentDesk, conversation)).not.toContain(reply);
  });

  it('puts a suggestion into the reply box without sending it', async () => {
    const suggestion = `I have refunded the shipping cost (${name})`;
    await supervisorDesk.clickIn(PANEL, '.ut-mode input[value="suggestion"]');
    await supervisorDesk.fillIn(PANEL, '.ut-whisper-composer textarea', suggestion);
    await supervisorDesk.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg--suggestion .ut-msg-text'), (texts) => texts.includes(suggestion), 15_000, 'the suggestion');
    await agentDesk.clickIn(DOCK, '.ut-msg--suggestion .ut-insert');
    await agentDesk.waitFor((text) => document.querySelector('.hd-composer__editor')?.textContent?.includes(text as string) ?? false, suggestion);
    // Still only a draft: the editor took the text into its own state (its Send button came on), and nothing was sent.
    await agentDesk.waitFor(() => !(document.querySelector('.hd-composer__send') as HTMLButtonElement | null)?.disabled, null);
    expect(helpdesk.conversationsOf(demoAgent).find((c) => c.id === conversation)!.messages.map((m) => m.text)).not.toContain(suggestion);
    expect(await agentDesk.evaluate(() => document.querySelector('.hd-chat__log')?.textContent ?? '')).not.toContain(suggestion);
  });

  it("orders the board by attention: a frustrated customer's chat above a calm one, with reasons in words", async () => {
    const start = (customer: string) => helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer, angry: false, topic: 'order' });
    const calm = (await start(`Casey ${name}`)).id;
    await helpdesk.customerWrites(calm, 'Thank you, that answers my question. Have a nice day!');
    const frustrated = (await start(`Frankie ${name}`)).id;
    await helpdesk.customerWrites(frustrated, 'I have not received my order and it has been three weeks.');
    await helpdesk.customerWrites(frustrated, 'Still nothing, and nobody answers my emails.');
    const rowId = (id: string) => `${people.agent.id}/${id}`;
    const reasonsOf = (id: string) => supervisorDesk.textsIn(PANEL, `.ut-chat[data-chat-id="${rowId(id)}"] .ut-reasons li`);
    const board = () =>
      supervisorDesk.inShadow('undertone-supervisor', (root) =>
        [...(root?.querySelectorAll('.ut-chat') ?? [])].map(
          (row) => `${row.getAttribute('data-chat-id')} ${row.querySelector('.ut-mood')?.className ?? ''} ${row.querySelector('.ut-reasons')?.textContent ?? ''}`,
        ),
      );
    try {
      // The agent's browser assesses the chats whose messages its tab has read: the agent looks at each.
      await agentDesk.click(`.hd-inbox__item[data-conv-id="${frustrated}"]`);
      const reasons = await poll(() => reasonsOf(frustrated), (texts) => texts.includes('frustrated'), 20_000, 'the frustrated chat assessed on the board');
      // Reasons are fixed phrases: never the customer's words.
      expect(reasons.join(' ')).not.toMatch(/received|emails|three weeks/);
      await agentDesk.click(`.hd-inbox__item[data-conv-id="${calm}"]`);
      await agentDesk.waitFor((chat) => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') === chat, calm);
      const order = await poll(
        board,
        (rows) => {
          const at = (id: string) => rows.findIndex((row) => row.startsWith(`${rowId(id)} `));
          return at(calm) !== -1 && at(frustrated) !== -1 && at(frustrated) < at(calm);
        },
        20_000,
        'the frustrated chat above the calm one',
      );
      expect(order.find((row) => row.startsWith(`${rowId(frustrated)} `))).toMatch(/ut-mood--(at_risk|angry)/);
    } finally {
      // The agent back in the first chat, as the tests after this one expect.
      await agentDesk.click(`.hd-inbox__item[data-conv-id="${conversation}"]`);
      await agentDesk.waitFor((chat) => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') === chat, conversation);
    }
  });

  it('alerts the supervisor of a help request', async () => {
    const reason = `Customer wants a manager (${name})`;
    await agentDesk.clickIn(DOCK, '.ut-ask-help');
    await agentDesk.fillIn(DOCK, '.ut-help-form input', reason);
    await agentDesk.clickIn(DOCK, '.ut-help-form button[type="submit"]');
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-msg-text'), (texts) => texts.includes(reason), 15_000, 'the help request in the thread');
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-flag--help'), (flags) => flags.length > 0, 15_000, 'the help flag');
  });

  it('lets a second supervisor see who listens', async () => {
    const kim = await SupervisorClient.connect(relay.httpUrl, await relay.issueToken(secondSupervisor.id));
    try {
      kim.send({ type: 'board_subscribe' });
      const chat = await poll(async () => kim.board().find((c) => c.key === conversation), (c) => (c?.listeners.length ?? 0) > 0, 15_000, 'the listened chat');
      expect(chat!.listeners.map((l) => l.name)).toEqual(['Sam Supervisor']);
    } finally {
      kim.stop();
    }
  });

  it('renders hostile text in whispers and transcripts as text and runs none of it', async () => {
    const hostileWhisper = `<img src=x onerror="document.title='pwned-${name}'">`;
    const hostileCustomer = `<script>document.title='pwned2-${name}'</script><b>bold</b>`;
    await supervisorDesk.clickIn(PANEL, '.ut-mode input[value="whisper"]');
    await supervisorDesk.fillIn(PANEL, '.ut-whisper-composer textarea', hostileWhisper);
    await supervisorDesk.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
    await helpdesk.customerWrites(conversation, hostileCustomer);
    await poll(() => agentDesk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.includes(hostileWhisper), 15_000, 'the hostile whisper as text');
    await poll(() => supervisorDesk.textsIn(PANEL, '.ut-line-text'), (lines) => lines.includes(hostileCustomer), 15_000, 'the hostile transcript line as text');
    for (const [page, host] of [[agentDesk, DOCK], [supervisorDesk, PANEL]] as const) {
      const found = await page.inShadow(host, (root) => ({ title: document.title, injected: root?.querySelectorAll('img, script, b').length ?? -1 }));
      expect(found.injected).toBe(0);
      expect(found.title).not.toMatch(/pwned/);
    }
  });

  it('notifies the supervisor on the desktop of a help request when the panel is not in front', async () => {
    const elsewhere = await supervisorBrowser.openExtensionPage('options.html');
    try {
      // Headless Firefox closes a notification as soon as it is shown, so the page also notes the ones it saw close.
      await elsewhere.evaluate(() => {
        type Api = { notifications: { onClosed: { addListener(f: (id: string) => void): void } } };
        const scope = globalThis as unknown as { browser?: Api; chrome: Api; utClosed?: string[] };
        scope.utClosed = [];
        (scope.browser ?? scope.chrome).notifications.onClosed.addListener((id) => scope.utClosed!.push(id));
      });
      const reason = `Second help request (${name})`;
      await agentDesk.clickIn(DOCK, '.ut-ask-help');
      await agentDesk.fillIn(DOCK, '.ut-help-form input', reason);
      await agentDesk.clickIn(DOCK, '.ut-help-form button[type="submit"]');
      const ids = await poll(
        () =>
          elsewhere.evaluate(async () => {
            type Api = { notifications: { getAll(): Promise<Record<string, unknown>> } };
            const scope = globalThis as unknown as { browser?: Api; chrome: Api; utClosed: string[] };
            return [...new Set([...Object.keys(await (scope.browser ?? scope.chrome).notifications.getAll()), ...scope.utClosed])];
          }),
        (list) => list.some((id) => id.startsWith('undertone:help-message:')),
        15_000,
        'a help notification',
      );
      expect(ids.filter((id) => id.startsWith('undertone:help-message:'))).toHaveLength(1);
    } finally {
      await elsewhere.close();
    }
  });
});
