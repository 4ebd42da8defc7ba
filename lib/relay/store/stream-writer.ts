// The write side of the SQLite coaching store: one group transaction per batch that stores messages, read
// receipts and customer send outcomes and appends them to recipients' streams, taking each user's next sequence
// numbers. It runs on the writer thread (stream-writer-worker.ts), the only writer of these tables.
import type { SqliteDatabase } from './database.ts';

/** Column values of a `messages` row, in insert order. */
export type MessageValues = [
  id: string,
  orgId: string,
  senderId: string,
  senderName: string,
  senderRole: string,
  msgId: string,
  kind: string,
  agentId: string,
  conversationKey: string | null,
  text: string,
  createdAt: number,
];

export type WriteOp =
  | { kind: 'message'; values: MessageValues; recipients: string[] }
  | { kind: 'receipt'; json: string; readerId: string; at: number; messageIds: string[]; recipients: string[] }
  /** The first outcome of a `customer` message; a later one stores nothing (answered as not stored). */
  | { kind: 'customer_send'; messageId: string; outcome: string; reason: string | null; at: number; json: string; recipients: string[] };

/** Per op: the seq taken in each recipient's stream (in recipient order), or, for a resent message, its stored id. */
export type WriteResult = { stored: true; seqs: number[] } | { stored: false; existingId: string };

export class StreamWriter {
  private readonly heads = new Map<string, number>();
  private readonly stmt;

  constructor(private readonly db: SqliteDatabase) {
    this.stmt = {
      insertMessage: db.prepare<MessageValues>(
        `INSERT INTO messages (id, org_id, sender_id, sender_name, sender_role, msg_id, kind, agent_id, conversation_key, text, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (sender_id, msg_id) DO NOTHING`,
      ),
      existingId: db.prepare<[string, string], { id: string }>('SELECT id FROM messages WHERE sender_id = ? AND msg_id = ?'),
      insertStream: db.prepare<[string, number, string | null, string | null, string | null, number]>(
        'INSERT INTO stream (user_id, seq, message_id, receipt, customer_send, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertCustomerSend: db.prepare<[string, string, string | null, number]>(
        'INSERT INTO customer_sends (message_id, outcome, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING',
      ),
      upsertHead: db.prepare<[string, number]>(
        'INSERT INTO stream_heads (user_id, seq) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET seq = excluded.seq',
      ),
      insertRead: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO message_reads (message_id, user_id, at) VALUES (?, ?, ?)'),
      head: db.prepare<[string], { seq: number }>('SELECT seq FROM stream_heads WHERE user_id = ?'),
    };
  }

  /**
   * Writes a batch in one fsynced transaction. A resent message (same sender and msgId) is found by the unique
   * index before any sequence number is taken, so streams have no gaps.
   */
  write(ops: readonly WriteOp[]): WriteResult[] {
    try {
      return this.db.transaction(() => {
        const touched = new Map<string, number>();
        const results = ops.map((op): WriteResult => {
          if (op.kind === 'message') {
            const [id, , senderId, , , msgId, , , , , createdAt] = op.values;
            if (this.stmt.insertMessage.run(...op.values).changes === 0) {
              return { stored: false, existingId: this.stmt.existingId.get(senderId, msgId)!.id };
            }
            const seqs = op.recipients.map((userId) => this.append(userId, { messageId: id }, createdAt, touched));
            return { stored: true, seqs };
          }
          if (op.kind === 'customer_send') {
            if (this.stmt.insertCustomerSend.run(op.messageId, op.outcome, op.reason, op.at).changes === 0) return { stored: false, existingId: op.messageId };
            return { stored: true, seqs: op.recipients.map((userId) => this.append(userId, { customerSend: op.json }, op.at, touched)) };
          }
          for (const messageId of op.messageIds) this.stmt.insertRead.run(messageId, op.readerId, op.at);
          return { stored: true, seqs: op.recipients.map((userId) => this.append(userId, { receipt: op.json }, op.at, touched)) };
        });
        for (const [userId, seq] of touched) this.stmt.upsertHead.run(userId, seq);
        return results;
      })();
    } catch (error) {
      // The sequence numbers taken for this batch were not stored: read them again from the file.
      this.heads.clear();
      throw error;
    }
  }

  /** Deletes messages, receipts and stream entries created before `cutoff` (ms). */
  prune(cutoff: number): { messages: number; streamEntries: number } {
    return this.db.transaction(() => {
      // Rows are visited in creation order from the oldest, up to the first one still inside retention.
      const firstKept =
        this.db.prepare<[number], { seq_id: number }>('SELECT seq_id FROM messages WHERE created_at >= ? ORDER BY seq_id LIMIT 1').get(cutoff)
          ?.seq_id ?? Number.MAX_SAFE_INTEGER;
      this.db.prepare('DELETE FROM message_reads WHERE message_id IN (SELECT id FROM messages WHERE seq_id < ?)').run(firstKept);
      this.db.prepare('DELETE FROM customer_sends WHERE message_id IN (SELECT id FROM messages WHERE seq_id < ?)').run(firstKept);
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

  /** Appends one entry to a user's stream: a stored message by id, or a receipt or customer send outcome as JSON. */
  private append(userId: string, entry: { messageId?: string; receipt?: string; customerSend?: string }, at: number, touched: Map<string, number>): number {
    let head = this.heads.get(userId);
    if (head === undefined) head = this.stmt.head.get(userId)?.seq ?? 0;
    const seq = head + 1;
    this.heads.set(userId, seq);
    touched.set(userId, seq);
    this.stmt.insertStream.run(userId, seq, entry.messageId ?? null, entry.receipt ?? null, entry.customerSend ?? null, at);
    return seq;
  }
}
