// Frames the relay sends to clients, as zod schemas; clients validate every inbound frame against these.
import { z } from 'zod';
import { ERROR_CODES, PROTOCOL_VERSION } from './constants.ts';
import {
  BoardAgentSchema,
  BoardChatSchema,
  ConversationKeySchema,
  IdSchema,
  ListenInOffSchema,
  ReadReceiptSchema,
  SignedInUserSchema,
  TeamRefSchema,
  ThreadMessageSchema,
  TranscriptEventSchema,
  UserRefSchema,
} from './entities.ts';
import { CustomerSendModeFrameSchema, CustomerSendResultRelayFrameSchema } from './customer-send-frames.ts';
import { PageHealthFrameSchema } from './adapter-health.ts';
import { DirectoryFrameSchema, GuestGrantsFrameSchema, GuestsFrameSchema } from './guest-frames.ts';

const ref = z.string().max(64).optional();
const seq = z.number().int().positive();

export const WelcomeFrameSchema = z.object({
  type: z.literal('welcome'),
  v: z.literal(PROTOCOL_VERSION),
  sessionId: z.string(),
  user: SignedInUserSchema,
  /** The newest seq of this user's stream at the time of welcome (0 when empty). */
  headSeq: z.number().int().nonnegative(),
  /**
   * False when `lastSeq` could not be honoured (older than retention kept, or ahead of this relay's history):
   * the replay then starts at the oldest retained entry, so reset the saved seq to 0 and refetch shown threads.
   */
  resumed: z.boolean(),
  limits: z.object({
    maxFrameBytes: z.number(),
    ratePerSec: z.number(),
    rateBurst: z.number(),
    heartbeatMs: z.number(),
  }),
  /**
   * How many days the relay keeps thread messages; the client drops cached messages older than that. Absent from
   * relays that do not announce it: the client then prunes nothing.
   */
  retentionDays: z.number().positive().optional(),
});

/** A durable thread message in the recipient's stream. */
export const MessageFrameSchema = z.object({ type: z.literal('message'), seq, message: ThreadMessageSchema });
/** A durable read receipt in the recipient's stream. */
export const ReadReceiptFrameSchema = z.object({ type: z.literal('read'), seq, receipt: ReadReceiptSchema });
/** Sent once after `welcome` when the replay of missed stream entries is complete. */
export const SyncedFrameSchema = z.object({ type: z.literal('synced'), seq: z.number().int().nonnegative() });

export const AckFrameSchema = z.object({
  type: z.literal('ack'),
  ref,
  /** For durable sends: the client's msgId, the relay's message id and true when it was a resend. */
  msgId: z.string().optional(),
  id: IdSchema.optional(),
  duplicate: z.boolean().optional(),
});

export const ErrorFrameSchema = z.object({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  ref,
  msgId: z.string().optional(),
  /** With `rate_limited`: wait this long before resending. */
  retryAfterMs: z.number().int().nonnegative().optional(),
});

export const PongFrameSchema = z.object({ type: z.literal('pong'), ref, t: z.number().optional() });

export const BoardSnapshotFrameSchema = z.object({
  type: z.literal('board_snapshot'),
  ref,
  teams: z.array(TeamRefSchema),
  agents: z.array(BoardAgentSchema),
  chats: z.array(BoardChatSchema),
});

export const BoardDeltaFrameSchema = z.object({
  type: z.literal('board_delta'),
  agents: z.array(BoardAgentSchema),
  /** Agents whose grace period after going offline ended: drop them and their chats. */
  agentsGone: z.array(IdSchema),
  upsert: z.array(BoardChatSchema),
  remove: z.array(z.object({ agentId: IdSchema, conversationKey: ConversationKeySchema })),
});

/** Who listens to a conversation; sent to its agent and to its listeners on every change. */
export const ListenersFrameSchema = z.object({
  type: z.literal('listeners'),
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
  listeners: z.array(UserRefSchema),
});

/** Transcript events relayed to listeners. */
export const TranscriptRelayFrameSchema = z.object({
  type: z.literal('transcript'),
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
  snapshot: z.boolean(),
  events: z.array(TranscriptEventSchema),
  /** As the agent sent it: listen-in is off, by the agent's own setting or the organisation's policy. */
  listenInOff: ListenInOffSchema.optional(),
});

export const ThreadFrameSchema = z.object({
  type: z.literal('thread'),
  ref,
  agentId: IdSchema,
  conversationKey: ConversationKeySchema.nullable(),
  messages: z.array(ThreadMessageSchema),
});

export const RelayFrameSchema = z.discriminatedUnion('type', [
  WelcomeFrameSchema,
  MessageFrameSchema,
  ReadReceiptFrameSchema,
  SyncedFrameSchema,
  AckFrameSchema,
  ErrorFrameSchema,
  PongFrameSchema,
  BoardSnapshotFrameSchema,
  BoardDeltaFrameSchema,
  ListenersFrameSchema,
  TranscriptRelayFrameSchema,
  ThreadFrameSchema,
  DirectoryFrameSchema,
  GuestsFrameSchema,
  GuestGrantsFrameSchema,
  CustomerSendResultRelayFrameSchema,
  CustomerSendModeFrameSchema,
  PageHealthFrameSchema,
]);

export type RelayFrame = z.infer<typeof RelayFrameSchema>;
export type RelayFrameType = RelayFrame['type'];
export type RelayFrameOf<T extends RelayFrameType> = Extract<RelayFrame, { type: T }>;
export type WelcomeFrame = z.infer<typeof WelcomeFrameSchema>;
export type MessageFrame = z.infer<typeof MessageFrameSchema>;
export type ErrorFrame = z.infer<typeof ErrorFrameSchema>;
export type BoardSnapshotFrame = z.infer<typeof BoardSnapshotFrameSchema>;
export type BoardDeltaFrame = z.infer<typeof BoardDeltaFrameSchema>;
