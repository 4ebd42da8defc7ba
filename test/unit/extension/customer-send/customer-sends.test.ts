// The background's side of sending to the customer, with the real journal (fake-indexeddb): each `customer` message
// journalled once and offered to the tab showing its chat; policy off, not allowed here and no send action reported
// without touching a page; one outcome per message reported once through the outbox; nobody taking it reported as
// chat not open; what each chat allows, for chat_state; consent kept across a restart.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientFrame, ThreadMessage } from '../../../../lib/protocol/index.ts';
import { CustomerSends, UNCLAIMED_MS, type CustomerSendNotice } from '../../../../lib/extension/customer-send/customer-sends.ts';
import { openSendJournal, readSend } from '../../../../lib/extension/customer-send/send-journal.ts';
import type { SendToCustomer } from '../../../../lib/extension/policy.ts';

let n = 0;
let clock: number;
let policy: SendToCustomer;
let queued: ClientFrame[];
let told: Array<{ tabs: number[]; notice: CustomerSendNotice }>;
let tabs: Map<string, number[]>;
let republished: number;
let journalName: string;

function make() {
  return new CustomerSends({
    journal: openSendJournal(journalName),
    self: () => ({ id: 'usr_agent', role: 'agent', teams: [{ name: 'Billing' }] }),
    settings: () => ({ sendToCustomer: policy, sendToCustomerSignature: '— {name}, {team}' }),
    guestTeams: (_key, userId) => (userId === 'usr_john' ? ['Accounts'] : undefined),
    queue: async (frame) => void queued.push(frame),
    tabsFor: async (key) => tabs.get(key) ?? [],
    liveTabs: async () => new Set([...tabs.values()].flat()),
    tell: async (tabIds, notice) => void told.push({ tabs: tabIds, notice }),
    republish: () => void (republished += 1),
    now: () => clock,
  });
}

function customerMessage(id: string, fields: Partial<ThreadMessage> = {}): ThreadMessage {
  return {
    id,
    msgId: `m-${id}-0000`,
    kind: 'customer',
    agentId: 'usr_agent',
    conversationKey: 'c-1',
    from: { id: 'usr_john', name: 'John Park', role: 'agent' },
    text: 'It shipped today.',
    createdAt: clock,
    readBy: [],
    ...fields,
  };
}

beforeEach(() => {
  journalName = `sends-test-${++n}`;
  clock = 1_000_000;
  policy = 'allowed';
  queued = [];
  told = [];
  tabs = new Map([['c-1', [7]]]);
  republished = 0;
});

