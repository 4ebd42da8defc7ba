// What chat_state may say about customers under policy: reason categories without customer words, names only
// where policy allows, and nothing changed while listen-in and names are allowed.
import { describe, expect, it } from 'vitest';
import { anonymousCustomer, customerNamesShared, reasonCategory, shareableChatState } from '../../../lib/privacy/chat-state-privacy.ts';
import type { ConversationState } from '../../../lib/protocol/index.ts';

const state = (key: string, customer: string, reasons: string[]): ConversationState => ({
  key,
  customer,
  startedAt: 1,
  lastCustomerAt: 2,
  waitingSince: 2,
  mood: { score: -0.6, level: 'angry', reasons },
  active: true,
});

describe('shareableChatState', () => {
  it('passes everything through while listen-in and names are allowed', () => {
    const conversations = [state('c1', 'Jane Roe', ['negative words: awful'])];
    expect(shareableChatState(conversations, { listenInAllowed: true, customerNames: 'with_listen_in' }, () => ['awful'])).toBe(conversations);
  });

  it('with listen-in off, keeps reason categories and drops any reason holding a word the customer wrote', () => {
    const written = ['I want to cancel, this zanzibar blender is awful', 'call me, Mr Quibblesworth'];
    const [shared] = shareableChatState(
      [state('c1', 'Jane Roe', ['negative words: awful, zanzibar', 'wants to cancel', 'waiting 3 min', 'mentions zanzibar', 'mentions Quibblesworth'])],
      { listenInAllowed: false, customerNames: 'always' },
      () => written,
    );
    expect(shared!.mood.reasons).toEqual(['negative words', 'wants to cancel', 'waiting 3 min']);
    expect(shared!.customer).toBe('Jane Roe');
    expect(shared!.mood.level).toBe('angry');
  });

  it('replaces customer names by a stable neutral label unless policy shares them', () => {
    const conversations = [state('c1', 'Jane Roe', ['asked about Jane Roe order']), state('c2', 'Jo Bloggs', [])];
    const hidden = shareableChatState(conversations, { listenInAllowed: false, customerNames: 'with_listen_in' }, () => []);
    expect(hidden.map((c) => c.customer)).toEqual([anonymousCustomer('c1'), anonymousCustomer('c2')]);
    expect(anonymousCustomer('c1')).toMatch(/^Customer [0-9a-f]{4}$/);
    expect(anonymousCustomer('c1')).not.toBe(anonymousCustomer('c2'));
    expect(JSON.stringify(hidden)).not.toMatch(/Jane|Roe|Bloggs/);
    // 'never' hides names even with listen-in on; reasons stay as they are then.
    const never = shareableChatState(conversations, { listenInAllowed: true, customerNames: 'never' }, () => []);
    expect(never[0]!.customer).toBe(anonymousCustomer('c1'));
    expect(never[0]!.mood.reasons).toEqual(['asked about Jane Roe order']);
  });

  it('reads the names policy together with listen-in', () => {
    expect(customerNamesShared({ listenInAllowed: true, customerNames: 'with_listen_in' })).toBe(true);
    expect(customerNamesShared({ listenInAllowed: false, customerNames: 'with_listen_in' })).toBe(false);
    expect(customerNamesShared({ listenInAllowed: false, customerNames: 'always' })).toBe(true);
    expect(customerNamesShared({ listenInAllowed: true, customerNames: 'never' })).toBe(false);
    expect(reasonCategory('mood not assessed: fr')).toBe('mood not assessed');
  });
});
