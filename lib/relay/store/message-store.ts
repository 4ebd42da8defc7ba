// Durable coaching messages and per-user ordered streams in SQLite, written by group commit on the writer thread:
// every append waits for the transaction (fsynced) that holds it; appends made while one commits share the next.
import type { CustomerSendRecord, ReadReceipt, ThreadMessage } from '../../protocol/index.ts';
import type { SqliteDatabase } from './database.ts';
import type { AppendOutcome, CustomerSendResult, DurableStore, StreamEntry } from './durable-store.ts';
import type { WriteOp, WriteResult } from './stream-writer.ts';
import type { StreamWriterPort } from './writer-thread.ts';

export type { StreamEntry } from './durable-store.ts';

interface PendingAppend {
  op: WriteOp;
  /** Turns the writer's result into what the caller waits for; runs once the batch is on disk. */
  settle: (result: WriteResult) => void;
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
  /** From customer_sends, for `customer` messages whose outcome was reported. */
  cs_outcome?: CustomerSendRecord['outcome'] | null;
  cs_reason?: CustomerSendRecord['reason'] | null;
  cs_at?: number | null;
}

/** The columns of a message row with its customer send outcome. */
const MESSAGE_COLUMNS = 'm.*, cs.outcome AS cs_outcome, cs.reason AS cs_reason, cs.at AS cs_at';

/** Threads whose participants are kept in memory before the cache starts over. */
const MAX_CACHED_THREADS = 100_000;

function threadKey(agentId: string, conversationKey: string | null): string {
  return `${agentId}\u0000${conversationKey ?? ''}`;
}

