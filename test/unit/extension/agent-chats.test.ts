// The agent's chat state and transcript streaming: mood with the chat state, transcripts only while listened to,
// redacted, snapshots on a new listener, nothing when policy turns listen-in off.
import { describe, expect, it } from 'vitest';
import { AgentChats, LISTEN_IN_OFF_NOTICE, LISTEN_IN_OPTED_OUT_NOTICE } from '../../../lib/extension/agent-chats.ts';
import { compileRedactionPatterns } from '../../../lib/privacy/redaction.ts';
import type { ClientFrame, TranscriptEvent } from '../../../lib/protocol/index.ts';

const NOW = 1_800_000_000_000;
const conversation = (key: string, active: boolean) => ({ key, customer: `Customer ${key}`, startedAt: NOW - 60_000, lastCustomerAt: null, waitingSince: null, active });
const line = (id: string, author: TranscriptEvent['author'], text: string): TranscriptEvent => ({ id, op: 'add', author, text, at: NOW - 1000 });
const sam = { id: 'usr_sam', name: 'Sam', role: 'supervisor' as const };
const kim = { id: 'usr_kim', name: 'Kim', role: 'supervisor' as const };

function setup(listenInAllowed = true, patterns: string[] = []) {
  const sent: ClientFrame[] = [];
  const privacy = { listenInAllowed, rules: compileRedactionPatterns(patterns).rules };
  const chats = new AgentChats({ send: (f) => (sent.push(f), true), privacy: () => privacy, now: () => NOW, maxFrameBytes: 65_536 });
  const of = <T extends ClientFrame['type']>(type: T) => sent.filter((f): f is Extract<ClientFrame, { type: T }> => f.type === type);
  return { chats, sent, of, privacy };
}

