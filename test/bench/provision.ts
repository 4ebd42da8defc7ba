// Creates the relay's bench identities before the relay starts, in a fresh data directory or under a fresh Redis
// prefix: one org and team, agent/supervisor pairs (each supervisor in the agent's team) and idle agents, each
// with a device token.
import { IdentityStore } from '../../lib/relay/identity/identity-store.ts';
import { openRedisDirectory } from '../../lib/relay/redis/redis-backend.ts';
import { openDatabase } from '../../lib/relay/store/database.ts';
import type { BenchPair, BenchUser } from './plan.ts';

export interface Provisioned {
  pairs: BenchPair[];
  idle: BenchUser[];
}

export function provisionRelay(dataDir: string, pairCount: number, idleCount: number): Provisioned {
  const db = openDatabase(dataDir);
  try {
    const identities = new IdentityStore(db);
    // One transaction: with synchronous=FULL each statement would otherwise be its own fsynced commit.
    return db.transaction(() => {
      const org = identities.addOrg('Bench Org');
      const team = identities.addTeam(org.id, 'Bench Team');
      const user = (name: string, role: 'agent' | 'supervisor'): BenchUser => {
        const created = identities.addUser({ orgId: org.id, name, role, teamIds: [team.id] });
        return { id: created.id, token: identities.issueToken(created.id, 'bench').token };
      };
      const pairs: BenchPair[] = [];
      for (let i = 0; i < pairCount; i++) pairs.push({ agent: user(`Agent ${i}`, 'agent'), supervisor: user(`Supervisor ${i}`, 'supervisor') });
      const idle: BenchUser[] = [];
      for (let i = 0; i < idleCount; i++) idle.push(user(`Idle agent ${i}`, 'agent'));
      return { pairs, idle };
    })();
  } finally {
    db.close();
  }
}

/** The same identities through the Redis directory, as the admin CLI with `--redis` would create them. */
export async function provisionRedisRelay(redisUrl: string, prefix: string, pairCount: number, idleCount: number): Promise<Provisioned> {
  const directory = await openRedisDirectory(redisUrl, prefix);
  try {
    const identities = directory.identities;
    const org = await identities.addOrg('Bench Org');
    const team = await identities.addTeam(org.id, 'Bench Team');
    const user = async (name: string, role: 'agent' | 'supervisor'): Promise<BenchUser> => {
      const created = await identities.addUser({ orgId: org.id, name, role, teamIds: [team.id] });
      return { id: created.id, token: (await identities.issueToken(created.id, 'bench')).token };
    };
    const pairs: BenchPair[] = [];
    for (let i = 0; i < pairCount; i++) pairs.push({ agent: await user(`Agent ${i}`, 'agent'), supervisor: await user(`Supervisor ${i}`, 'supervisor') });
    const idle: BenchUser[] = [];
    for (let i = 0; i < idleCount; i++) idle.push(await user(`Idle agent ${i}`, 'agent'));
    return { pairs, idle };
  } finally {
    await directory.close();
  }
}

/** The forwarders have no accounts: connections just name themselves. */
export function forwarderIdentities(pairCount: number, idleCount: number): Provisioned {
  const pairs: BenchPair[] = [];
  for (let i = 0; i < pairCount; i++) pairs.push({ agent: { id: `agent-${i}`, token: '' }, supervisor: { id: `supervisor-${i}`, token: '' } });
  const idle: BenchUser[] = [];
  for (let i = 0; i < idleCount; i++) idle.push({ id: `idle-${i}`, token: '' });
  return { pairs, idle };
}
