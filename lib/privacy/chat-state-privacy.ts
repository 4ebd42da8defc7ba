// What an agent's `chat_state` may say about customers under the organisation's policy: with listen-in off, mood
// reasons are reduced to categories that hold none of the customer's words, and customer names are replaced by a
// neutral label unless policy shares them.
import type { ConversationState } from '../protocol/index.ts';

/** Whether customer names go to the relay: always, only while listen-in is allowed (the default), or never. */
export type CustomerNamesPolicy = 'always' | 'with_listen_in' | 'never';
export const CUSTOMER_NAMES_POLICIES: readonly CustomerNamesPolicy[] = ['always', 'with_listen_in', 'never'];

export interface ChatStatePrivacy {
  listenInAllowed: boolean;
  customerNames: CustomerNamesPolicy;
}

/**
 * Words a mood reason category may use even when the customer wrote them too ("wants to cancel" after "I want to
 * cancel"): the mood model's own vocabulary. A reason with any other word the customer wrote is dropped while
 * listen-in is off, so a reason that would quote the customer never leaves the browser.
 */
const REASON_VOCABULARY = new Set(
  (
    'wants to cancel asks about a refund or charge accuses the company of fraud abusive language strong complaint ' +
    'demands it now asks for manager mentions legal action threatens leave has had repeat themselves is waiting an ' +
    'answer repeated marks writes in capitals angry frustrated pleased mood falling unhappy for messages message long ' +
    'chat asked twice times wrote without not assessed negative words waiting min minutes hours seconds'
  ).split(' '),
);

const WORD = /\p{L}{3,}/gu;

/** A short label that tells a customer's chats apart without naming the customer (stable per conversation key). */
export function anonymousCustomer(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return `Customer ${(hash >>> 0).toString(16).padStart(8, '0').slice(0, 4)}`;
}

/** Whether this conversation's customer name may be sent. */
export function customerNamesShared(privacy: ChatStatePrivacy): boolean {
  return privacy.customerNames === 'always' || (privacy.customerNames === 'with_listen_in' && privacy.listenInAllowed);
}

/** A reason's category: the words before a colon ("negative words: awful, slow" -> "negative words"). */
export function reasonCategory(reason: string): string {
  return reason.split(':')[0]!.trim();
}

/**
 * The conversations as they may leave the browser. `customerText(key)` gives the customer's own messages of a
 * conversation, to check reasons against.
 */
export function shareableChatState(conversations: ConversationState[], privacy: ChatStatePrivacy, customerText: (key: string) => readonly string[]): ConversationState[] {
  const names = customerNamesShared(privacy);
  if (privacy.listenInAllowed && names) return conversations;
  return conversations.map((conversation) => {
    const shared: ConversationState = { ...conversation };
    if (!names) shared.customer = anonymousCustomer(conversation.key);
    if (!privacy.listenInAllowed) {
      const written = new Set(customerText(conversation.key).flatMap((text) => text.toLowerCase().match(WORD) ?? []));
      if (!names) for (const word of conversation.customer.toLowerCase().match(WORD) ?? []) written.add(word);
      const reasons = conversation.mood.reasons
        .map(reasonCategory)
        .filter((category) => (category.toLowerCase().match(WORD) ?? []).every((word) => REASON_VOCABULARY.has(word) || !written.has(word)));
      shared.mood = { ...conversation.mood, reasons: [...new Set(reasons)] };
    }
    return shared;
  });
}
