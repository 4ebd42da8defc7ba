// @vitest-environment happy-dom
// Every UI string comes from public/_locales/en/messages.json: each key the components ask for exists, each key is used.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentCoachingPanel, SupervisorPanel, UnreadCountBadge } from '../../../components/coaching/index.ts';
import { boardChatId, englishMessages, translateEnglish, type MessageKey, type Translate } from '../../../lib/coaching/index.ts';
import { ConsoleNotice } from '../../../components/coaching/console-notice.tsx';
import { CustomerSendReasonSchema } from '../../../lib/protocol/index.ts';
import { CustomerSendConsent } from '../../../components/coaching/customer-send-consent.tsx';
import { customerSendLineOf } from '../../../components/coaching/customer-send-line.ts';
import type { CustomerSendReason } from '../../../lib/protocol/index.ts';
import { ADA, buttonNamed, chat, choose, click, message, mount, q, SAM, T0, type Mounted } from './coaching-fixtures.tsx';
import { dockTexts } from '../../../lib/extension/page/dock-texts.ts';

const catalogue = JSON.parse(await readFile(join(process.cwd(), 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; description?: string; placeholders?: Record<string, { content: string }> }
>;

let mounted: Mounted[] = [];
afterEach(() => {
  for (const m of mounted) m.unmount();
  mounted = [];
});

describe('public/_locales/en/messages.json', () => {
  it('is valid chrome.i18n: names, non-empty messages, placeholders used and defined', () => {
    expect(Object.keys(catalogue).length).toBeGreaterThan(50);
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(entry.message.trim(), key).not.toBe('');
      expect(entry.description, key).toBeTruthy();
      const used = new Set([...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase()));
      const defined = new Set(Object.keys(entry.placeholders ?? {}).map((n) => n.toLowerCase()));
      expect([...used].sort(), key).toEqual([...defined].sort());
      for (const p of Object.values(entry.placeholders ?? {})) expect(p.content, key).toMatch(/^\$[1-9]$/);
    }
  });

  it('is the English text the components default to', () => {
    expect(englishMessages).toEqual(catalogue);
  });

  it('names every key that the sources pass to t() literally', async () => {
    const dir = join(process.cwd(), 'components/coaching');
    const keys = new Set<string>();
    for (const file of (await readdir(dir)).filter((f) => /\.tsx?$/.test(f))) {
      const source = await readFile(join(dir, file), 'utf8');
      for (const m of source.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(40);
    for (const key of keys) expect(catalogue, key).toHaveProperty(key);
  });

  it('covers every string the components render in all their states, and has no unused key', () => {
    const asked = new Set<string>();
    const t: Translate = (key, substitutions) => {
      asked.add(key);
      return translateEnglish(key, substitutions);
    };
    const render = (ui: preact.ComponentChild) => {
      const m = mount(ui);
      mounted.push(m);
      return m.container;
    };
    const lee = { id: 'usr_lee', name: 'Lee Park', role: 'admin' as const };
    const noop = () => {};
    const agentProps = { selfId: ADA.id, onInsertSuggestion: noop, onReply: noop, onAskHelp: noop, onMarkRead: noop, t };

    // Agent panel: every kind, unread, one and many listeners, help pending, help form, collapsed, not recognised.
    const thread = [
      message({ kind: 'whisper', createdAt: 1 }),
      message({ kind: 'suggestion', createdAt: 2 }),
      message({ kind: 'reply', createdAt: 3 }),
      message({ kind: 'help', createdAt: 4 }),
    ];
    const agent = render(<AgentCoachingPanel {...agentProps} messages={thread} listeners={[SAM]} customerName="Jo" />);
    click(buttonNamed(agent, 'Ask for help'));
    render(<AgentCoachingPanel {...agentProps} messages={[]} listeners={[SAM, lee]} />);
    const collapsed = render(<AgentCoachingPanel {...agentProps} messages={thread} listeners={[SAM]} />);
    click(q(collapsed, '.ut-toggle'));
    render(<AgentCoachingPanel {...agentProps} messages={thread} listeners={[SAM, lee]} collapsed />);
    render(<AgentCoachingPanel {...agentProps} state="unrecognised" messages={[]} listeners={[]} />);
    // Messages to the customer: sending, sent, each reason not sent; the agent's consent in each mode.
    const agentReasons: CustomerSendReason[] = ['policy_off', 'not_allowed_here', 'agent_typing', 'no_send_action', 'editor_did_not_take', 'not_confirmed', 'chat_not_open'];
    const agentSide = [message({ kind: 'customer', createdAt: 5 }), ...agentReasons.map((reason, i) => message({ kind: 'customer', createdAt: 6 + i, customerSend: { outcome: 'not_sent', reason, at: 1 } }))];
    const sentOne = message({ kind: 'customer', createdAt: 20, customerSend: { outcome: 'sent', at: 1 } });
    render(
      <AgentCoachingPanel
        {...agentProps}
        messages={[...agentSide, sentOne]}
        listeners={[]}
        customerSendLine={(m) => customerSendLineOf(m, m.id === agentSide[0]!.id ? { state: 'sending' } : undefined, t)}
      />,
    );
    for (const mode of [
      { mode: 'ask' as const, policy: 'ask' as const, consented: false },
      { mode: 'allowed' as const, policy: 'ask' as const, consented: true },
      { mode: 'allowed' as const, policy: 'allowed' as const, consented: false },
    ]) {
      render(<CustomerSendConsent t={t} mode={mode} guestNames={[]} onAllow={noop} />);
    }
    render(<UnreadCountBadge count={1} t={t} />);
    render(<UnreadCountBadge count={2} t={t} />);

    // Supervisor panel: each mood level and trend, help, waits, offline agent, listeners, alerts of each kind.
    const chats = [
      chat({ key: 'good', mood: { score: 0.6, level: 'good', reasons: ['thanks'] }, listeners: [lee] }),
      chat({ key: 'neutral' }),
      chat({ key: 'risk', mood: { score: -0.3, level: 'at_risk', reasons: [] }, waitingSince: T0 - 300_000 }),
      chat({ key: 'angry', mood: { score: -0.8, level: 'angry', reasons: [] }, helpRequested: true, agentId: 'usr_ben', agentName: 'Ben' }),
    ];
    const history = { [boardChatId(chats[0]!)]: [0.1], [boardChatId(chats[3]!)]: [0] };
    const supervisorProps = { selfId: SAM.id, teams: [{ id: 'team_a', name: 'A' }, { id: 'team_z', name: 'Z' }], t, now: () => T0 };
    const callbacks = { onListen: noop, onStopListening: noop, onWhisper: noop, onClose: noop };
    const board = render(
      <SupervisorPanel
        {...supervisorProps}
        {...callbacks}
        chats={chats}
        moodHistory={history}
        agents={[{ id: 'usr_ben', name: 'Ben', teamIds: ['team_a'], online: false }]}
      />,
    );
    choose(board.querySelector('select')!, 'team_z');
    click(q(board, '.ut-alerts-toggle'));
    click(q(board, '.ut-alerts-toggle'));
    const empty = render(<SupervisorPanel {...supervisorProps} {...callbacks} chats={[]} connection="reconnecting" onOpenInTab={noop} />);
    click(q(empty, '.ut-alerts-toggle'));
    // Agents whose helpdesk page is not recognised: one, and several with every kind of missing part.
    const unhealthy = (agentId: string, parts: ('chat_view' | 'transcript' | 'conversation_key' | 'adapter_run')[]) => ({ agentId, agentName: agentId, since: T0, adapters: [{ id: 'acme', name: 'Acme Desk', parts }] });
    render(<SupervisorPanel {...supervisorProps} {...callbacks} chats={[]} pageHealth={[unhealthy('u1', ['transcript'])]} />);
    render(<SupervisorPanel {...supervisorProps} {...callbacks} chats={[]} pageHealth={[unhealthy('u1', ['chat_view', 'conversation_key']), unhealthy('u2', ['adapter_run'])]} />);
    const transcript = [
      { id: 'a', op: 'add' as const, author: 'customer' as const, text: 'hi', at: T0 },
      { id: 'b', op: 'edit' as const, author: 'agent' as const, text: 'hello', at: T0 },
      { id: 'c', op: 'add' as const, author: 'system' as const, text: 'joined', at: T0 },
    ];
    const listen = render(
      <SupervisorPanel
        {...supervisorProps}
        {...callbacks}
        chats={chats}
        listening={{ agentId: 'usr_ben', conversationKey: 'angry' }}
        transcript={transcript}
        thread={thread}
        pendingIds={new Set([thread[0]!.id])}
      />,
    );
    void act(() => (listen.querySelector('input[value="suggestion"]') as HTMLInputElement).click());
    // Send to customer: the mode where the chat allows it, the note under "ask", a message in each state.
    const toCustomer = [
      message({ kind: 'customer' }),
      message({ kind: 'customer', customerSend: { outcome: 'sent', at: T0 } }),
      message({ kind: 'customer', customerSend: { outcome: 'not_sent', at: T0 } }),
      ...CustomerSendReasonSchema.options.map((reason) => message({ kind: 'customer', customerSend: { outcome: 'not_sent', reason, at: T0 } })),
    ];
    const allowed = render(
      <SupervisorPanel
        {...supervisorProps}
        {...callbacks}
        chats={[chat({ key: 'send', customerSend: 'allowed' })]}
        listening={{ agentId: ADA.id, conversationKey: 'send' }}
        thread={toCustomer}
      />,
    );
    void act(() => (allowed.querySelector('input[value="customer"]') as HTMLInputElement).click());
    render(<SupervisorPanel {...supervisorProps} {...callbacks} chats={[chat({ key: 'ask', customerSend: 'ask' })]} listening={{ agentId: ADA.id, conversationKey: 'ask' }} />);
    render(<SupervisorPanel {...supervisorProps} {...callbacks} chats={[]} listening={{ agentId: ADA.id, conversationKey: 'gone' }} />);
    render(<ConsoleNotice t={t} theme="light" text={t('consoleSignedOut')} action={{ label: t('consoleOpenOptions'), run: noop }} />);
    render(<ConsoleNotice t={t} theme="light" text={t('consoleAgentOnly')} />);
    // The docked thread's own lines, built by the content script (lib/extension/page/dock-texts.ts).
    const dock = dockTexts(t);
    dock.chatIdMark('c-1');
    dock.reconnecting();
    dock.otherHelpdeskUser({ helpdeskName: 'Sam Lee', undertoneName: 'Maria Garcia' });
    // The tooltip of the unread badges beside the helpdesk's own chat list (entrypoints/content/index.ts).
    t('unreadBadgeOne');
    t('unreadBadgeMany', '2');

    const missing = [...asked].filter((key) => !(key in catalogue));
    expect(missing).toEqual([]);
    const unused = Object.keys(catalogue).filter((key) => !asked.has(key as MessageKey));
    expect(unused).toEqual([]);
  });
});
