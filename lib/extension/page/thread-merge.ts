// Merging whisper-thread messages as they come from the cache, the relay's stream and thread answers.
import type { ReadReceipt, ThreadMessage } from '../../protocol/index.ts';

/** Each relay id once, oldest first; read marks are united. */
export function mergeThread(messages: readonly ThreadMessage[], incoming: readonly ThreadMessage[]): ThreadMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, { ...m, readBy: [...new Set([...(byId.get(m.id)?.readBy ?? []), ...m.readBy])] });
  return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
}

/** The messages with `by` added to the readers of those named. */
export function markReadBy(messages: readonly ThreadMessage[], messageIds: ReadReceipt['messageIds'], by: string): ThreadMessage[] {
  const ids = new Set(messageIds);
  return messages.map((m) => (ids.has(m.id) && !m.readBy.includes(by) ? { ...m, readBy: [...m.readBy, by] } : m));
}
