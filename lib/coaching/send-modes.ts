// "Send as" for a coach: which kinds of message a chat offers (a customer send only where the agent's extension
// allows it), which kind stays picked when that changes, and the words for a customer message's state.
import type { CustomerSendMode, CustomerSendReason, ThreadMessage } from '../protocol/index.ts';
import type { MessageKey, Translate } from './translate.ts';

export type SendKind = 'whisper' | 'suggestion' | 'customer';

/** The kinds offered for a chat whose customerSend is `mode` (absent = 'off'). */
export function sendKindsFor(mode: CustomerSendMode | undefined): SendKind[] {
  return mode === 'allowed' ? ['whisper', 'suggestion', 'customer'] : ['whisper', 'suggestion'];
}

/** The picked kind once the chat's mode is `mode`: a customer send no longer offered falls back to a whisper. */
export function keptKind(kind: SendKind, mode: CustomerSendMode | undefined): SendKind {
  return sendKindsFor(mode).includes(kind) ? kind : 'whisper';
}

/** True when the coach should be told to ask the agent (policy "ask", not allowed for this chat yet). */
export function mustAskAgent(mode: CustomerSendMode | undefined): boolean {
  return mode === 'ask';
}

const REASON_WORDS: Record<CustomerSendReason, MessageKey> = {
  policy_off: 'customerNotSentPolicyOff',
  not_allowed_here: 'customerNotSentNotAllowedHere',
  agent_typing: 'customerNotSentAgentTyping',
  no_send_action: 'customerNotSentNoSendAction',
  editor_did_not_take: 'customerNotSentEditorDidNotTake',
  not_confirmed: 'customerNotSentNotConfirmed',
  chat_not_open: 'customerNotSentChatNotOpen',
};

export type CustomerSendState = 'sending' | 'sent' | 'not_sent';

/** Where a `customer` message stands; null for other kinds. */
export function customerSendState(message: ThreadMessage): CustomerSendState | null {
  if (message.kind !== 'customer') return null;
  return message.customerSend?.outcome ?? 'sending';
}

/** The state of a `customer` message in words ("Not sent: Maria was typing"); null for other kinds. */
export function customerSendWords(message: ThreadMessage, agentName: string, t: Translate): string | null {
  const state = customerSendState(message);
  if (state === null) return null;
  if (state === 'sending') return t('customerSending');
  if (state === 'sent') return t('customerSent');
  const reason = message.customerSend?.reason;
  return t(reason ? REASON_WORDS[reason] : 'customerNotSent', agentName);
}
