// The durable journal of "send to customer" in the extension's own IndexedDB: one entry per relay message id, from
// its arrival through each step a helpdesk tab took (claimed, inserted, about to press send) to its one outcome, so
// nothing is sent twice after a tab reload, a stopped worker or a replayed stream; and the agent's consent per chat.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CustomerSendOutcome, CustomerSendReason } from '../../protocol/index.ts';

export const SEND_JOURNAL_DB_NAME = 'undertone-customer-sends';

/** How far a tab got: `pressing` is written before the send action is pressed, so after it nothing is pressed again. */
export type SendStage = 'claimed' | 'inserted' | 'pressing';

export type SendEntry = {
  messageId: string;
  agentId: string;
  conversationKey: string;
  /** What goes into the reply box: the coach's text and the signature. */
  text: string;
  senderName: string;
  receivedAt: number;
  state: 'pending' | 'acting' | 'done';
  stage?: SendStage;
  tabId?: number;
  /** Agent messages on the page with this text before the first attempt (they are not this send). */
  seenIds?: string[];
  outcome?: CustomerSendOutcome;
  reason?: CustomerSendReason;
  doneAt?: number;
};

export type ConsentEntry = { key: string; agentId: string; conversationKey: string; at: number };

interface JournalSchema extends DBSchema {
  sends: { key: string; value: SendEntry; indexes: { byConversation: string } };
  consents: { key: string; value: ConsentEntry };
}

export type SendJournalDb = IDBPDatabase<JournalSchema>;

export function openSendJournal(name: string = SEND_JOURNAL_DB_NAME): Promise<SendJournalDb> {
  return openDB<JournalSchema>(name, 1, {
    upgrade(db) {
      const sends = db.createObjectStore('sends', { keyPath: 'messageId' });
      sends.createIndex('byConversation', 'conversationKey');
      db.createObjectStore('consents', { keyPath: 'key' });
    },
  });
}

/** Keeps the first record of a message: a replayed or repeated delivery changes nothing. Returns the stored entry. */
export async function recordArrival(db: SendJournalDb, entry: Omit<SendEntry, 'state'>): Promise<SendEntry> {
  const tx = db.transaction('sends', 'readwrite');
  const existing = await tx.store.get(entry.messageId);
  if (existing) {
    await tx.done;
    return existing;
  }
  const fresh: SendEntry = { ...entry, state: 'pending' };
  await tx.store.put(fresh);
  await tx.done;
  return fresh;
}

export type ClaimVerdict =
  | { kind: 'fresh'; entry: SendEntry }
  /** A tab took it before (this tab before a reload, or a tab that is gone): look at the page before anything else. */
  | { kind: 'resume'; entry: SendEntry }
  | { kind: 'busy' | 'done' | 'unknown'; entry?: SendEntry };

/** Who may act on an entry: the first tab; the same tab again after a reload; another tab once the first is gone. */
export function claimVerdict(entry: SendEntry | undefined, tabId: number, liveTabs: ReadonlySet<number>): ClaimVerdict {
  if (!entry) return { kind: 'unknown' };
  if (entry.state === 'done') return { kind: 'done', entry };
  if (entry.state === 'pending') return { kind: 'fresh', entry };
  if (entry.tabId === tabId || entry.tabId === undefined || !liveTabs.has(entry.tabId)) return { kind: 'resume', entry };
  return { kind: 'busy', entry };
}

/** Claims an entry for a tab in one transaction; a fresh claim stores what the page showed before the attempt. */
export async function claimSend(db: SendJournalDb, messageId: string, tabId: number, seenIds: string[], liveTabs: ReadonlySet<number>): Promise<ClaimVerdict> {
  const tx = db.transaction('sends', 'readwrite');
  const verdict = claimVerdict(await tx.store.get(messageId), tabId, liveTabs);
  if (verdict.kind === 'fresh' || verdict.kind === 'resume') {
    const entry: SendEntry = { ...verdict.entry, state: 'acting', tabId, stage: verdict.entry.stage ?? 'claimed', seenIds: verdict.entry.seenIds ?? seenIds.slice(0, 50) };
    await tx.store.put(entry);
    verdict.entry = entry;
  }
  await tx.done;
  return verdict;
}

/** Records the step a tab reached; only the tab acting on it may move it on. Returns whether it was recorded. */
export async function advanceSend(db: SendJournalDb, messageId: string, tabId: number, stage: SendStage): Promise<boolean> {
  const tx = db.transaction('sends', 'readwrite');
  const entry = await tx.store.get(messageId);
  const ok = entry?.state === 'acting' && entry.tabId === tabId;
  if (ok) await tx.store.put({ ...entry, stage });
  await tx.done;
  return ok;
}

/** Records the outcome; the first one stays. Returns the entry and whether this call decided it. */
export async function finishSend(
  db: SendJournalDb,
  messageId: string,
  outcome: CustomerSendOutcome,
  reason: CustomerSendReason | undefined,
  now = Date.now(),
): Promise<{ entry: SendEntry | undefined; first: boolean }> {
  const tx = db.transaction('sends', 'readwrite');
  const entry = await tx.store.get(messageId);
  if (!entry || entry.state === 'done') {
    await tx.done;
    return { entry, first: false };
  }
  const done: SendEntry = { ...entry, state: 'done', outcome, doneAt: now, ...(reason ? { reason } : {}) };
  if (!reason) delete done.reason;
  await tx.store.put(done);
  await tx.done;
  return { entry: done, first: true };
}

export async function readSend(db: SendJournalDb, messageId: string): Promise<SendEntry | undefined> {
  return db.get('sends', messageId);
}

/** Entries without an outcome yet, of one conversation or of all. */
export async function unfinishedSends(db: SendJournalDb, conversationKey?: string): Promise<SendEntry[]> {
  const all = conversationKey === undefined ? await db.getAll('sends') : await db.getAllFromIndex('sends', 'byConversation', conversationKey);
  return all.filter((entry) => entry.state !== 'done').sort((a, b) => a.receivedAt - b.receivedAt);
}

/** Forgets finished entries older than `olderThan` (ms since epoch). */
export async function pruneSends(db: SendJournalDb, olderThan: number): Promise<void> {
  const tx = db.transaction('sends', 'readwrite');
  for (const entry of await tx.store.getAll()) if (entry.state === 'done' && entry.receivedAt < olderThan) await tx.store.delete(entry.messageId);
  await tx.done;
}

const consentKey = (agentId: string, conversationKey: string) => `${agentId}\u0000${conversationKey}`;

/** The agent allowed (or took back) sending to this chat's customer. */
export async function setConsent(db: SendJournalDb, agentId: string, conversationKey: string, allowed: boolean, now = Date.now()): Promise<void> {
  if (allowed) await db.put('consents', { key: consentKey(agentId, conversationKey), agentId, conversationKey, at: now });
  else await db.delete('consents', consentKey(agentId, conversationKey));
}

/** The chats this agent allowed sending in. */
export async function consentedChats(db: SendJournalDb, agentId: string): Promise<Set<string>> {
  const all = await db.getAll('consents');
  return new Set(all.filter((c) => c.agentId === agentId).map((c) => c.conversationKey));
}