describe('AgentChats', () => {
  it('publishes the open conversations with a mood assessed from the transcript, and only when something changed', async () => {
    const t = setup();
    t.chats.updateTab(1, [conversation('c1', true), conversation('c2', false)]);
    t.chats.transcript({ conversationKey: 'c1', snapshot: true, messages: [line('m1', 'customer', 'This is UNACCEPTABLE, I want a refund NOW!!'), line('m2', 'agent', 'Sorry')] });
    await t.chats.moodsSettled();
    t.chats.updateTab(1, [conversation('c1', true), conversation('c2', false)]);
    await t.chats.moodsSettled();
    const states = t.of('chat_state');
    // First the chats as they are (mood not yet assessed), then once with the assessed moods; nothing after that.
    expect(states).toHaveLength(2);
    expect(states[0]!.conversations.map((c) => c.mood.level)).toEqual(['neutral', 'neutral']);
    const c1 = states[1]!.conversations.find((c) => c.key === 'c1')!;
    expect(['at_risk', 'angry']).toContain(c1.mood.level);
    expect(c1.mood.reasons.join(' ')).not.toMatch(/unacceptable|refund now/i);
    expect(states[1]!.conversations.find((c) => c.key === 'c2')!.mood.level).toBe('neutral');
    expect(t.of('transcript')).toEqual([]);
  });

  it('sends a redacted snapshot when a listener arrives, then incremental events, and stops when nobody listens', () => {
    const t = setup(true, ['ACCT-\\d+']);
    t.chats.updateTab(1, [conversation('c1', true)]);
    t.chats.transcript({ conversationKey: 'c1', snapshot: true, messages: [line('m1', 'customer', 'Card 4111 1111 1111 1111, account ACCT-991')] });
    t.chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [sam] });
    t.chats.transcript({ conversationKey: 'c1', snapshot: false, events: [line('m2', 'customer', 'mail me: jo@example.com')] });
    t.chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [sam, kim] });
    t.chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [kim] });
    t.chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [] });
    t.chats.transcript({ conversationKey: 'c1', snapshot: false, events: [line('m3', 'customer', 'hello?')] });
    const frames = t.of('transcript');
    expect(frames.map((f) => [f.snapshot, f.events.map((e) => e.text)])).toEqual([
      [true, ['Card [card], account [redacted]']],
      [false, ['mail me: [email]']],
      // Kim joined: a fresh snapshot; Sam leaving sends nothing.
      [true, ['Card [card], account [redacted]', 'mail me: [email]']],
    ]);
  });

  it('never streams when policy turns listen-in off, and tells the listener so', () => {
    const t = setup(false);
    t.chats.updateTab(1, [conversation('c1', true)]);
    t.chats.transcript({ conversationKey: 'c1', snapshot: true, messages: [line('m1', 'customer', 'secret')] });
    t.chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [sam] });
    t.chats.transcript({ conversationKey: 'c1', snapshot: false, events: [line('m2', 'customer', 'more secret')] });
    const frames = t.of('transcript');
    expect(frames).toHaveLength(1);
    expect(frames[0]!.events).toEqual([expect.objectContaining({ author: 'system', text: LISTEN_IN_OFF_NOTICE })]);
    expect(JSON.stringify(t.sent)).not.toContain('secret');
  });

  it('says who turned listen-in off: the organisation\'s policy, or the agent\'s own setting', () => {
    for (const [setByPolicy, by, words] of [
      [true, 'policy', LISTEN_IN_OFF_NOTICE],
      [false, 'agent', LISTEN_IN_OPTED_OUT_NOTICE],
    ] as const) {
      const sent: ClientFrame[] = [];
      const chats = new AgentChats({ send: (f) => (sent.push(f), true), privacy: () => ({ listenInAllowed: false, listenInSetByPolicy: setByPolicy, rules: { patterns: [] } }), now: () => NOW });
      chats.updateTab(1, [conversation('c1', true)]);
      chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [sam] });
      const frames = sent.filter((f) => f.type === 'transcript');
      expect(frames).toEqual([expect.objectContaining({ listenInOff: by, events: [expect.objectContaining({ author: 'system', text: words })] })]);
    }
  });

  it('splits a snapshot larger than a frame, newest messages first', () => {
    const sent: ClientFrame[] = [];
    const chats = new AgentChats({ send: (f) => (sent.push(f), true), privacy: () => ({ listenInAllowed: true, rules: { patterns: [] } }), now: () => NOW, maxFrameBytes: 4_000 });
    chats.updateTab(1, [conversation('c1', true)]);
    const messages = Array.from({ length: 40 }, (_, i) => line(`m${i}`, 'customer', `message number ${i} `.padEnd(200, 'x')));
    chats.transcript({ conversationKey: 'c1', snapshot: true, messages });
    chats.listenersChanged({ type: 'listeners', agentId: 'usr_a', conversationKey: 'c1', listeners: [sam] });
    const frames = sent.filter((f): f is Extract<ClientFrame, { type: 'transcript' }> => f.type === 'transcript');
    expect(frames.length).toBeGreaterThan(1);
    expect(frames[0]!.snapshot).toBe(true);
    expect(frames.slice(1).every((f) => !f.snapshot)).toBe(true);
    expect(frames[0]!.events.at(-1)!.id).toBe('m39');
    for (const f of frames) expect(JSON.stringify(f).length).toBeLessThan(4_000);
    expect(frames.flatMap((f) => f.events.map((e) => e.id)).sort()).toEqual(messages.map((m) => m.id).sort());
  });

  it('merges the tabs of one agent and drops a closed tab', () => {
    const t = setup();
    t.chats.updateTab(1, [conversation('c1', true), conversation('c2', false)]);
    t.chats.updateTab(2, [conversation('c1', false), conversation('c2', true)]);
    expect(t.chats.chatState().map((c) => [c.key, c.active])).toEqual([['c1', true], ['c2', true]]);
    t.chats.forgetTab(1);
    expect(t.chats.chatState().map((c) => [c.key, c.active])).toEqual([['c1', false], ['c2', true]]);
  });
});

describe('AgentChats when the person changes', () => {
  it('forgets every tab, transcript and listener, so the next person publishes none of them', async () => {
    const t = setup();
    t.chats.updateTab(1, [conversation('c1', true)]);
    t.chats.transcript({ conversationKey: 'c1', snapshot: true, messages: [line('m1', 'customer', 'Where is my parcel?')] });
    t.chats.listenersChanged({ type: 'listeners', agentId: 'usr_alice', conversationKey: 'c1', listeners: [sam] });
    await t.chats.moodsSettled();
    t.chats.forgetAll();
    const before = t.sent.length;
    // The next person's connection: chat state goes out again, empty; nothing of c1 follows.
    t.chats.connectionReset();
    t.chats.transcript({ conversationKey: 'c2', snapshot: false, events: [line('m2', 'customer', 'Hello')] });
    await t.chats.moodsSettled();
    const after = t.sent.slice(before);
    expect(after.filter((f) => f.type === 'chat_state').map((f) => (f as Extract<ClientFrame, { type: 'chat_state' }>).conversations)).toEqual([[]]);
    expect(after.filter((f) => f.type === 'transcript')).toEqual([]);
    expect(t.chats.listenersOf('c1')).toEqual([]);
    expect(t.chats.chatState()).toEqual([]);
  });
});
