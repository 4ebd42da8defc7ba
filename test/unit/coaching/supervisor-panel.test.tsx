// @vitest-environment happy-dom
// The supervisor panel: board order and filters, ticking times, mood trend, keyboard selection, alerts, listen-in.
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SupervisorPanel, type SupervisorPanelProps } from '../../../components/coaching/index.ts';
import { boardChatId } from '../../../lib/coaching/index.ts';
import { ADA, buttonNamed, chat, choose, click, message, mount, press, q, SAM, T0, type, type Mounted } from './coaching-fixtures.tsx';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const BEN = { id: 'usr_ben', name: 'Ben Ng' };
const TEAMS = [
  { id: 'team_a', name: 'Billing' },
  { id: 'team_b', name: 'Tech' },
];

function boardChats() {
  return [
    chat({ key: 'calm', customer: 'Cal', startedAt: T0 - 65_000 }),
    chat({ key: 'angry', customer: 'Ang', mood: { score: -0.7, level: 'angry', reasons: ['asks for a manager', 'waiting 3 min'] } }),
    chat({ key: 'help', customer: 'Hel', agentId: BEN.id, agentName: BEN.name, teamIds: ['team_b'], helpRequested: true }),
    chat({ key: 'wait', customer: 'Wai', agentId: BEN.id, agentName: BEN.name, teamIds: ['team_b'], waitingSince: T0 - 200_000 }),
  ];
}

function panel(over: Partial<SupervisorPanelProps> = {}) {
  const props: SupervisorPanelProps = {
    selfId: SAM.id,
    chats: boardChats(),
    teams: TEAMS,
    now: () => T0,
    onListen: vi.fn(),
    onStopListening: vi.fn(),
    onWhisper: vi.fn(),
    onMarkRead: vi.fn(),
    ...over,
  };
  mounted = mount(<SupervisorPanel {...props} />);
  return { props, root: mounted.container };
}

const customers = (root: ParentNode) => [...root.querySelectorAll('[role="option"] .ut-chat-customer')].map((n) => n.textContent);

