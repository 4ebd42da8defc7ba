// Schemas of the things frames carry: people, live chat state, transcript events, durable thread messages.
// Types are inferred from these schemas; nothing here is written twice.
import { z } from 'zod';

/** Relay-issued ids: a prefix, an underscore and random url-safe characters (e.g. `usr_Fh3…`). */
export const IdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');
/** Client-chosen id of a durable send; resending the same id has no further effect. */
export const MsgIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be 8-64 letters, digits, _ or -');
/** The helpdesk's own stable key for a conversation, as read from its page. */
export const ConversationKeySchema = z.string().min(1).max(200);
/** Milliseconds since the Unix epoch. */
export const TimestampSchema = z.number().int().nonnegative();
export const RoleSchema = z.enum(['agent', 'supervisor', 'admin']);

export const UserRefSchema = z.object({
  id: IdSchema,
  name: z.string().max(200),
  role: RoleSchema,
});

export const TeamRefSchema = z.object({ id: IdSchema, name: z.string().max(200) });

/** Who a device token belongs to: sent in `welcome` and in the enrollment answer. */
export const SignedInUserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema,
  orgId: IdSchema,
  orgName: z.string(),
  teams: z.array(TeamRefSchema),
  /**
   * Other names this user has in the organisation's helpdesks, set by an admin. The extension pauses coaching on a
   * helpdesk page signed in as someone whose name is neither this user's name nor one of these. Absent from relays
   * that do not know them.
   */
  helpdeskNames: z.array(z.string().max(200)).max(20).optional(),
});

export const MoodLevelSchema = z.enum(['good', 'neutral', 'at_risk', 'angry']);
export const MoodSchema = z.object({
  /** -1 (angry) .. 1 (happy). */
  score: z.number().min(-1).max(1),
  level: MoodLevelSchema,
  /** Short human-readable reasons for the level, shown on hover. */
  reasons: z.array(z.string().max(200)).max(10),
});

/**
 * What the agent's extension does with "send to customer" for one chat: 'off' (policy off, or the site's adapter
 * cannot send), 'ask' (policy "ask" and the agent has not allowed it for this chat), 'allowed'. Absent = 'off'.
 */
export const CustomerSendModeSchema = z.enum(['off', 'ask', 'allowed']);
export const CustomerSendOutcomeSchema = z.enum(['sent', 'not_sent']);
/** Why a `customer` message was not sent (with outcome `not_sent`). */
export const CustomerSendReasonSchema = z.enum([
  'policy_off',
  'not_allowed_here',
  'agent_typing',
  'no_send_action',
  'editor_did_not_take',
  'not_confirmed',
  'chat_not_open',
]);

/** One open conversation of an agent, as published in `chat_state`. */
export const ConversationStateSchema = z.object({
  key: ConversationKeySchema,
  customer: z.string().max(200),
  startedAt: TimestampSchema,
  lastCustomerAt: TimestampSchema.nullable(),
  /** When the customer's oldest unanswered message arrived; null when the agent answered last. */
  waitingSince: TimestampSchema.nullable(),
  mood: MoodSchema,
  /** True for the conversation the agent has open on screen. */
  active: z.boolean(),
  /** Whether coaches may send to this chat's customer through the agent's extension; absent = 'off'. */
  customerSend: CustomerSendModeSchema.optional(),
});

export const TranscriptEventSchema = z.object({
  /** The page's own message id when it has one, else a stable id the client derives. */
  id: z.string().min(1).max(200),
  op: z.enum(['add', 'edit', 'remove']),
  author: z.enum(['customer', 'agent', 'system']),
  text: z.string().max(8000),
  at: TimestampSchema.nullable(),
});

/**
 * `suggestion`: text the agent may insert into its reply box. `customer`: text the agent's extension puts into the
 * reply box and sends to the customer through the helpdesk, then reports with `customer_send_result`.
 */
/** Who turned listen-in off for an agent: `agent` (their own setting) or `policy` (the organisation's, locked). */
export const ListenInOffSchema = z.enum(['agent', 'policy']);

export const MessageKindSchema = z.enum(['whisper', 'suggestion', 'customer', 'reply', 'help']);

/** What became of a `customer` message: the first outcome the agent's extension reported. */
export const CustomerSendRecordSchema = z.object({
  outcome: CustomerSendOutcomeSchema,
  reason: CustomerSendReasonSchema.optional(),
  at: TimestampSchema,
});

/** A durable message of a conversation's coaching thread. */
export const ThreadMessageSchema = z.object({
  /** Relay-issued id. */
  id: IdSchema,
  /** The sender's client-chosen id. */
  msgId: MsgIdSchema,
  kind: MessageKindSchema,
  agentId: IdSchema,
  /** Null only for a help request not tied to a conversation. */
  conversationKey: ConversationKeySchema.nullable(),
  from: UserRefSchema,
  text: z.string().max(4000),
  createdAt: TimestampSchema,
  /** Ids of the users who have read it (in `thread` answers; empty in live delivery). */
  readBy: z.array(IdSchema),
  /** For `customer` messages, in `thread` answers: the reported outcome; absent until the agent reported one. */
  customerSend: CustomerSendRecordSchema.optional(),
});

export const ReadReceiptSchema = z.object({
  agentId: IdSchema,
  conversationKey: ConversationKeySchema.nullable(),
  messageIds: z.array(IdSchema).min(1).max(200),
  by: UserRefSchema,
  at: TimestampSchema,
});

/** An active chat on a supervisor's board. */
export const BoardChatSchema = ConversationStateSchema.extend({
  agentId: IdSchema,
  agentName: z.string().max(200),
  teamIds: z.array(IdSchema),
  listeners: z.array(UserRefSchema),
  /** True while a help request for this chat is open (cleared by the next whisper into it). */
  helpRequested: z.boolean(),
});

export const BoardAgentSchema = z.object({
  id: IdSchema,
  name: z.string().max(200),
  teamIds: z.array(IdSchema),
  online: z.boolean(),
});

export type Role = z.infer<typeof RoleSchema>;
export type UserRef = z.infer<typeof UserRefSchema>;
export type TeamRef = z.infer<typeof TeamRefSchema>;
export type SignedInUser = z.infer<typeof SignedInUserSchema>;
export type Mood = z.infer<typeof MoodSchema>;
export type MoodLevel = z.infer<typeof MoodLevelSchema>;
export type ConversationState = z.infer<typeof ConversationStateSchema>;
export type CustomerSendMode = z.infer<typeof CustomerSendModeSchema>;
export type CustomerSendOutcome = z.infer<typeof CustomerSendOutcomeSchema>;
export type CustomerSendReason = z.infer<typeof CustomerSendReasonSchema>;
export type CustomerSendRecord = z.infer<typeof CustomerSendRecordSchema>;
export type TranscriptEvent = z.infer<typeof TranscriptEventSchema>;
export type ListenInOff = z.infer<typeof ListenInOffSchema>;
export type MessageKind = z.infer<typeof MessageKindSchema>;
export type ThreadMessage = z.infer<typeof ThreadMessageSchema>;
export type ReadReceipt = z.infer<typeof ReadReceiptSchema>;
export type BoardChat = z.infer<typeof BoardChatSchema>;
export type BoardAgent = z.infer<typeof BoardAgentSchema>;
