// Durable coaching messages and per-user ordered streams in SQLite, written by group commit:
// every append waits for the transaction (fsynced) that holds it, many appends share one transaction.
import type { ReadReceipt, ThreadMessage } from '../../protocol/index.ts';
import type { SqliteDatabase } from './database.ts';
import type { AppendOutcome, DurableStore, StreamEntry } from './durable-store.ts';

export type { StreamEntry } from './durable-store.ts';

interface PendingAppend {
  /** Writes the append inside the group transaction; returns the stream entries it made. */
  write: () => StreamEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
  pendingKey?: string;
}

interface MessageRow {
  id: string;
  org_id: string;
  sender_id: string;
  sender_name: string;
  sender_role: ThreadMessage['from']['role'];
  msg_id: string;
  kind: ThreadMessage['kind'];
  agent_id: string;
  conversation_key: string | null;
  text: string;
  created_at: number;
}

/** Threads whose participants are kept in memory before the cache starts over. */
const MAX_CACHED_THREADS = 100_000;

function threadKey(agentId: string, conversationKey: string | null): string {
  return `${agentId}\u0000${conversationKey ?? ''}`;
}

export class MessageStore implements DurableStore {
  /** Senders of whispers per thread, loaded on first use and kept up to date by commits. */
  private readonly participants = new Map<string, Set<string>>();
  private readonly heads = new Map<string, number>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly pendingByMsgId = new Map<string, { message: ThreadMessage; committed: Promise<unknown> }>();
  private readonly stmt;
  constructor(
    private readonly db: SqliteDatabase,
    /** Called after each group commit with the number of appends it held. */
    private readonly onCommit: (appends: number) => void = () => {},
  ) {
    this.stmt = {
      insertMessage: db.prepare<[string, string, string, string, string, string, string, string, string | null, string, number]>(
        `INSERT INTO messages (id, org_id, sender_id, sender_name, sender_role, msg_id, kind, agent_id, conversation_key, text, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sender_id, msg_id) DO NOTHING`,
      ),
      insertStream: db.prepare<[string, number, string | null, string | null, number]>(
        'INSERT INTO stream (user_id, seq, message_id, receipt, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      upsertHead: db.prepare<[string, number]>(
        'INSERT INTO stream_heads (user_id, seq) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq',
      ),
      insertRead: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO message_reads (message_id, user_id, at) VALUES (?, ?, ?)'),
      head: db.prepare<[string], { seq: number }>('SELECT seq FROM stream_heads WHERE user_id = ?'),
      oldest: db.prepare<[string], { seq: number | null }>('SELECT MIN(seq) AS seq FROM stream WHERE user_id = ?'),
      byMsgId: db.prepare<[string, string], MessageRow>('SELECT * FROM messages WHERE sender_id = ? AND msg_id = ?'),
      readStream: db.prepare<[string, number, number], MessageRow & { seq: number; receipt: string | null; message_id: string | null }>(
        `SELECT s.seq, s.message_id, s.receipt, m.* FROM stream s LEFT JOIN messages m ON m.id = s.message_id
         WHERE s.user_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`,
      ),
      thread: db.prepare<[string, string | null, number], MessageRow>(
        `SELECT * FROM (SELECT * FROM messages WHERE agent_id = ? AND conversation_key IS ? ORDER BY seq_id DESC LIMIT ?)
         ORDER BY seq_id`,
      ),
      readsOf: db.prepare<[string], { user_id: string }>('SELECT user_id FROM message_reads WHERE message_id = ? ORDER BY at'),
      isRead: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM message_reads WHERE message_id = ? AND user_id = ?'),
      participants: db.prepare<[string, string], { sender_id: string }>(
        `SELECT DISTINCT sender_id FROM messages WHERE agent_id = ? AND conversation_key = ? AND kind IN ('whisper', 'suggestion')`,
      ),
      messageById: db.prepare<[string], MessageRow>('SELECT * FROM messages WHERE id = ?'),
    };
  }

