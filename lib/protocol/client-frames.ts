// Frames a client sends to the relay, as zod schemas; the relay validates every inbound frame against these.
import { z } from 'zod';
import {
  ConversationKeySchema,
  ConversationStateSchema,
  IdSchema,
  ListenInOffSchema,
  MsgIdSchema,
  TranscriptEventSchema,
} from './entities.ts';
import { CustomerSendResultFrameSchema } from './customer-send-frames.ts';
import { AdapterHealthFrameSchema } from './adapter-health.ts';
import { DirectorySearchFrameSchema, InviteFrameSchema, UninviteFrameSchema } from './guest-frames.ts';

/** Optional request id, echoed in the `ack`, `error` or answer frame it causes. */
const ref = z.string().min(1).max(64).optional();
const text = z.string().trim().min(1, 'must not be empty').max(4000);

export const HelloFrameSchema = z.object({
  type: z.literal('hello'),
  v: z.number().int(),
  token: z.string().min(1).max(200),
  /** The highest stream `seq` this client has processed; the relay replays everything after it. */
  lastSeq: z.number().int().nonnegative().optional(),
  client: z.object({ name: z.string().max(100), version: z.string().max(50) }).optional(),
});

export const PingFrameSchema = z.object({ type: z.literal('ping'), ref, t: z.number().optional() });

/** Agent: the full set of open conversations (the relay computes and coalesces deltas). */
export const ChatStateFrameSchema = z.object({
  type: z.literal('chat_state'),
  ref,
  conversations: z.array(ConversationStateSchema).max(100),
});

/**
 * Agent: transcript events for a conversation someone listens to. `snapshot` replaces all earlier events.
 * Unknown fields are refused (here and in each event): the relay passes the frame's text on to listeners.
 */
export const TranscriptFrameSchema = z.strictObject({
  type: z.literal('transcript'),
  ref,
  conversationKey: ConversationKeySchema,
  snapshot: z.boolean(),
  events: z.array(TranscriptEventSchema.strict()).max(500),
  /** Listen-in is off for this agent, and who turned it off: the agent's own setting or the organisation's policy. */
  listenInOff: ListenInOffSchema.optional(),
});

export const BoardSubscribeFrameSchema = z.object({
  type: z.literal('board_subscribe'),
  ref,
  /** Restrict to these teams (each must be one the sender supervises); all of them when absent. */
  teamIds: z.array(IdSchema).max(100).optional(),
});
export const BoardUnsubscribeFrameSchema = z.object({ type: z.literal('board_unsubscribe'), ref });

export const ListenStartFrameSchema = z.object({
  type: z.literal('listen_start'),
  ref,
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
});
export const ListenStopFrameSchema = z.object({
  type: z.literal('listen_stop'),
  ref,
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
});

/**
 * Supervisor, admin or guest: coaching for one conversation. `suggestion` is text the agent may insert into the reply
 * box; `customer` is text the agent's extension sends to the customer (only where the chat's customerSend is 'allowed').
 */
export const WhisperFrameSchema = z.object({
  type: z.literal('whisper'),
  msgId: MsgIdSchema,
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
  kind: z.enum(['whisper', 'suggestion', 'customer']),
  text,
});

/** Agent: an answer in a conversation's coaching thread. */
export const ReplyFrameSchema = z.object({
  type: z.literal('reply'),
  msgId: MsgIdSchema,
  conversationKey: ConversationKeySchema,
  text,
});

/** Agent: raise a hand. */
export const HelpFrameSchema = z.object({
  type: z.literal('help'),
  msgId: MsgIdSchema,
  conversationKey: ConversationKeySchema.nullable(),
  reason: z.string().trim().min(1, 'must not be empty').max(500),
});

/** Mark thread messages read. Agents omit `agentId` (it is themselves); supervisors name the agent. */
export const ReadFrameSchema = z.object({
  type: z.literal('read'),
  ref,
  agentId: IdSchema.optional(),
  conversationKey: ConversationKeySchema.nullable(),
  messageIds: z.array(IdSchema).min(1).max(200),
});

/** Fetch a conversation's stored thread, oldest first (null: help requests tied to no conversation). */
export const ThreadGetFrameSchema = z.object({
  type: z.literal('thread_get'),
  ref,
  agentId: IdSchema.optional(),
  conversationKey: ConversationKeySchema.nullable(),
  limit: z.number().int().min(1).max(500).optional(),
});

export const ClientFrameSchema = z.discriminatedUnion('type', [
  HelloFrameSchema,
  PingFrameSchema,
  ChatStateFrameSchema,
  TranscriptFrameSchema,
  BoardSubscribeFrameSchema,
  BoardUnsubscribeFrameSchema,
  ListenStartFrameSchema,
  ListenStopFrameSchema,
  WhisperFrameSchema,
  ReplyFrameSchema,
  HelpFrameSchema,
  ReadFrameSchema,
  ThreadGetFrameSchema,
  DirectorySearchFrameSchema,
  InviteFrameSchema,
  UninviteFrameSchema,
  CustomerSendResultFrameSchema,
  AdapterHealthFrameSchema,
]);

export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];
export type ClientFrameOf<T extends ClientFrameType> = Extract<ClientFrame, { type: T }>;
export type HelloFrame = z.infer<typeof HelloFrameSchema>;
export type ChatStateFrame = z.infer<typeof ChatStateFrameSchema>;
export type TranscriptFrame = z.infer<typeof TranscriptFrameSchema>;
export type WhisperFrame = z.infer<typeof WhisperFrameSchema>;
export type ReplyFrame = z.infer<typeof ReplyFrameSchema>;
export type HelpFrame = z.infer<typeof HelpFrameSchema>;
export type ReadFrame = z.infer<typeof ReadFrameSchema>;
export type ThreadGetFrame = z.infer<typeof ThreadGetFrameSchema>;
