// The stream position and the thread cache, updated together so each stream entry takes effect exactly once.
import type { CustomerSendResultRelayFrame, MessageFrame, RelayFrameOf, ThreadMessage } from '../protocol/index.ts';
import { readMeta, threadKey, type CachedThread, type ClientDb } from './client-db.ts';

const LAST_SEQ = 'lastSeq';

/** A customer send outcome that is a stream entry (it has a seq; live copies to listeners have none). */
export type CustomerSendEntryFrame = CustomerSendResultRelayFrame & { seq: number };
export type StreamFrame = MessageFrame | RelayFrameOf<'read'> | CustomerSendEntryFrame;

export async function readLastSeq(db: ClientDb): Promise<number> {
  return (await readMeta<number>(db, LAST_SEQ)) ?? 0;
}

function insertMessage(thread: CachedThread, message: ThreadMessage): void {
  const at = thread.messages.findIndex((m) => m.id === message.id);
  if (at >= 0) {
    const before = thread.messages[at]!;
    // A `message` frame carries no outcome; the first outcome known stays.
    const customerSend = before.customerSend ?? message.customerSend;
    thread.messages[at] = { ...message, readBy: [...new Set([...before.readBy, ...message.readBy])], ...(customerSend ? { customerSend } : {}) };
    return;
  }
  thread.messages.push(message);
  thread.messages.sort((a, b) => a.createdAt - b.createdAt);
}

function emptyThread(agentId: string, conversationKey: string | null): CachedThread {
  return { key: threadKey(agentId, conversationKey), agentId, conversationKey, messages: [] };
}

/**
 * Applies one stream entry and advances the stored position in the same transaction. Returns false, changing
 * nothing, when the entry's seq is not past the stored position (a replayed or repeated entry).
 */
export async function applyStreamFrame(db: ClientDb, frame: StreamFrame): Promise<boolean> {
  const tx = db.transaction(['meta', 'threads'], 'readwrite');
  const meta = tx.objectStore('meta');
  const threads = tx.objectStore('threads');
  const lastSeq = ((await meta.get(LAST_SEQ))?.value as number | undefined) ?? 0;
  if (frame.seq <= lastSeq) {
    await tx.done;
    return false;
  }
  if (frame.type === 'message') {
    const { agentId, conversationKey } = frame.message;
    const thread = (await threads.get(threadKey(agentId, conversationKey))) ?? emptyThread(agentId, conversationKey);
    insertMessage(thread, frame.message);
    await threads.put(thread);
  } else if (frame.type === 'customer_send_result') {
    const thread = await threads.get(threadKey(frame.agentId, frame.conversationKey));
    const message = thread?.messages.find((m) => m.id === frame.messageId);
    if (thread && message && !message.customerSend) {
      message.customerSend = { outcome: frame.outcome, ...(frame.reason ? { reason: frame.reason } : {}), at: frame.at };
      await threads.put(thread);
    }
  } else {
    const { agentId, conversationKey, messageIds, by } = frame.receipt;
    const thread = await threads.get(threadKey(agentId, conversationKey));
    if (thread) {
      for (const message of thread.messages) {
        if (messageIds.includes(message.id) && !message.readBy.includes(by.id)) message.readBy.push(by.id);
      }
      await threads.put(thread);
    }
  }
  await meta.put({ key: LAST_SEQ, value: frame.seq });
  await tx.done;
  return true;
}

/**
 * The relay could not resume from the stored position (`welcome.resumed === false`): sets the position back to 0
 * and drops the cached threads, returning which threads were cached so they can be fetched again.
 */
export async function resetStream(db: ClientDb): Promise<Array<{ agentId: string; conversationKey: string | null }>> {
  const tx = db.transaction(['meta', 'threads'], 'readwrite');
  const threads = await tx.objectStore('threads').getAll();
  await tx.objectStore('threads').clear();
  await tx.objectStore('meta').put({ key: LAST_SEQ, value: 0 });
  await tx.done;
  return threads.map((t) => ({ agentId: t.agentId, conversationKey: t.conversationKey }));
}

/**
 * Drops cached messages created before `olderThan` (ms since epoch), and threads left empty, so the cache keeps no
 * more than the relay does. Returns how many messages were dropped.
 */
export async function pruneThreads(db: ClientDb, olderThan: number): Promise<number> {
  const tx = db.transaction('threads', 'readwrite');
  let dropped = 0;
  for (const thread of await tx.store.getAll()) {
    const kept = thread.messages.filter((m) => m.createdAt >= olderThan);
    if (kept.length === thread.messages.length) continue;
    dropped += thread.messages.length - kept.length;
    if (kept.length === 0) await tx.store.delete(thread.key);
    else await tx.store.put({ ...thread, messages: kept });
  }
  await tx.done;
  return dropped;
}

/** Merges a fetched thread (`thread` answer) into the cache. */
export async function applyThreadAnswer(db: ClientDb, answer: RelayFrameOf<'thread'>): Promise<CachedThread> {
  const tx = db.transaction('threads', 'readwrite');
  const thread = (await tx.store.get(threadKey(answer.agentId, answer.conversationKey))) ?? emptyThread(answer.agentId, answer.conversationKey);
  for (const message of answer.messages) insertMessage(thread, message);
  await tx.store.put(thread);
  await tx.done;
  return thread;
}

export async function getThread(db: ClientDb, agentId: string, conversationKey: string | null): Promise<CachedThread | undefined> {
  return db.get('threads', threadKey(agentId, conversationKey));
}

export async function allThreads(db: ClientDb): Promise<CachedThread[]> {
  return db.getAll('threads');
}

/** Messages from others that this user has not read, oldest first. */
export async function unreadMessages(db: ClientDb, userId: string): Promise<ThreadMessage[]> {
  const threads = await db.getAll('threads');
  return threads
    .flatMap((t) => t.messages)
    .filter((m) => m.from.id !== userId && !m.readBy.includes(userId))
    .sort((a, b) => a.createdAt - b.createdAt);
}
