// The helpdesk tab's coaching state: the agent's thread takes only its own conversation's messages, and the
// supervisor's board applies snapshots, deltas and the listened chat's transcript. The background is faked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentThread, type AgentThreadState } from '../../../lib/extension/page/agent-thread.ts';
import { SupervisorBoard, type SupervisorBoardState } from '../../../lib/extension/page/supervisor-board.ts';
import type { BoardChat, RelayFrame, ThreadMessage } from '../../../lib/protocol/index.ts';

type Sent = { type: string; frame?: Record<string, unknown>; [key: string]: unknown };
let sent: Sent[];
let threadAnswer: { messages: ThreadMessage[]; listeners: unknown[] };

beforeEach(() => {
  sent = [];
  threadAnswer = { messages: [], listeners: [] };
  (globalThis as unknown as { browser: unknown }).browser = {
    runtime: {
      sendMessage: async (message: Sent) => {
        sent.push(message);
        return message.type === 'thread' ? threadAnswer : { ok: true };
      },
    },
  };
});

afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

const msg = (id: string, conversationKey: string, agentId = 'usr_me', createdAt = 1): ThreadMessage => ({
  id, msgId: `m-${id}-12345678`, kind: 'whisper', agentId, conversationKey, from: { id: 'usr_sam', name: 'Sam', role: 'supervisor' }, text: id, createdAt, readBy: [],
});
const frame = (message: ThreadMessage, seq = 1): RelayFrame => ({ type: 'message', seq, message });

describe('AgentThread', () => {
  it('shows the cached thread of the conversation on screen and only that conversation’s new messages', async () => {
    let state: AgentThreadState | null = null;
    const thread = new AgentThread(() => ({ id: 'usr_me', name: 'Me', role: 'agent' }), (s) => (state = s));
    threadAnswer = { messages: [msg('a', 'c1', 'usr_me', 1)], listeners: [{ id: 'usr_sam', name: 'Sam', role: 'supervisor' }] };
    await thread.show('c1');
    expect(state!.messages.map((m) => m.id)).toEqual(['a']);
    expect(state!.listeners).toHaveLength(1);
    thread.relay(frame(msg('b', 'c2', 'usr_me', 2)));
    thread.relay(frame(msg('c', 'c1', 'usr_other', 3)));
    thread.relay(frame(msg('d', 'c1', 'usr_me', 4)));
    thread.relay(frame(msg('d', 'c1', 'usr_me', 4)));
    expect(state!.messages.map((m) => m.id)).toEqual(['a', 'd']);
  });

  it('queues replies, help requests and read marks through the background', async () => {
    const thread = new AgentThread(() => ({ id: 'usr_me', name: 'Me', role: 'agent' }), () => {});
    await thread.show('c1');
    await thread.reply('on it');
    await thread.askHelp('angry customer');
    await thread.markRead(['msg_1']);
    const frames = sent.filter((s) => s.type === 'queue').map((s) => s.frame!);
    expect(frames.map((f) => [f.type, f.conversationKey])).toEqual([['reply', 'c1'], ['help', 'c1'], ['read', 'c1']]);
    for (const f of frames) expect(String(f.msgId ?? f.ref)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('SupervisorBoard', () => {
  const chat = (key: string, score = 0): BoardChat => ({
    key, customer: key, startedAt: 1, lastCustomerAt: null, waitingSince: null, mood: { score, level: 'neutral', reasons: [] }, active: true,
    agentId: 'usr_a', agentName: 'Alice', teamIds: ['t'], listeners: [], helpRequested: false,
  });

  it('applies the snapshot and deltas, keeps mood history, and follows only the listened chat', async () => {
    let state: SupervisorBoardState | null = null;
    const board = new SupervisorBoard((s) => (state = s));
    board.relay({ type: 'board_snapshot', teams: [{ id: 't', name: 'T' }], agents: [], chats: [chat('c1'), chat('c2')] });
    board.relay({ type: 'board_delta', agents: [], agentsGone: [], upsert: [chat('c1', -0.5)], remove: [{ agentId: 'usr_a', conversationKey: 'c2' }] });
    expect(state!.chats.map((c) => [c.key, c.mood.score])).toEqual([['c1', -0.5]]);
    expect(state!.moodHistory['usr_a/c1']).toEqual([0]);

    await board.listen({ agentId: 'usr_a', conversationKey: 'c1' });
    expect(sent.find((s) => s.type === 'send_live')!.frame).toEqual({ type: 'listen_start', agentId: 'usr_a', conversationKey: 'c1' });
    const line = (id: string, text: string) => ({ id, op: 'add' as const, author: 'customer' as const, text, at: null });
    board.relay({ type: 'transcript', agentId: 'usr_a', conversationKey: 'c1', snapshot: true, events: [line('1', 'hi')] });
    board.relay({ type: 'transcript', agentId: 'usr_a', conversationKey: 'c9', snapshot: false, events: [line('2', 'other chat')] });
    board.relay({ type: 'transcript', agentId: 'usr_a', conversationKey: 'c1', snapshot: false, events: [{ ...line('1', 'hi!'), op: 'edit' }] });
    expect(state!.transcript.map((e) => e.text)).toEqual(['hi!']);
    board.relay(frame(msg('w1', 'c1', 'usr_a')));
    board.relay(frame(msg('w2', 'c2', 'usr_a')));
    expect(state!.thread.map((m) => m.id)).toEqual(['w1']);

    await board.stopListening({ agentId: 'usr_a', conversationKey: 'c1' });
    expect(state!.listening).toBeNull();
    expect(sent.filter((s) => s.type === 'send_live').map((s) => s.frame!.type)).toEqual(['listen_start', 'listen_stop']);
  });

  it('drops a send the relay refused for good, shows its words, and clears them with the next send', async () => {
    let state: SupervisorBoardState | null = null;
    const board = new SupervisorBoard((s) => (state = s), () => ({ id: 'usr_sam', name: 'Sam', role: 'supervisor' }));
    board.relay({ type: 'board_snapshot', teams: [{ id: 't', name: 'T' }], agents: [], chats: [{ ...chat('c1'), customerSend: 'allowed' }] });
    await board.listen({ agentId: 'usr_a', conversationKey: 'c1' });
    await board.whisper('Your refund is on its way.', 'customer', { agentId: 'usr_a', conversationKey: 'c1' });
    const queued = sent.find((s) => s.type === 'queue')!.frame!;
    expect(queued).toMatchObject({ type: 'whisper', kind: 'customer', agentId: 'usr_a', conversationKey: 'c1' });
    expect(state!.pendingIds.size).toBe(1);
    // An error about some other send changes nothing; the one about this send takes its draft away.
    board.relay({ type: 'error', code: 'not_allowed', message: 'not this one', msgId: 'someone-elses-1' });
    expect(state!.refusal).toBeNull();
    const words = 'Alice has not allowed replies to the customer in this chat; ask them to allow it';
    board.relay({ type: 'error', code: 'not_allowed', message: words, msgId: queued.msgId as string });
    expect(state!.thread).toEqual([]);
    expect(state!.pendingIds.size).toBe(0);
    expect(state!.refusal).toBe(words);
    await board.whisper('Then a whisper.', 'whisper', { agentId: 'usr_a', conversationKey: 'c1' });
    expect(state!.refusal).toBeNull();
  });
});
