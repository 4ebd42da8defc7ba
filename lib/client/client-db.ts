// The client's IndexedDB: stream position, outbox of unacknowledged sends, and the per-conversation thread cache.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ClientFrame, ThreadMessage } from '../protocol/index.ts';

/** A send that must reach the relay exactly once: a durable message (keyed by msgId), a read mark or a send outcome (by ref). */
export type OutboxEntry = {
  /** Insertion order; the outbox is delivered in this order. */
  order?: number;
  /** msgId of a durable send, ref of a read mark: what the relay's ack names. */
  key: string;
  frame: ClientFrame;
  queuedAt: number;
};

export type CachedThread = {
  /** `threadKey(agentId, conversationKey)`. */
  key: string;
  agentId: string;
  conversationKey: string | null;
  /** Oldest first, each relay id once. */
  messages: ThreadMessage[];
};

export type MetaRecord = { key: string; value: unknown };

export interface ClientDbSchema extends DBSchema {
  meta: { key: string; value: MetaRecord };
  outbox: { key: number; value: OutboxEntry; indexes: { byKey: string } };
  threads: { key: string; value: CachedThread };
}

export type ClientDb = IDBPDatabase<ClientDbSchema>;

export const CLIENT_DB_NAME = 'undertone-client';

export function openClientDb(name: string = CLIENT_DB_NAME): Promise<ClientDb> {
  return openDB<ClientDbSchema>(name, 1, {
    upgrade(db) {
      db.createObjectStore('meta', { keyPath: 'key' });
      const outbox = db.createObjectStore('outbox', { keyPath: 'order', autoIncrement: true });
      outbox.createIndex('byKey', 'key', { unique: true });
      db.createObjectStore('threads', { keyPath: 'key' });
    },
  });
}

/** Help requests without a conversation share one thread per agent. */
export function threadKey(agentId: string, conversationKey: string | null): string {
  return `${agentId}\u0000${conversationKey ?? ''}`;
}

export async function readMeta<T>(db: ClientDb, key: string): Promise<T | undefined> {
  return (await db.get('meta', key))?.value as T | undefined;
}

export async function writeMeta(db: ClientDb, key: string, value: unknown): Promise<void> {
  await db.put('meta', { key, value });
}

/** Forgets everything (sign-out, or a token for another user). */
export async function clearClientDb(db: ClientDb): Promise<void> {
  const tx = db.transaction(['meta', 'outbox', 'threads'], 'readwrite');
  await Promise.all([tx.objectStore('meta').clear(), tx.objectStore('outbox').clear(), tx.objectStore('threads').clear(), tx.done]);
}
