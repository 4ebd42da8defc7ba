// "Send to customer" on the wire: the customer kind, the agent's outcome report, the relay's outcome and mode frames.
import { describe, expect, it } from 'vitest';
import { ConversationStateSchema, decodeClientFrame, decodeRelayFrame, ThreadMessageSchema } from '../../../lib/protocol/index.ts';

const state = { key: 'c1', customer: 'Ada', startedAt: 1, lastCustomerAt: null, waitingSince: null, mood: { score: 0, level: 'neutral', reasons: [] }, active: true };

describe('customer send on the wire', () => {
  it('accepts a customer whisper and the three customerSend values, nothing else', () => {
    expect(decodeClientFrame(JSON.stringify({ type: 'whisper', msgId: 'abcdefgh', agentId: 'usr_1', conversationKey: 'c1', kind: 'customer', text: 'Hello' })).ok).toBe(true);
    for (const customerSend of ['off', 'ask', 'allowed']) expect(ConversationStateSchema.safeParse({ ...state, customerSend }).success).toBe(true);
    expect(ConversationStateSchema.safeParse(state).success).toBe(true);
    expect(ConversationStateSchema.safeParse({ ...state, customerSend: 'always' }).success).toBe(false);
  });

  it('takes an outcome report with a known reason and names a bad one', () => {
    const ok = decodeClientFrame(JSON.stringify({ type: 'customer_send_result', ref: 'r1', messageId: 'msg_1', outcome: 'not_sent', reason: 'agent_typing' }));
    expect(ok).toEqual({ ok: true, frame: { type: 'customer_send_result', ref: 'r1', messageId: 'msg_1', outcome: 'not_sent', reason: 'agent_typing' } });
    const bad = decodeClientFrame(JSON.stringify({ type: 'customer_send_result', ref: 'r2', messageId: 'msg_1', outcome: 'maybe' }));
    expect(bad).toMatchObject({ ok: false, code: 'invalid_frame', ref: 'r2' });
    if (!bad.ok) expect(bad.message).toContain('outcome');
  });

  it('validates the relay frames and a thread message carrying its outcome', () => {
    const result = { type: 'customer_send_result', seq: 4, agentId: 'usr_1', conversationKey: 'c1', messageId: 'msg_1', msgId: 'abcdefgh', outcome: 'sent', at: 5 };
    expect(decodeRelayFrame(JSON.stringify(result)).ok).toBe(true);
    const { seq: _seq, ...live } = result;
    expect(decodeRelayFrame(JSON.stringify(live)).ok).toBe(true);
    expect(decodeRelayFrame(JSON.stringify({ type: 'customer_send_mode', agentId: 'usr_1', conversationKey: 'c1', customerSend: 'ask' })).ok).toBe(true);
    expect(decodeRelayFrame(JSON.stringify({ type: 'error', code: 'not_allowed', message: 'no' })).ok).toBe(true);
    const message = { id: 'msg_1', msgId: 'abcdefgh', kind: 'customer', agentId: 'usr_1', conversationKey: 'c1', from: { id: 'usr_2', name: 'John', role: 'supervisor' }, text: 'Hi', createdAt: 1, readBy: [] };
    expect(ThreadMessageSchema.safeParse({ ...message, customerSend: { outcome: 'not_sent', reason: 'editor_did_not_take', at: 2 } }).success).toBe(true);
    expect(ThreadMessageSchema.safeParse({ ...message, customerSend: { outcome: 'not_sent', reason: 'bored', at: 2 } }).success).toBe(false);
  });
});
