// With listen-in off by policy, the agent's chat_state carries no customer words and no customer name: the real
// mood model reads the customer's messages, and only level, score and reason categories leave the browser.
import { describe, expect, it } from 'vitest';
import { AgentChats } from '../../../lib/extension/agent-chats.ts';
import type { CustomerNamesPolicy } from '../../../lib/privacy/chat-state-privacy.ts';
import type { ClientFrame, TranscriptEvent } from '../../../lib/protocol/index.ts';

const NOW = 1_800_000_000_000;
const CUSTOMER_LINES = [
  'This blender from Zanzibar Kitchens is terrible and horrible, the worst purchase ever',
  'I want to cancel and I want a refund NOW!! My lawyer Quentin Marblethorpe will hear of this',
];

async function run(listenInAllowed: boolean, customerNames?: CustomerNamesPolicy): Promise<Extract<ClientFrame, { type: 'chat_state' }>[]> {
  const sent: ClientFrame[] = [];
  const privacy = { listenInAllowed, rules: { patterns: [] }, ...(customerNames ? { customerNames } : {}) };
  const chats = new AgentChats({ send: (f) => (sent.push(f), true), privacy: () => privacy, now: () => NOW });
  chats.updateTab(1, [{ key: 'c1', customer: 'Harriet Vandersloot', startedAt: NOW - 600_000, lastCustomerAt: NOW - 1000, waitingSince: NOW - 300_000, active: true }]);
  const messages: TranscriptEvent[] = CUSTOMER_LINES.map((text, i) => ({ id: `m${i}`, op: 'add', author: 'customer', text, at: NOW - 1000 }));
  chats.transcript({ conversationKey: 'c1', snapshot: true, messages });
  await chats.moodsSettled();
  chats.tick();
  await chats.moodsSettled();
  return sent.filter((f): f is Extract<ClientFrame, { type: 'chat_state' }> => f.type === 'chat_state');
}

/** Words of the customer's messages and name that are not also words of the mood model's reason categories. */
const CUSTOMER_WORDS = ['blender', 'zanzibar', 'kitchens', 'terrible', 'horrible', 'worst', 'purchase', 'lawyer', 'quentin', 'marblethorpe', 'harriet', 'vandersloot'];

describe('chat_state with listen-in off', () => {
  it('carries the mood level and reason categories, but none of the customer words and no name', async () => {
    const states = await run(false);
    const last = states.at(-1)!.conversations[0]!;
    expect(['at_risk', 'angry']).toContain(last.mood.level);
    expect(last.mood.reasons.length).toBeGreaterThan(0);
    const wire = JSON.stringify(states).toLowerCase();
    for (const word of CUSTOMER_WORDS) expect(wire, word).not.toContain(word);
    expect(last.customer).toMatch(/^Customer [0-9a-f]{4}$/);
  });

  it('shares the name when policy says always, still without customer words in reasons', async () => {
    const last = (await run(false, 'always')).at(-1)!.conversations[0]!;
    expect(last.customer).toBe('Harriet Vandersloot');
    const reasons = JSON.stringify(last.mood.reasons).toLowerCase();
    for (const word of CUSTOMER_WORDS.slice(0, 10)) expect(reasons, word).not.toContain(word);
  });

  it('with listen-in on, the name goes as the helpdesk shows it', async () => {
    expect((await run(true)).at(-1)!.conversations[0]!.customer).toBe('Harriet Vandersloot');
  });
});
