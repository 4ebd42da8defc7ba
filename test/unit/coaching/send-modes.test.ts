// "Send as" for coaches: the customer mode only where the chat allows it, falling back to a whisper when that ends,
// the "ask the agent" case, and a customer message's state in words for each reason.
import { describe, expect, it } from 'vitest';
import { customerSendState, customerSendWords, keptKind, mustAskAgent, sendKindsFor, translateEnglish } from '../../../lib/coaching/index.ts';
import { CustomerSendReasonSchema, type ThreadMessage } from '../../../lib/protocol/index.ts';

const message = (overrides: Partial<ThreadMessage> = {}): ThreadMessage => ({
  id: 'msg_1',
  msgId: 'abcdefgh',
  kind: 'customer',
  agentId: 'usr_maria',
  conversationKey: 'c1',
  from: { id: 'usr_john', name: 'John Park', role: 'agent' },
  text: 'Your refund is on its way.',
  createdAt: 1,
  readBy: [],
  ...overrides,
});

describe('send modes', () => {
  it('offers sending to the customer only when the chat says allowed', () => {
    expect(sendKindsFor(undefined)).toEqual(['whisper', 'suggestion']);
    expect(sendKindsFor('off')).toEqual(['whisper', 'suggestion']);
    expect(sendKindsFor('ask')).toEqual(['whisper', 'suggestion']);
    expect(sendKindsFor('allowed')).toEqual(['whisper', 'suggestion', 'customer']);
  });

  it('falls back to a whisper when the customer mode is no longer offered, and keeps other picks', () => {
    expect(keptKind('customer', 'allowed')).toBe('customer');
    expect(keptKind('customer', 'ask')).toBe('whisper');
    expect(keptKind('customer', undefined)).toBe('whisper');
    expect(keptKind('suggestion', 'off')).toBe('suggestion');
  });

  it('asks the agent only under "ask"', () => {
    expect([undefined, 'off', 'ask', 'allowed'].map((m) => mustAskAgent(m as never))).toEqual([false, false, true, false]);
    expect(translateEnglish('customerSendAsk', 'Maria')).toBe('Ask Maria to let you reply to the customer');
  });

  it('says where a customer message stands, with every reason in words', () => {
    expect(customerSendState(message({ kind: 'whisper' }))).toBeNull();
    expect(customerSendWords(message({ kind: 'suggestion' }), 'Maria', translateEnglish)).toBeNull();
    expect(customerSendWords(message(), 'Maria', translateEnglish)).toBe('Sending to customer…');
    expect(customerSendWords(message({ customerSend: { outcome: 'sent', at: 2 } }), 'Maria', translateEnglish)).toBe('Sent to customer');
    expect(customerSendWords(message({ customerSend: { outcome: 'not_sent', reason: 'agent_typing', at: 2 } }), 'Maria', translateEnglish)).toBe('Not sent: Maria was typing');
    expect(customerSendWords(message({ customerSend: { outcome: 'not_sent', at: 2 } }), 'Maria', translateEnglish)).toBe('Not sent');
    const words = CustomerSendReasonSchema.options.map((reason) => customerSendWords(message({ customerSend: { outcome: 'not_sent', reason, at: 2 } }), 'Maria', translateEnglish));
    for (const w of words) expect(w).toMatch(/^Not sent: \S/);
    expect(new Set(words).size).toBe(CustomerSendReasonSchema.options.length);
  });
});
