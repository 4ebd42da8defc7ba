// The line under a `customer` message in the agent's thread: sending, "Sent to the customer for John", or
// "Not sent: …" with the reason in words; from this tab's own attempt or the outcome the relay recorded.
import type { MessageKey, Translate } from '../../lib/coaching/index.ts';
import type { CustomerSendReason, ThreadMessage } from '../../lib/protocol/index.ts';

export type CustomerSendLine = { state: 'sending' | 'sent' | 'not_sent'; text: string };

const REASON_KEYS: Record<CustomerSendReason, MessageKey> = {
  policy_off: 'customerSendReason_policy_off',
  not_allowed_here: 'customerSendReason_not_allowed_here',
  agent_typing: 'customerSendReason_agent_typing',
  no_send_action: 'customerSendReason_no_send_action',
  editor_did_not_take: 'customerSendReason_editor_did_not_take',
  not_confirmed: 'customerSendReason_not_confirmed',
  chat_not_open: 'customerSendReason_chat_not_open',
};

/** The recorded outcome wins over what this tab saw (the first outcome is the one the relay keeps). */
export function customerSendLineOf(
  message: ThreadMessage,
  seenHere: { state: 'sending' | 'sent' | 'not_sent'; reason?: CustomerSendReason } | undefined,
  t: Translate,
): CustomerSendLine | null {
  const known = message.customerSend ?? (seenHere && seenHere.state !== 'sending' ? { outcome: seenHere.state, reason: seenHere.reason } : undefined);
  if (known?.outcome === 'sent') return { state: 'sent', text: t('customerSendSent', message.from.name) };
  if (known) return { state: 'not_sent', text: t('customerSendNotSent', t(REASON_KEYS[known.reason ?? 'not_confirmed'])) };
  return seenHere?.state === 'sending' ? { state: 'sending', text: t('customerSendSending') } : null;
}