  /**
   * Stores a message once per (sender, msgId) and appends it to each recipient's stream; resolves once
   * committed. A resend resolves with the original, once the original is on disk.
   */
  appendMessage(message: ThreadMessage, orgId: string, recipients: readonly string[]): Promise<AppendOutcome> {
    const pending = this.pendingByMsgId.get(pendingKey(message.from.id, message.msgId));
    if (pending) {
      return pending.committed.then((): AppendOutcome => ({ duplicate: true, existing: pending.message, senderSeq: null }));
    }
    return this.appendNew(message, orgId, recipients);
  }

  /**
   * Queues the message for the next group commit. The unique (sender, msgId) index finds a resend of an
   * already stored message inside the transaction, before any sequence number is taken, so no lookup runs first.
   */
  private appendNew(message: ThreadMessage, orgId: string, recipients: readonly string[]): Promise<AppendOutcome> {
    const key = pendingKey(message.from.id, message.msgId);
    let outcome: AppendOutcome | undefined;
    const committed = this.enqueue({
      pendingKey: key,
      write: () => {
        const inserted = this.stmt.insertMessage.run(
          message.id,
          orgId,
          message.from.id,
          message.from.name,
          message.from.role,
          message.msgId,
          message.kind,
          message.agentId,
          message.conversationKey,
          message.text,
          message.createdAt,
        );
        if (inserted.changes === 0) {
          const row = this.stmt.byMsgId.get(message.from.id, message.msgId)!;
          outcome = { duplicate: true, existing: toMessage(row, []), senderSeq: null };
          return [];
        }
        const entries: StreamEntry[] = recipients.map((userId) => ({ userId, seq: this.nextSeq(userId), kind: 'message', message }));
        for (const e of entries) this.stmt.insertStream.run(e.userId, e.seq, message.id, null, message.createdAt);
        outcome = { duplicate: false, entries };
        return entries;
      },
    });
    this.pendingByMsgId.set(key, { message, committed });
    const done = committed.then(() => outcome!);
    if (message.kind === 'whisper' || message.kind === 'suggestion') {
      done.then(
        (o) => {
          if (!o.duplicate) this.participants.get(threadKey(message.agentId, message.conversationKey))?.add(message.from.id);
        },
        () => {},
      );
    }
    return done;
  }

  /** Records that `receipt.by` read the messages and appends the receipt to each recipient's stream. */
  appendReceipt(receipt: ReadReceipt, recipients: readonly string[]): Promise<StreamEntry[]> {
    const json = JSON.stringify(receipt);
    let entries: StreamEntry[] = [];
    return this.enqueue({
      write: () => {
        for (const id of receipt.messageIds) this.stmt.insertRead.run(id, receipt.by.id, receipt.at);
        entries = recipients.map((userId) => ({ userId, seq: this.nextSeq(userId), kind: 'read', receipt }));
        for (const e of entries) this.stmt.insertStream.run(e.userId, e.seq, null, json, receipt.at);
        return entries;
      },
    }).then(() => entries);
  }

  /** The newest seq of a user's stream (0 when empty), including appends not yet committed. */
  headSeq(userId: string): number {
    return this.loadHead(userId);
  }

  /** The oldest seq still kept for a user, or undefined when retention removed them all. */
  oldestSeq(userId: string): number | undefined {
    return this.stmt.oldest.get(userId)?.seq ?? undefined;
  }

  /** Committed stream entries after `afterSeq`, oldest first. */
  readStream(userId: string, afterSeq: number, limit = 1000): StreamEntry[] {
    const out: StreamEntry[] = [];
    for (const row of this.stmt.readStream.all(userId, afterSeq, limit)) {
      if (row.receipt !== null) out.push({ userId, seq: row.seq, kind: 'read', receipt: JSON.parse(row.receipt) as ReadReceipt });
      else if (row.message_id !== null && row.id) out.push({ userId, seq: row.seq, kind: 'message', message: toMessage(row, []) });
    }
    return out;
  }

  /** The newest `limit` messages of a conversation's thread, oldest first, with who read each. */
  thread(agentId: string, conversationKey: string | null, limit = 200): ThreadMessage[] {
    return this.stmt.thread.all(agentId, conversationKey, limit).map((row) =>
      toMessage(row, this.stmt.readsOf.all(row.id).map((r) => r.user_id)),
    );
  }

