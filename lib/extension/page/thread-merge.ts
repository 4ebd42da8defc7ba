// Merging whisper-thread messages as they come from the cache, the relay's stream and thread answers.
import type { CustomerSendResultRelayFrame, ReadReceipt, ThreadMessage } from '../../protocol/index.ts';

/** Each relay id once, oldest first; read marks are united; the first customer send outcome known stays. */
export function mergeThread(messages: readonly ThreadMessage[], incoming: readonly ThreadMessage[]): ThreadMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const m of incoming) {
    const before = byId.get(m.id);
    const customerSend = before?.customerSend ?? m.customerSend;
    byId.set(m.id, { ...m, readBy: [...new Set([...(before?.readBy ?? []), ...m.readBy])], ...(customerSend ? { customerSend } : {}) });
  }
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
}

/** The messages with a `customer` message's reported outcome set (the first one counts). */
export function withCustomerSend(messages: readonly ThreadMessage[], result: Pick<CustomerSendResultRelayFrame, 'messageId' | 'outcome' | 'reason' | 'at'>): ThreadMessage[] {
  return messages.map((m) =>
    m.id === result.messageId && !m.customerSend ? { ...m, customerSend: { outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}), at: result.at } } : m,
  );
}

/** The messages with `by` added to the readers of those named. */
export function markReadBy(messages: readonly ThreadMessage[], messageIds: ReadReceipt['messageIds'], by: string): ThreadMessage[] {
  const ids = new Set(messageIds);
  return messages.map((m) => (ids.has(m.id) && !m.readBy.includes(by) ? { ...m, readBy: [...m.readBy, by] } : m));
}
