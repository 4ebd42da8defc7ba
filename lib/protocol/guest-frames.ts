// Bringing a colleague into one chat: the directory search, invitations and their removal (client frames), and
// the grants the relay announces (relay frames). A grant lets its guest coach one (agent, conversation) only.
import { z } from 'zod';
import { ConversationKeySchema, IdSchema, RoleSchema, TeamRefSchema, TimestampSchema, UserRefSchema } from './entities.ts';

const ref = z.string().min(1).max(64).optional();

/** A colleague of the sender's organisation, as found by `directory_search`. */
export const ColleagueSchema = z.object({
  id: IdSchema,
  name: z.string().max(200),
  role: RoleSchema,
  teams: z.array(TeamRefSchema),
});

/** Why a grant ended: the agent (or a supervisor) removed the guest, the chat ended, or the relay's maximum passed. */
export const GrantEndReasonSchema = z.enum(['removed', 'chat_ended', 'expired']);

/** A colleague's access to one chat: listen-in, whispers and suggestions for (agentId, conversationKey) only. */
export const GuestGrantSchema = z.object({
  /** Relay-issued (`gr_…`). */
  id: IdSchema,
  agentId: IdSchema,
  agentName: z.string().max(200),
  conversationKey: ConversationKeySchema,
  guest: ColleagueSchema,
  invitedBy: UserRefSchema,
  createdAt: TimestampSchema,
  /** The grant ends at this time at the latest (the relay's configured maximum). */
  expiresAt: TimestampSchema,
});

/** Find colleagues of one's own organisation by a part of their name or of a team's name. */
export const DirectorySearchFrameSchema = z.object({
  type: z.literal('directory_search'),
  ref,
  query: z.string().trim().min(1, 'must not be empty').max(100),
});

/** Bring `userId` into the chat. Agents omit `agentId` (their own chat); supervisors and admins name the agent. */
export const InviteFrameSchema = z.object({
  type: z.literal('invite'),
  ref,
  agentId: IdSchema.optional(),
  conversationKey: ConversationKeySchema,
  userId: IdSchema,
});

/** End `userId`'s access to the chat (same addressing as `invite`). */
export const UninviteFrameSchema = z.object({
  type: z.literal('uninvite'),
  ref,
  agentId: IdSchema.optional(),
  conversationKey: ConversationKeySchema,
  userId: IdSchema,
});

/** Answer to `directory_search`: at most 20 colleagues, the sender excluded, ordered by name. */
export const DirectoryFrameSchema = z.object({
  type: z.literal('directory'),
  ref,
  users: z.array(ColleagueSchema),
});

/** Who was brought into a chat: to the agent's sockets and every socket listening to it, on every change. */
export const GuestsFrameSchema = z.object({
  type: z.literal('guests'),
  agentId: IdSchema,
  conversationKey: ConversationKeySchema,
  guests: z.array(GuestGrantSchema),
  /** The grant that ended with this change, and why (absent when a guest joined). */
  ended: z.object({ grant: GuestGrantSchema, reason: GrantEndReasonSchema }).optional(),
});

/** Every chat the receiving user is a guest in now: after `synced`, and whenever it changes. */
export const GuestGrantsFrameSchema = z.object({
  type: z.literal('guest_grants'),
  grants: z.array(GuestGrantSchema),
});

export type Colleague = z.infer<typeof ColleagueSchema>;
export type GuestGrant = z.infer<typeof GuestGrantSchema>;
export type GrantEndReason = z.infer<typeof GrantEndReasonSchema>;
export type InviteFrame = z.infer<typeof InviteFrameSchema>;
export type UninviteFrame = z.infer<typeof UninviteFrameSchema>;
export type GuestsFrame = z.infer<typeof GuestsFrameSchema>;
