// @vitest-environment happy-dom
// The console's own parts: search by customer, agent or chat id, the live figures, the reconnecting notice, a sent
// whisper marked "Sending…" until acknowledged, "Send as" back to Whisper after each send, "Open in a tab".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SupervisorPanel, type SupervisorPanelProps } from '../../../components/coaching/index.ts';
import { ADA, chat, click, message, mount, press, q, SAM, T0, type, type Mounted } from './coaching-fixtures.tsx';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const BEN = { id: 'usr_ben', name: 'Ben Ng' };

function chats() {
  return [
    chat({ key: 'c-101', customer: 'Zoë Martin', startedAt: T0 - 65_000 }),
    chat({ key: 'c-102', customer: 'Zoë Martin', agentId: BEN.id, agentName: BEN.name, waitingSince: T0 - 200_000, helpRequested: true }),
    chat({ key: 'c-103', customer: 'Omar Haddad', agentId: BEN.id, agentName: BEN.name, waitingSince: T0 - 30_000 }),
  ];
}

function panel(over: Partial<SupervisorPanelProps> = {}) {
  const props: SupervisorPanelProps = {
    selfId: SAM.id,
    chats: chats(),
    teams: [],
    now: () => T0,
    waitAlertSeconds: 120,
    onListen: vi.fn(),
    onStopListening: vi.fn(),
    onWhisper: vi.fn(),
    ...over,
  };
  mounted = mount(<SupervisorPanel {...props} />);
  return { props, root: mounted.container };
}

const rows = (root: ParentNode) => [...root.querySelectorAll('[role="option"]')].map((r) => r.getAttribute('data-chat-id'));
const figure = (root: ParentNode, name: string) => q(root, `[data-figure="${name}"] dd`).textContent;

describe('console board search', () => {
  it('finds chats by customer (ignoring case and accents), agent or chat id, and tells same-named customers apart', () => {
    const { root } = panel();
    const search = q<HTMLInputElement>(root, 'input[type="search"]');
    expect(search.labels?.[0]?.textContent ?? root.querySelector(`label[for="${search.id}"]`)?.textContent).toBe('Search customer or agent');
    type(search, 'zoe');
    expect(rows(root)).toEqual(['usr_ben/c-102', 'usr_ada/c-101']);
    expect([...root.querySelectorAll('.ut-chat-id')].map((n) => n.textContent)).toEqual(['#c-102', '#c-101']);
    type(search, 'zoe ben');
    expect(rows(root)).toEqual(['usr_ben/c-102']);
    type(search, 'C-103');
    expect(rows(root)).toEqual(['usr_ben/c-103']);
    type(search, 'nobody');
    expect(rows(root)).toEqual([]);
    expect(q(root, '.ut-empty').textContent).toBe('No chats match these filters.');
    press(search, 'Escape');
    expect(search.value).toBe('');
    expect(rows(root)).toHaveLength(3);
  });
});

describe('console live figures', () => {
  it('counts live chats, waiting customers, the longest wait and help requests', () => {
    const { root } = panel();
    expect(figure(root, 'live')).toBe('3');
    expect(figure(root, 'waiting')).toBe('2');
    expect(figure(root, 'longest-wait')).toBe('3:20');
    expect(figure(root, 'help')).toBe('1');
    expect(q(root, '[data-figure="longest-wait"]').classList.contains('ut-figure--alarm')).toBe(true);
    mounted!.rerender(<SupervisorPanel selfId={SAM.id} chats={[]} teams={[]} now={() => T0} onListen={vi.fn()} onStopListening={vi.fn()} onWhisper={vi.fn()} />);
    expect(figure(root, 'live')).toBe('0');
    expect(figure(root, 'longest-wait')).toBe('—');
  });
});

describe('console status', () => {
  it('says it is reconnecting while the relay is away, and nothing when connected', () => {
    const { root } = panel({ connection: 'reconnecting' });
    expect(q(root, '.ut-reconnecting[role="status"]').textContent).toBe('Reconnecting — your messages will be sent');
    mounted!.unmount();
    const connected = panel({ connection: 'connected' });
    expect(connected.root.querySelector('.ut-reconnecting')).toBeNull();
  });

  it('marks a whisper not yet acknowledged as sending', () => {
    const listening = { agentId: ADA.id, conversationKey: 'c-101' };
    const sent = message({ kind: 'whisper', id: 'pending~abc12345', from: SAM, conversationKey: 'c-101', text: 'Offer the refund' });
    const acked = message({ kind: 'whisper', id: 'msg_2', from: SAM, conversationKey: 'c-101', text: 'Earlier one' });
    const { root } = panel({ listening, thread: [acked, sent], pendingIds: new Set([sent.id]) });
    expect(q(root, '[data-message-id="pending~abc12345"] .ut-msg-sending').textContent).toBe('Sending…');
    expect(root.querySelector('[data-message-id="msg_2"] .ut-msg-sending')).toBeNull();
  });

  it('returns "Send as" to Whisper after a suggestion is sent', () => {
    const listening = { agentId: ADA.id, conversationKey: 'c-101' };
    const { root, props } = panel({ listening });
    click(q(root, 'input[type="radio"][value="suggestion"]'));
    const box = q<HTMLTextAreaElement>(root, 'textarea');
    type(box, 'Try this wording');
    press(box, 'Enter');
    expect(props.onWhisper).toHaveBeenLastCalledWith('Try this wording', 'suggestion', listening);
    expect(q<HTMLInputElement>(root, 'input[type="radio"][value="whisper"]').checked).toBe(true);
    type(box, 'And this');
    press(box, 'Enter');
    expect(props.onWhisper).toHaveBeenLastCalledWith('And this', 'whisper', listening);
  });

  it('offers "Open in a tab" only when given the way to do it', () => {
    const onOpenInTab = vi.fn();
    const { root } = panel({ onOpenInTab });
    click(q(root, '.ut-open-tab'));
    expect(onOpenInTab).toHaveBeenCalledTimes(1);
    mounted!.unmount();
    expect(panel().root.querySelector('.ut-open-tab')).toBeNull();
  });
});