describe('SupervisorPanel board', () => {
  it('lists chats in a labelled listbox, most attention first', () => {
    const { root } = panel();
    const board = q(root, '[role="listbox"]');
    expect(board.getAttribute('aria-label')).toBe('Active chats, most urgent first');
    expect(customers(root)).toEqual(['Hel', 'Ang', 'Wai', 'Cal']);
    expect(q(root, '[data-chat-id="usr_ben/help"] .ut-flag--help').textContent).toBe('Help requested');
  });

  it('shows duration and wait from the injected clock', () => {
    const { root, props } = panel();
    const row = q(root, '[data-chat-id="usr_ada/calm"]');
    expect(q(row, '.ut-duration').textContent).toBe('Chat 1:05');
    expect(q(row, '.ut-wait').textContent).toBe('Answered');
    const wait = () => q(root, '[data-chat-id="usr_ben/wait"] .ut-wait');
    expect(wait().textContent).toBe('Waiting 3:20');
    expect(wait().classList.contains('ut-wait--long')).toBe(true);
    mounted!.rerender(<SupervisorPanel {...props} now={() => T0 + 3_600_000} />);
    expect(q(root, '[data-chat-id="usr_ada/calm"] .ut-duration').textContent).toBe('Chat 1:01:05');
    expect(wait().textContent).toBe('Waiting 1:03:20');
  });

  it('re-reads the clock every second on its own', () => {
    vi.useFakeTimers();
    try {
      let clock = T0;
      const { root } = panel({ now: () => clock });
      clock = T0 + 5_000;
      void act(() => {
        vi.advanceTimersByTime(1_000);
      });
      expect(q(root, '[data-chat-id="usr_ada/calm"] .ut-duration').textContent).toBe('Chat 1:10');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the mood level with its trend from earlier scores, and its reasons', () => {
    const angry = boardChats()[1]!;
    const { root } = panel({ moodHistory: { [boardChatId(angry)]: [0.1, -0.2] } });
    const row = q(root, `[data-chat-id="${boardChatId(angry)}"]`);
    expect(q(row, '.ut-mood').textContent).toBe('↓ Mood Angry, worsening');
    expect(q(row, '.ut-mood').getAttribute('data-trend')).toBe('falling');
    const reasons = q(row, '.ut-reasons');
    expect(row.getAttribute('aria-describedby')).toBe(reasons.id);
    expect([...reasons.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['asks for a manager', 'waiting 3 min']);
    expect(q(root, '[data-chat-id="usr_ada/calm"] .ut-mood').textContent).toBe('→ Mood Neutral, steady');
  });

  it('names who listens to a chat', () => {
    const chats = boardChats();
    chats[3] = { ...chats[3]!, listeners: [SAM, { id: 'usr_lee', name: 'Lee Park', role: 'admin' }] };
    const { root } = panel({ chats });
    expect(q(root, '[data-chat-id="usr_ben/wait"] .ut-chat-listeners').textContent).toBe('Listening: Sam Cho, Lee Park');
  });

  it('filters by team and agent, and says when nothing matches', () => {
    const { root } = panel();
    const [team, agent] = [...root.querySelectorAll('select')] as HTMLSelectElement[];
    choose(team!, 'team_b');
    expect(customers(root)).toEqual(['Hel', 'Wai']);
    expect([...agent!.options].map((o) => o.textContent)).toEqual(['All agents', 'Ben Ng']);
    choose(team!, '');
    choose(agent!, ADA.id);
    expect(customers(root)).toEqual(['Ang', 'Cal']);
    choose(team!, 'team_b');
    expect(agent!.value).toBe('');
    expect(customers(root)).toEqual(['Hel', 'Wai']);
    mounted!.unmount();
    const none = panel({ chats: [] });
    expect(none.root.textContent).toContain('No active chats.');
  });

  it('moves through the board with the arrow keys and listens with Enter or a click', () => {
    const { root, props } = panel();
    const board = q(root, '[role="listbox"]');
    expect(board.tabIndex).toBe(0);
    const activeCustomer = () => root.querySelector(`#${CSS.escape(board.getAttribute('aria-activedescendant') ?? '')} .ut-chat-customer`)?.textContent;
    expect(activeCustomer()).toBe('Hel');
    press(board, 'ArrowDown');
    press(board, 'ArrowDown');
    expect(activeCustomer()).toBe('Wai');
    expect(q(root, '[aria-selected="true"] .ut-chat-customer').textContent).toBe('Wai');
    press(board, 'End');
    expect(activeCustomer()).toBe('Cal');
    press(board, 'ArrowDown');
    expect(activeCustomer()).toBe('Cal');
    press(board, 'Home');
    press(board, 'ArrowUp');
    expect(activeCustomer()).toBe('Hel');
    press(board, 'ArrowDown');
    press(board, 'Enter');
    expect(props.onListen).toHaveBeenCalledWith({ agentId: ADA.id, conversationKey: 'angry' });
    click(q(root, '[data-chat-id="usr_ada/calm"]'));
    expect(props.onListen).toHaveBeenLastCalledWith({ agentId: ADA.id, conversationKey: 'calm' });
  });

  it('moves keyboard focus to the composer on listening and back to the board on leaving', () => {
    const { root, props } = panel();
    const board = q(root, '[role="listbox"]');
    board.focus();
    press(board, 'Enter');
    const listening = { agentId: BEN.id, conversationKey: 'help' };
    expect(props.onListen).toHaveBeenCalledWith(listening);
    mounted!.rerender(<SupervisorPanel {...props} listening={listening} />);
    const box = q<HTMLTextAreaElement>(root, 'textarea');
    expect(document.activeElement).toBe(box);
    press(box, 'Escape');
    expect(props.onStopListening).toHaveBeenCalledWith(listening);
    mounted!.rerender(<SupervisorPanel {...props} listening={null} />);
    expect(document.activeElement).toBe(q(root, '[role="listbox"]'));
  });

  it('Escape on the board closes the panel when it can be closed', () => {
    const onClose = vi.fn();
    const { root } = panel({ onClose });
    press(q(root, '[role="listbox"]'), 'Escape');
    expect(onClose).toHaveBeenCalledTimes(1);
    click(buttonNamed(root, 'Close'));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('fills its host and takes the theme', () => {
    const { root } = panel({ theme: 'dark' });
    expect(q(root, '.ut-super').getAttribute('data-theme')).toBe('dark');
  });
});

describe('SupervisorPanel alerts', () => {
  it('lists help requests, mood drops and long waits; Listen and Dismiss act on one alert', () => {
    const chats = boardChats();
    const angry = chats[1]!;
    const { root, props } = panel({ chats, moodHistory: { [boardChatId(angry)]: [0.2] }, waitAlertSeconds: 120 });
    // Folded into a count until opened.
    expect(root.querySelector('.ut-alert')).toBeNull();
    expect(q(root, '.ut-alerts-toggle').textContent).toBe('Alerts: 3');
    click(q(root, '.ut-alerts-toggle'));
    const alerts = () => [...root.querySelectorAll('.ut-alert')].map((li) => li.getAttribute('data-alert-kind'));
    expect(alerts()).toEqual(['help', 'mood_drop', 'long_wait']);
    expect(q(root, '.ut-alert--help .ut-alert-text').textContent).toBe('Ben Ng asked for help with Hel #help');
    expect(q(root, '.ut-alert--long_wait .ut-alert-text').textContent).toBe('Wai #wait has waited 3:20 for Ben Ng');
    click(buttonNamed(q(root, '.ut-alert--help'), 'Listen'));
    expect(props.onListen).toHaveBeenCalledWith({ agentId: BEN.id, conversationKey: 'help' });
    click(q(root, '.ut-alerts-toggle'));
    click(buttonNamed(q(root, '.ut-alert--mood_drop'), 'Dismiss'));
    expect(alerts()).toEqual(['help', 'long_wait']);
    expect(q(root, '.ut-alerts-toggle').textContent).toBe('Hide alerts');
  });

  it('uses the wait threshold it is given', () => {
    const { root } = panel({ waitAlertSeconds: 600 });
    click(q(root, '.ut-alerts-toggle'));
    expect(root.querySelector('.ut-alert--help')).not.toBeNull();
    expect(root.querySelector('.ut-alert--long_wait')).toBeNull();
    expect(root.querySelector('[data-chat-id="usr_ben/wait"] .ut-wait--long')).toBeNull();
  });
});

describe('SupervisorPanel listen-in', () => {
  const listening = { agentId: ADA.id, conversationKey: 'angry' };
  const transcript = [
    { id: 'e1', op: 'add' as const, author: 'customer' as const, text: 'Where is my order?', at: T0 },
    { id: 'e2', op: 'edit' as const, author: 'agent' as const, text: 'Let me check.', at: T0 },
    { id: 'e3', op: 'add' as const, author: 'system' as const, text: 'Chat transferred', at: T0 },
  ];

  it('shows the transcript as a polite log with author styling, and the whisper thread', () => {
    const reply = message({ kind: 'reply', conversationKey: 'angry', text: 'Thanks' });
    const { root } = panel({ listening, transcript, thread: [reply] });
    // The board stays beside the listen-in where there is room (CSS hides it below 720 px).
    expect(q(root, '.ut-super').classList.contains('ut-super--listening')).toBe(true);
    expect(q(root, '.ut-listen .ut-title').textContent).toBe('Ang with Ada Agent');
    expect(q(root, '.ut-listen .ut-chat-id').textContent).toBe('#angry');
    const logs = [...root.querySelectorAll('[role="log"]')];
    expect(logs.map((l) => l.getAttribute('aria-label'))).toEqual(['Live transcript', 'Coaching thread']);
    expect(logs.every((l) => l.getAttribute('aria-live') === 'polite')).toBe(true);
    const lines = [...root.querySelectorAll('.ut-line')];
    expect(lines.map((l) => l.className)).toEqual(['ut-line ut-line--customer', 'ut-line ut-line--agent', 'ut-line ut-line--system']);
    expect(lines.map((l) => l.querySelector('.ut-line-author')?.textContent)).toEqual(['Customer', 'Agent', 'System']);
    expect(lines[1]?.querySelector('.ut-line-edited')?.textContent).toBe('edited');
    expect(q(root, '.ut-msg--reply .ut-msg-text').textContent).toBe('Thanks');
    expect(q(root, '.ut-msg--reply .ut-msg-from').textContent).toBe('Ada Agent');
  });

  it('sends whispers or suggestions as the toggle says', () => {
    const { root, props } = panel({ listening, transcript });
    const box = q<HTMLTextAreaElement>(root, 'textarea');
    expect(box.placeholder).toBe('Whisper to the agent…');
    expect(q(root, '.ut-composer label.ut-label').textContent).toBe('Message to Ada Agent');
    type(box, 'Acknowledge the delay');
    press(box, 'Enter');
    expect(props.onWhisper).toHaveBeenCalledWith('Acknowledge the delay', 'whisper', listening);
    const suggestion = q<HTMLInputElement>(root, 'input[type="radio"][value="suggestion"]');
    click(suggestion);
    expect(suggestion.checked).toBe(true);
    expect(box.placeholder).toBe('Suggest a reply…');
    expect(root.textContent).toContain('The agent can insert it into the reply.');
    type(box, 'I am sorry for the wait.');
    click(buttonNamed(root, 'Send'));
    expect(props.onWhisper).toHaveBeenLastCalledWith('I am sorry for the wait.', 'suggestion', listening);
    click(q(root, 'input[type="radio"][value="whisper"]'));
    type(box, 'back to whispers');
    press(box, 'Enter');
    expect(props.onWhisper).toHaveBeenLastCalledWith('back to whispers', 'whisper', listening);
  });

  it('offers "Send to customer" only where the chat allows it, asks the agent under "ask", and returns to Whisper after a send', () => {
    const withMode = (customerSend?: 'off' | 'ask' | 'allowed') =>
      boardChats().map((c) => (c.key === 'angry' ? { ...c, ...(customerSend ? { customerSend } : {}) } : c));
    const modes = (root: ParentNode) => [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].map((r) => r.value);
    const { root, props } = panel({ listening, transcript, chats: withMode('off') });
    expect(modes(root)).toEqual(['whisper', 'suggestion']);
    expect(root.querySelector('.ut-mode-ask')).toBeNull();
    mounted!.rerender(<SupervisorPanel {...props} chats={withMode('ask')} />);
    expect(modes(root)).toEqual(['whisper', 'suggestion']);
    expect(q(root, '.ut-mode-ask').textContent).toBe('Ask Ada Agent to let you reply to the customer');
    mounted!.rerender(<SupervisorPanel {...props} chats={withMode('allowed')} />);
    expect(modes(root)).toEqual(['whisper', 'suggestion', 'customer']);
    expect(root.querySelector('.ut-mode-ask')).toBeNull();
    const customer = q<HTMLInputElement>(root, 'input[type="radio"][value="customer"]');
    expect(customer.parentElement?.textContent).toBe('Send to customer');
    click(customer);
    const box = q<HTMLTextAreaElement>(root, 'textarea');
    expect(box.placeholder).toBe('Write what the customer will read…');
    type(box, 'Your refund is on its way.');
    press(box, 'Enter');
    expect(props.onWhisper).toHaveBeenLastCalledWith('Your refund is on its way.', 'customer', listening);
    expect(q<HTMLInputElement>(root, 'input[type="radio"][value="whisper"]').checked).toBe(true);
    // Picked, then taken back by the agent: the mode goes and what is sent next is a whisper.
    click(q(root, 'input[type="radio"][value="customer"]'));
    mounted!.rerender(<SupervisorPanel {...props} chats={withMode(undefined)} />);
    expect(modes(root)).toEqual(['whisper', 'suggestion']);
    type(box, 'keep going');
    press(box, 'Enter');
    expect(props.onWhisper).toHaveBeenLastCalledWith('keep going', 'whisper', listening);
  });

  it('shows where each message to the customer stands, in words, as text', () => {
    const thread = [
      message({ kind: 'customer', agentId: ADA.id, conversationKey: 'angry', text: '<b>one</b>' }),
      message({ kind: 'customer', agentId: ADA.id, conversationKey: 'angry', customerSend: { outcome: 'sent', at: T0 } }),
      message({ kind: 'customer', agentId: ADA.id, conversationKey: 'angry', customerSend: { outcome: 'not_sent', reason: 'agent_typing', at: T0 } }),
      message({ kind: 'whisper', agentId: ADA.id, conversationKey: 'angry' }),
    ];
    const { root } = panel({ listening, transcript, thread });
    const states = [...root.querySelectorAll('.ut-msg-customer')].map((n) => n.textContent);
    expect(states).toEqual(['Sending to customer…', 'Sent to customer', 'Not sent: Ada Agent was typing']);
    expect(q(root, '.ut-msg--customer .ut-msg-kind').textContent).toBe('To the customer');
    expect(q(root, '.ut-msg--customer .ut-msg-text').textContent).toBe('<b>one</b>');
    expect(root.querySelector('.ut-msg--customer b')).toBeNull();
  });

  it('shows the relay\'s words for a refused send as text', () => {
    const { root } = panel({ listening, transcript, refusal: '<b>Ada Agent</b> has not allowed replies to the customer in this chat' });
    expect(q(root, '.ut-refusal').textContent).toBe('<b>Ada Agent</b> has not allowed replies to the customer in this chat');
    expect(root.querySelector('.ut-refusal b')).toBeNull();
  });

  it('stops listening with the button or Escape', () => {
    const { root, props } = panel({ listening, transcript });
    click(buttonNamed(root, 'Stop listening'));
    expect(props.onStopListening).toHaveBeenCalledWith(listening);
    press(q(root, '[role="log"]'), 'Escape');
    expect(props.onStopListening).toHaveBeenCalledTimes(2);
  });

  it('reports unread thread messages read when the thread is focused', () => {
    const whisper = message({ kind: 'whisper', from: { id: 'usr_lee', name: 'Lee Park', role: 'admin' } });
    const mine = message({ kind: 'whisper' });
    const { root, props } = panel({ listening, thread: [whisper, mine] });
    const thread = [...root.querySelectorAll('[role="log"]')][1]!;
    thread.dispatchEvent(new FocusEvent('focus'));
    expect(props.onMarkRead).toHaveBeenCalledWith([whisper.id], listening);
    expect(q(root, `[data-message-id="${mine.id}"] .ut-msg-from`).textContent).toBe('You');
  });

  it('says so when the listened chat has left the board', () => {
    const { root } = panel({ listening: { agentId: ADA.id, conversationKey: 'gone' } });
    expect(root.textContent).toContain('This chat has left the board.');
    expect(root.querySelector('textarea')).not.toBeNull();
  });
});