describe('CustomerSends', () => {
  it('journals a customer message once, signed, and offers it to the tab showing its chat', async () => {
    const sends = make();
    await sends.tabCanSend(7, ['c-1']);
    await sends.arrived(customerMessage('msg_1'));
    await sends.arrived(customerMessage('msg_1'));
    await sends.arrived(customerMessage('msg_other', { kind: 'suggestion' }));
    await sends.arrived(customerMessage('msg_else', { agentId: 'usr_someone' }));
    const offers = told.filter((t) => t.notice.type === 'customer_send_offer');
    expect(offers).toHaveLength(2);
    expect(offers[0]).toEqual({ tabs: [7], notice: { type: 'customer_send_offer', offer: { messageId: 'msg_1', conversationKey: 'c-1', text: 'It shipped today.\n— John Park, Accounts' } } });
  });

  it('lets one tab claim it, and reports its one outcome once through the outbox', async () => {
    const sends = make();
    await sends.tabCanSend(7, ['c-1']);
    await sends.arrived(customerMessage('msg_1'));
    expect(await sends.claim(7, { messageId: 'msg_1', conversationKey: 'c-1', canSend: true, seenIds: [] })).toEqual({ act: true, earlier: null });
    await sends.finishFromTab(8, 'msg_1', 'not_sent', 'not_confirmed');
    expect(queued).toEqual([]);
    await sends.finishFromTab(7, 'msg_1', 'sent');
    await sends.finishFromTab(7, 'msg_1', 'not_sent', 'not_confirmed');
    expect(queued).toEqual([{ type: 'customer_send_result', ref: 'cs_msg_1', messageId: 'msg_1', outcome: 'sent' }]);
    expect(await sends.claim(7, { messageId: 'msg_1', conversationKey: 'c-1', canSend: true, seenIds: [] })).toEqual({ act: false });
    // A replayed stream brings it again: nothing is offered.
    told = [];
    await make().arrived(customerMessage('msg_1'));
    expect(told).toEqual([]);
  });

  it('reports policy off and not allowed here without offering it to any page', async () => {
    policy = 'off';
    await make().arrived(customerMessage('msg_off'));
    policy = 'ask';
    await make().arrived(customerMessage('msg_ask'));
    expect(told).toEqual([]);
    expect(queued).toEqual([
      { type: 'customer_send_result', ref: 'cs_msg_off', messageId: 'msg_off', outcome: 'not_sent', reason: 'policy_off' },
      { type: 'customer_send_result', ref: 'cs_msg_ask', messageId: 'msg_ask', outcome: 'not_sent', reason: 'not_allowed_here' },
    ]);
  });

  it('reports no send action when the claiming tab cannot send', async () => {
    const sends = make();
    await sends.arrived(customerMessage('msg_1'));
    expect(await sends.claim(7, { messageId: 'msg_1', conversationKey: 'c-1', canSend: false, seenIds: [] })).toEqual({ act: false });
    expect(queued).toEqual([{ type: 'customer_send_result', ref: 'cs_msg_1', messageId: 'msg_1', outcome: 'not_sent', reason: 'no_send_action' }]);
  });

  it('reports chat not open once no tab showed the chat for a while', async () => {
    tabs = new Map();
    const sends = make();
    await sends.arrived(customerMessage('msg_1'));
    await sends.tick();
    expect(queued).toEqual([]);
    clock += UNCLAIMED_MS + 1;
    await sends.tick();
    expect(queued).toEqual([{ type: 'customer_send_result', ref: 'cs_msg_1', messageId: 'msg_1', outcome: 'not_sent', reason: 'chat_not_open' }]);
    expect(await readSend(await openSendJournal(journalName), 'msg_1')).toMatchObject({ state: 'done', reason: 'chat_not_open' });
  });

  it('keeps an outcome the relay already recorded instead of acting again', async () => {
    await make().arrived(customerMessage('msg_1', { customerSend: { outcome: 'sent', at: clock } }));
    expect(told).toEqual([]);
    expect(queued).toEqual([]);
  });

  it('says what each chat allows: off without policy or a send action, ask until the agent allows it, which lasts', async () => {
    policy = 'ask';
    const sends = make();
    await sends.load();
    expect(sends.mode('c-1')).toBe('off');
    await sends.tabCanSend(7, ['c-1', 'c-2']);
    expect(sends.mode('c-1')).toBe('ask');
    // The tab asked for the mode before its report made the chat sendable: it is told the change at once.
    expect(told).toEqual([
      { tabs: [7], notice: { type: 'customer_send_mode', conversationKey: 'c-1', mode: 'ask', policy: 'ask', consented: false } },
      { tabs: [], notice: { type: 'customer_send_mode', conversationKey: 'c-2', mode: 'ask', policy: 'ask', consented: false } },
    ]);
    await sends.setConsent('c-1', true);
    expect(sends.mode('c-1')).toBe('allowed');
    expect(sends.mode('c-2')).toBe('ask');
    expect(told.at(-1)).toEqual({ tabs: [7], notice: { type: 'customer_send_mode', conversationKey: 'c-1', mode: 'allowed', policy: 'ask', consented: true } });
    const restarted = make();
    await restarted.load();
    await restarted.tabCanSend(7, ['c-1']);
    expect(restarted.mode('c-1')).toBe('allowed');
    await restarted.setConsent('c-1', false);
    expect(restarted.mode('c-1')).toBe('ask');
    expect(republished).toBeGreaterThanOrEqual(3);
    policy = 'allowed';
    expect(restarted.mode('c-1')).toBe('allowed');
    policy = 'off';
    expect(restarted.mode('c-1')).toBe('off');
    // A changed setting reaches chat_state and the tabs of sendable chats at once.
    told = [];
    const before = republished;
    await restarted.settingsChanged();
    expect(republished).toBe(before + 1);
    expect(told).toEqual([{ tabs: [7], notice: { type: 'customer_send_mode', conversationKey: 'c-1', mode: 'off', policy: 'off', consented: false } }]);
    told = [];
    await restarted.tabCanSend(7, null);
    expect(told).toEqual([]);
    policy = 'ask';
    await restarted.tabCanSend(7, ['c-1']);
    told = [];
    await restarted.tabCanSend(7, null);
    expect(told).toEqual([{ tabs: [7], notice: { type: 'customer_send_mode', conversationKey: 'c-1', mode: 'off', policy: 'ask', consented: false } }]);
  });
});
