// What the relay keeps about guests (colleagues brought into one chat): grants with their start, end and reason,
// in SQLite for one process or in Redis shared by several. Ended grants stay for the history export.
import type { GrantEndReason, GuestGrant } from '../../protocol/index.ts';

/** A grant as stored: the wire form plus its organisation and, once it ended, when, why and by whom. */
export interface StoredGrant extends GuestGrant {
  orgId: string;
  endedAt: number | null;
  endReason: GrantEndReason | null;
  /** Who removed the guest (reason `removed`); null otherwise. */
  endedBy: string | null;
}

export interface GrantStore {
  /**
   * Stores a grant unless the guest already holds an active one for this chat; answers the grant that is active
   * afterwards and whether it is the new one.
   */
  create(grant: StoredGrant, now: number): Promise<{ grant: StoredGrant; created: boolean }>;
  /** Ends an active grant; answers it as ended, or undefined when it was not active (ended already, or unknown). */
  end(grantId: string, at: number, reason: GrantEndReason, endedBy: string | null): Promise<StoredGrant | undefined>;
  /** The active grant of `guestId` for this chat of this organisation, if any. */
  activeFor(orgId: string, agentId: string, conversationKey: string, guestId: string, now: number): Promise<StoredGrant | undefined>;
  /** Active grants of one chat, oldest first. */
  activeOfChat(agentId: string, conversationKey: string, now: number): Promise<StoredGrant[]>;
  /** Active grants of every chat of one agent, oldest first. */
  activeOfAgent(agentId: string, now: number): Promise<StoredGrant[]>;
  /** Active grants held by one user, oldest first. */
  activeOfGuest(guestId: string, now: number): Promise<StoredGrant[]>;
  /** Every grant not yet marked ended (including those past `expiresAt`, which the sweep ends). */
  unended(): Promise<StoredGrant[]>;
}

/** Active: not ended, and not past its maximum. */
export function isActive(grant: StoredGrant, now: number): boolean {
  return grant.endedAt === null && grant.expiresAt > now;
}

/** The wire form of a stored grant. */
export function wireGrant(grant: StoredGrant): GuestGrant {
  return {
    id: grant.id,
    agentId: grant.agentId,
    agentName: grant.agentName,
    conversationKey: grant.conversationKey,
    guest: grant.guest,
    invitedBy: grant.invitedBy,
    createdAt: grant.createdAt,
    expiresAt: grant.expiresAt,
  };
}
