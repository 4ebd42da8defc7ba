// The outbox: sends made while offline (or not yet acknowledged) kept in IndexedDB until the relay acks them.
import type { ClientFrame } from '../protocol/index.ts';
import type { ClientDb, OutboxEntry } from './client-db.ts';

export type OutboxFrame = Extract<ClientFrame, { type: 'whisper' | 'reply' | 'help' | 'read' | 'customer_send_result' }>;

/** The id the relay's ack or error names for this frame. */
export function outboxKey(frame: OutboxFrame): string {
  if (frame.type === 'read' || frame.type === 'customer_send_result') {
    if (!frame.ref) throw new Error(`a ${frame.type} frame in the outbox needs a ref`);
    return frame.ref;
  }
  return frame.msgId;
}

/** Adds a frame; adding one whose key is already queued changes nothing. */
export async function enqueue(db: ClientDb, frame: OutboxFrame, now = Date.now()): Promise<OutboxEntry> {
  const key = outboxKey(frame);
  const tx = db.transaction('outbox', 'readwrite');
  const existing = await tx.store.index('byKey').get(key);
  if (existing) {
    await tx.done;
    return existing;
  }
  const entry: OutboxEntry = { key, frame, queuedAt: now };
  entry.order = await tx.store.add(entry);
  await tx.done;
  return entry;
}

/** The oldest entry: the next to deliver. */
export async function head(db: ClientDb): Promise<OutboxEntry | undefined> {
  const cursor = await db.transaction('outbox').store.openCursor();
  return cursor?.value;
}

export async function list(db: ClientDb): Promise<OutboxEntry[]> {
  return db.getAll('outbox');
}

/** Removes the entry with this key (after its ack, or a final error). Returns whether it was there. */
export async function remove(db: ClientDb, key: string): Promise<boolean> {
  const tx = db.transaction('outbox', 'readwrite');
  const order = await tx.store.index('byKey').getKey(key);
  if (order !== undefined) await tx.store.delete(order);
  await tx.done;
  return order !== undefined;
}