export class MessageStore implements DurableStore {
  /** Senders of whispers per thread, loaded on first use and kept up to date by commits. */
  private readonly participants = new Map<string, Set<string>>();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private committing: Promise<void> | null = null;
  private readonly pendingByMsgId = new Map<string, { message: ThreadMessage; committed: Promise<unknown> }>();
  private readonly stmt;
  constructor(
    /** The main thread's connection: reads only. */
    private readonly db: SqliteDatabase,
    /** Where writes go (the writer thread). */
    private readonly writer: StreamWriterPort,
    /** Called after each group commit with the number of appends it held. */
    private readonly onCommit: (appends: number) => void = () => {},
  ) {
    this.stmt = {
      head: db.prepare<[string], { seq: number }>('SELECT seq FROM stream_heads WHERE user_id = ?'),
      oldest: db.prepare<[string], { seq: number | null }>('SELECT MIN(seq) AS seq FROM stream WHERE user_id = ?'),
      readStream: db.prepare<[string, number, number], MessageRow & { seq: number; receipt: string | null; customer_send: string | null; message_id: string | null }>(
        `SELECT s.seq, s.message_id, s.receipt, s.customer_send, m.* FROM stream s LEFT JOIN messages m ON m.id = s.message_id
         WHERE s.user_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`,
      ),
      thread: db.prepare<[string, string | null, number], MessageRow>(
        `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN customer_sends cs ON cs.message_id = m.id
                         WHERE m.agent_id = ? AND m.conversation_key IS ? ORDER BY m.seq_id DESC LIMIT ?)
         ORDER BY seq_id`,
      ),
      readsOf: db.prepare<[string], { user_id: string }>('SELECT user_id FROM message_reads WHERE message_id = ? ORDER BY at'),
      isRead: db.prepare<[string, string], { one: number }>('SELECT 1 AS one FROM message_reads WHERE message_id = ? AND user_id = ?'),
      participants: db.prepare<[string, string], { sender_id: string }>(
        `SELECT DISTINCT sender_id FROM messages WHERE agent_id = ? AND conversation_key = ? AND kind IN ('whisper', 'suggestion', 'customer')`,
      ),
      messageById: db.prepare<[string], MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN customer_sends cs ON cs.message_id = m.id WHERE m.id = ?`),
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
   * Queues the message for the next group commit. The writer finds a resend of an already stored message with the
   * unique (sender, msgId) index inside the transaction, before any sequence number is taken.
   */
  private appendNew(message: ThreadMessage, orgId: string, recipients: readonly string[]): Promise<AppendOutcome> {
    const key = pendingKey(message.from.id, message.msgId);
    const op: WriteOp = {
      kind: 'message',
      values: [message.id, orgId, message.from.id, message.from.name, message.from.role, message.msgId, message.kind, message.agentId, message.conversationKey, message.text, message.createdAt],
      recipients: [...recipients],
    };
    const done = new Promise<AppendOutcome>((resolve, reject) => {
      this.enqueue({
        op,
        pendingKey: key,
        reject,
        settle: (result) => {
          if (!result.stored) {
            const row = this.stmt.messageById.get(result.existingId);
            if (!row) return reject(new Error(`message ${result.existingId} vanished`));
            return resolve({ duplicate: true, existing: toMessage(row, []), senderSeq: null });
          }
          if (message.kind === 'whisper' || message.kind === 'suggestion' || message.kind === 'customer') {
            this.participants.get(threadKey(message.agentId, message.conversationKey))?.add(message.from.id);
          }
          resolve({ duplicate: false, entries: recipients.map((userId, i) => ({ userId, seq: result.seqs[i]!, kind: 'message', message })) });
        },
      });
    });
    this.pendingByMsgId.set(key, { message, committed: done });
    return done;
  }

  /** Records that `receipt.by` read the messages and appends the receipt to each recipient's stream. */
  appendReceipt(receipt: ReadReceipt, recipients: readonly string[]): Promise<StreamEntry[]> {
    const op: WriteOp = { kind: 'receipt', json: JSON.stringify(receipt), readerId: receipt.by.id, at: receipt.at, messageIds: receipt.messageIds, recipients: [...recipients] };
    return new Promise((resolve, reject) => {
      this.enqueue({
        op,
        reject,
        settle: (result) => resolve(result.stored ? recipients.map((userId, i) => ({ userId, seq: result.seqs[i]!, kind: 'read', receipt })) : []),
      });
    });
  }

  /** Records the first outcome of a `customer` message and appends it to each recipient's stream (null: a repeat). */
  appendCustomerSend(result: CustomerSendResult, recipients: readonly string[]): Promise<StreamEntry[] | null> {
    const op: WriteOp = { kind: 'customer_send', messageId: result.messageId, outcome: result.outcome, reason: result.reason ?? null, at: result.at, json: JSON.stringify(result), recipients: [...recipients] };
    return new Promise((resolve, reject) => {
      this.enqueue({
        op,
        reject,
        settle: (written) => resolve(written.stored ? recipients.map((userId, i) => ({ userId, seq: written.seqs[i]!, kind: 'customer_send', result })) : null),
      });
    });
  }

  /** The newest committed seq of a user's stream (0 when empty). */
  headSeq(userId: string): number {
    return this.stmt.head.get(userId)?.seq ?? 0;
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
      else if (row.customer_send !== null) out.push({ userId, seq: row.seq, kind: 'customer_send', result: JSON.parse(row.customer_send) as CustomerSendResult });
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

  /** Deletes messages, receipts and stream entries created before `cutoff` (ms), on the writer thread. */
  prune(cutoff: number): Promise<{ messages: number; streamEntries: number }> {
    this.participants.clear();
    return this.writer.prune(cutoff);
  }

  /** Commits everything queued and waits for it (on shutdown); the writer thread then closes. */
  async flushNow(): Promise<void> {
    while (this.committing || this.queue.length > 0) {
      if (!this.committing) this.flush();
      await this.committing;
    }
  }

  /** Waits for queued writes, then ends the writer thread. */
  async close(): Promise<void> {
    await this.flushNow();
    await this.writer.close();
  }

  private enqueue(append: PendingAppend): void {
    this.queue.push(append);
    if (!this.flushScheduled && !this.committing) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Sends what is queued as one batch; while it commits, new appends gather for the next one. */
  private flush(): void {
    this.flushScheduled = false;
    if (this.committing || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.committing = this.writer.write(batch.map((a) => a.op)).then(
      (results) => {
        this.onCommit(batch.length);
        batch.forEach((append, i) => {
          if (append.pendingKey) this.pendingByMsgId.delete(append.pendingKey);
          append.settle(results[i]!);
        });
      },
      (error: unknown) => {
        for (const append of batch) {
          if (append.pendingKey) this.pendingByMsgId.delete(append.pendingKey);
          append.reject(error);
        }
      },
    );
    void this.committing.finally(() => {
      this.committing = null;
      if (this.queue.length > 0) this.flush();
    });
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
    ...(row.cs_outcome ? { customerSend: { outcome: row.cs_outcome, ...(row.cs_reason ? { reason: row.cs_reason } : {}), at: row.cs_at! } } : {}),
  };
}