  /** Supervisors and admins who have whispered into this conversation's thread. */
  threadParticipants(agentId: string, conversationKey: string): string[] {
    const key = threadKey(agentId, conversationKey);
    let senders = this.participants.get(key);
    if (!senders) {
      if (this.participants.size >= MAX_CACHED_THREADS) this.participants.clear();
      senders = new Set(this.stmt.participants.all(agentId, conversationKey).map((r) => r.sender_id));
      this.participants.set(key, senders);
    }
    return [...senders];
  }

  getMessage(id: string): ThreadMessage | undefined {
    const row = this.stmt.messageById.get(id);
    return row && toMessage(row, []);
  }

  isReadBy(messageId: string, userId: string): boolean {
    return this.stmt.isRead.get(messageId, userId) !== undefined;
  }

  /** Deletes messages, receipts and stream entries created before `cutoff` (ms). */
  prune(cutoff: number): { messages: number; streamEntries: number } {
    this.participants.clear();
    return this.db.transaction(() => {
      // Rows are visited in creation order from the oldest, up to the first one still inside retention.
      const firstKept = this.db
        .prepare<[number], { seq_id: number }>('SELECT seq_id FROM messages WHERE created_at >= ? ORDER BY seq_id LIMIT 1')
        .get(cutoff)?.seq_id ?? Number.MAX_SAFE_INTEGER;
      this.db.prepare('DELETE FROM message_reads WHERE message_id IN (SELECT id FROM messages WHERE seq_id < ?)').run(firstKept);
      const messages = this.db.prepare('DELETE FROM messages WHERE seq_id < ?').run(firstKept).changes;
      let streamEntries = 0;
      const firstKeptSeq = this.db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM stream WHERE user_id = ? AND created_at >= ? ORDER BY seq LIMIT 1',
      );
      const dropBefore = this.db.prepare<[string, number]>('DELETE FROM stream WHERE user_id = ? AND seq < ?');
      for (const { user_id } of this.db.prepare<[], { user_id: string }>('SELECT user_id FROM stream_heads').all()) {
        const keep = firstKeptSeq.get(user_id, cutoff)?.seq ?? Number.MAX_SAFE_INTEGER;
        streamEntries += dropBefore.run(user_id, keep).changes;
      }
      return { messages, streamEntries };
    })();
  }

  /** Commits everything queued now (used on shutdown). */
  flushNow(): void {
    this.flush();
  }

  private nextSeq(userId: string): number {
    const seq = this.loadHead(userId) + 1;
    this.heads.set(userId, seq);
    return seq;
  }

  private loadHead(userId: string): number {
    let head = this.heads.get(userId);
    if (head === undefined) {
      head = this.stmt.head.get(userId)?.seq ?? 0;
      this.heads.set(userId, head);
    }
    return head;
  }

  private enqueue(append: Omit<PendingAppend, 'resolve' | 'reject'>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...append, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    try {
      this.db.transaction(() => {
        // Sequence numbers are taken inside the transaction, in arrival order, only for appends that are stored.
        const newHeads = new Map<string, number>();
        for (const append of batch) for (const e of append.write()) newHeads.set(e.userId, e.seq);
        for (const [userId, seq] of newHeads) this.stmt.upsertHead.run(userId, seq);
      })();
    } catch (error) {
      // Sequence numbers handed out for this batch were not stored: read heads again from the file.
      this.heads.clear();
      for (const append of batch) {
        if (append.pendingKey) this.pendingByMsgId.delete(append.pendingKey);
        append.reject(error);
      }
      return;
    }
    this.onCommit(batch.length);
    for (const append of batch) {
      if (append.pendingKey) this.pendingByMsgId.delete(append.pendingKey);
      append.resolve();
    }
  }
}

function pendingKey(senderId: string, msgId: string): string {
  return `${senderId}\u0000${msgId}`;
}

function toMessage(row: MessageRow, readBy: string[]): ThreadMessage {
  return {
    id: row.id,
    msgId: row.msg_id,
    kind: row.kind,
    agentId: row.agent_id,
    conversationKey: row.conversation_key,
    from: { id: row.sender_id, name: row.sender_name, role: row.sender_role },
    text: row.text,
    createdAt: row.created_at,
    readBy,
  };
}
