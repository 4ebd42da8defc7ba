// "Send to customer": the agent's report of what became of a `customer` message (client frame) and the relay's
// announcement of that outcome, and whether a chat allows it now (relay frames). The first outcome per message counts.
import { z } from 'zod';
import {
  ConversationKeySchema,
  CustomerSendModeSchema,
  CustomerSendOutcomeSchema,
  CustomerSendReasonSchema,
  IdSchema,
  MsgIdSchema,
  TimestampSchema,
} from './entities.ts';

const ref = z.string().min(1).max(64).optional();

/** Agent: the outcome of the `customer` message `messageId` (the relay's id); answered with `ack {ref}`. */
export const CustomerSendResultFrameSchema = z.object({
  type: z.literal('customer_send_result'),
  ref,
  messageId: IdSchema,
  outcome: CustomerSendOutcomeSchema,
  reason: CustomerSendReasonSchema.optional(),
});

/**
 * The recorded outcome of a `customer` message. A stream entry (with `seq`) for the message's sender and the agent;
 * live only (no `seq`) for the chat's listeners and guests.
 */
export const CustomerSendResultRelayFrameSchema = z.object({
  type: z.literal('customer_send_result'),
  seq: z.number().int().positive().optional(),
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
  /** The relay's id of the `customer` message. */
  messageId: IdSchema,
  /** The sender's own id of the `customer` message. */
  msgId: MsgIdSchema,
  outcome: CustomerSendOutcomeSchema,
  reason: CustomerSendReasonSchema.optional(),
  at: TimestampSchema,
});

/**
 * Whether coaches may send to a chat's customer now: to each socket listening to the chat (guests included) after
 * its `listen_start` is acknowledged (unless 'off') and whenever the agent's `chat_state` changes it. Boards carry it
 * in BoardChat.
 */
export const CustomerSendModeFrameSchema = z.object({
  type: z.literal('customer_send_mode'),
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
  customerSend: CustomerSendModeSchema,
});

export type CustomerSendResultFrame = z.infer<typeof CustomerSendResultFrameSchema>;
export type CustomerSendResultRelayFrame = z.infer<typeof CustomerSendResultRelayFrameSchema>;
export type CustomerSendModeFrame = z.infer<typeof CustomerSendModeFrameSchema>;
