// Who may act on one chat (agentId, conversationKey): the team rules of access-rules.ts, widened by guest grants.
// A refusal for someone without a way in reads exactly like an unknown agent id, so a guest learns nothing about
// the agent's other chats, nor whether a grant it lost ever existed.
import { canCoach } from '../access-rules.ts';
import type { Directory } from '../identity/directory.ts';
import type { Principal, User } from '../identity/identity-store.ts';
import type { GrantStore, StoredGrant } from './grant-store.ts';

export type ChatAccess =
  | { ok: true; agent: User; grant: StoredGrant | null }
  | { ok: false; code: 'not_found' | 'forbidden'; message: string };

/** The answer for an agent id the sender may not reach: the same words as for an id that does not exist. */
export function unknownAgent(agentId: string): ChatAccess {
  return { ok: false, code: 'not_found', message: `no agent ${agentId}` };
}

/** May `actor` coach (listen to, whisper into, read the thread of) this one chat? */
export async function canCoachChat(identities: Directory, grants: GrantStore, actor: Principal, agentId: string, conversationKey: string, now = Date.now()): Promise<ChatAccess> {
  const team = await canCoach(identities, actor, agentId);
  if (team.ok) return { ok: true, agent: team.agent, grant: null };
  if (team.code === 'not_found') return team;
  const agent = await identities.getUserInOrg(actor.orgId, agentId);
  // Coaching oneself, or a user who is not an agent: these refusals say so, as before.
  if (!agent || agent.id === actor.userId || agent.role !== 'agent') return team;
  const grant = await grants.activeFor(actor.orgId, agentId, conversationKey, actor.userId, now);
  return grant ? { ok: true, agent, grant } : unknownAgent(agentId);
}

/** Whether `user` coaches `agent` through its teams or role (no grant needed). */
export function coachesByTeam(user: User, agent: User): boolean {
  if (user.orgId !== agent.orgId || agent.role !== 'agent' || user.id === agent.id) return false;
  if (user.role === 'admin') return true;
  return user.role === 'supervisor' && user.teamIds.some((t) => agent.teamIds.includes(t));
}

/**
 * Of `userIds` (earlier participants of a chat), those who may still receive it: the agent itself, anyone who
 * coaches the agent by team, and guests whose grant is active. A guest whose grant ended is left out.
 */
export async function stillInChat(identities: Directory, grants: GrantStore, agent: User, conversationKey: string, userIds: readonly string[], now = Date.now()): Promise<string[]> {
  const kept: string[] = [];
  let guests: Set<string> | undefined;
  for (const id of new Set(userIds)) {
    if (id === agent.id) {
      kept.push(id);
      continue;
    }
    const user = await identities.getUserInOrg(agent.orgId, id);
    if (!user) continue;
    if (coachesByTeam(user, agent)) {
      kept.push(id);
      continue;
    }
    guests ??= new Set((await grants.activeOfChat(agent.id, conversationKey, now)).map((g) => g.guest.id));
    if (guests.has(id)) kept.push(id);
  }
  return kept;
}
