// What the hub needs from a durable coaching store (SQLite in one process, Redis across processes):
// idempotent appends to per-user ordered streams, resume reads, threads and read state, retention.
import type { CustomerSendResultRelayFrame, ReadReceipt, ThreadMessage } from '../../protocol/index.ts';

/** A value, or a promise of it: the SQLite store answers at once, the Redis store over the network. */
export type Awaitable<T> = T | Promise<T>;

/** The recorded outcome of a `customer` message, as its relay frame carries it (without `type` and `seq`). */
export type CustomerSendResult = Omit<CustomerSendResultRelayFrame, 'type' | 'seq'>;

export type StreamEntry =
  | { userId: string; seq: number; kind: 'message'; message: ThreadMessage }
  | { userId: string; seq: number; kind: 'read'; receipt: ReadReceipt }
  | { userId: string; seq: number; kind: 'customer_send'; result: CustomerSendResult };

/**
 * The outcome of storing a message: new stream entries once committed, or the message the sender already
 * sent under this msgId (with the seq of the sender's own copy, when the store knows it).
 */
export type AppendOutcome =
  | { duplicate: false; entries: StreamEntry[] }
  | { duplicate: true; existing: ThreadMessage; senderSeq: number | null };

export interface DurableStore {
  /** Stores a message once per (sender, msgId) and appends it to each recipient's stream; resolves once durable. */
  appendMessage(message: ThreadMessage, orgId: string, recipients: readonly string[]): Promise<AppendOutcome>;
  /** Records a read receipt and appends it to each recipient's stream; resolves once durable. */
  appendReceipt(receipt: ReadReceipt, recipients: readonly string[]): Promise<StreamEntry[]>;
  /**
   * Records the first outcome of a `customer` message and appends it to each recipient's stream; resolves once
   * durable, with null (nothing stored) when an outcome of that message was recorded before.
   */
  appendCustomerSend(result: CustomerSendResult, recipients: readonly string[]): Promise<StreamEntry[] | null>;
  /** The newest seq of a user's stream (0 when empty). */
  headSeq(userId: string): Awaitable<number>;
  /** The oldest seq still kept for a user, or undefined when none is kept. */
  oldestSeq(userId: string): Awaitable<number | undefined>;
  /** Committed stream entries after `afterSeq`, oldest first. */
  readStream(userId: string, afterSeq: number, limit: number): Awaitable<StreamEntry[]>;
  /** The newest `limit` messages of a thread, oldest first, with who read each. */
  thread(agentId: string, conversationKey: string | null, limit: number): Awaitable<ThreadMessage[]>;
  /** Users who have whispered (or suggested) into this thread. */
  threadParticipants(agentId: string, conversationKey: string): Awaitable<string[]>;
  getMessage(id: string): Awaitable<ThreadMessage | undefined>;
  isReadBy(messageId: string, userId: string): Awaitable<boolean>;
  /** Deletes what was created before `cutoff` (ms). */
  prune(cutoff: number): Awaitable<{ messages: number; streamEntries: number }>;
  /** Commits whatever is queued (on shutdown). */
  flushNow(): Awaitable<void>;
}

/**
 * An append that was stored but that fewer replicas than required confirmed in time: not acknowledged. The sender
 * sends it again; the resend is recognised as a duplicate and acknowledged once replicas confirm it.
 */
export class ReplicationShortfall extends Error {
  constructor(
    readonly confirmed: number,
    readonly required: number,
  ) {
    super(`stored, but only ${confirmed} of ${required} replica(s) confirmed it in time; send it again`);
    this.name = 'ReplicationShortfall';
  }
}
