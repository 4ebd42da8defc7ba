// Who may act on whom: supervisors on agents of the teams they belong to, admins on their whole organisation,
// nobody across organisations (another org's id reads exactly like an id that does not exist).
import type { Directory } from './identity/directory.ts';
import type { Principal, User } from './identity/identity-store.ts';

export type AccessResult = { ok: true; agent: User } | { ok: false; code: 'not_found' | 'forbidden'; message: string };

/** May `actor` coach (listen to, whisper to, read the thread of) the agent `agentId`? */
export async function canCoach(identities: Directory, actor: Principal, agentId: string): Promise<AccessResult> {
  const agent = await identities.getUserInOrg(actor.orgId, agentId);
  if (!agent) return { ok: false, code: 'not_found', message: `no agent ${agentId}` };
  if (actor.role === 'agent') return { ok: false, code: 'forbidden', message: 'agents cannot coach other users' };
  if (agent.role !== 'agent') return { ok: false, code: 'forbidden', message: `${agentId} is not an agent` };
  if (actor.role === 'admin') return { ok: true, agent };
  const actorTeams = new Set(actor.teams.map((t) => t.id));
  if (agent.teamIds.some((t) => actorTeams.has(t))) return { ok: true, agent };
  return { ok: false, code: 'forbidden', message: `${agentId} is not in a team you supervise` };
}

/** The teams whose board `actor` may follow: all of the org for admins, their own for supervisors. */
export async function boardTeamsOf(identities: Directory, actor: Principal): Promise<{ id: string; name: string }[]> {
  if (actor.role === 'admin') return (await identities.listTeams(actor.orgId)).map((t) => ({ id: t.id, name: t.name }));
  if (actor.role === 'supervisor') return actor.teams;
  return [];
}
