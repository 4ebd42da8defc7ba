// Relays in Redis mode for tests: in this process (the same RelayFixture the SQLite suites use) or as separate
// `undertone-relay serve --redis` processes, each fixture under its own key prefix, with the standard cast.
import { randomBytes } from 'node:crypto';
import { resolveConfig, type RelayConfigInput } from '../../../../lib/relay/config.ts';
import type { DirectoryAdmin } from '../../../../lib/relay/identity/directory.ts';
import { openRedisDirectory } from '../../../../lib/relay/redis/redis-backend.ts';
import { startRedisRelay, type Relay } from '../../../../lib/relay/server.ts';
import type { Cast, Person, RelayFixture } from '../../../support/relay-fixture.ts';
import { spawnRelay, type RelayProcess } from '../../../support/relay-process.ts';

/** A fresh key prefix, so that fixtures sharing one redis-server never see each other's data. */
export function freshPrefix(): string {
  return `t${randomBytes(6).toString('hex')}:`;
}

/** The standard cast of relay tests (see test/support/relay-fixture.ts), created through any directory. */
export async function provisionCastIn(identities: DirectoryAdmin): Promise<Cast> {
  const person = async (orgId: string, name: string, role: 'agent' | 'supervisor' | 'admin', teams: string[]): Promise<Person> => {
    const user = await identities.addUser({ orgId, name, role, teamIds: teams });
    const issued = await identities.issueToken(user.id, `${name}'s browser`);
    return { id: user.id, name, token: issued.token, tokenId: issued.tokenId };
  };
  const org = await identities.addOrg('Acme Support');
  const teamA = (await identities.addTeam(org.id, 'Billing')).id;
  const teamB = (await identities.addTeam(org.id, 'Returns')).id;
  const other = await identities.addOrg('Globex');
  const otherTeam = (await identities.addTeam(other.id, 'Billing')).id;
  return {
    orgId: org.id,
    teamA,
    teamB,
    agentA: await person(org.id, 'Ann Agent', 'agent', [teamA]),
    agentA2: await person(org.id, 'Abe Agent', 'agent', [teamA]),
    agentB: await person(org.id, 'Bea Agent', 'agent', [teamB]),
    supervisorA: await person(org.id, 'Sam Supervisor', 'supervisor', [teamA]),
    supervisorA2: await person(org.id, 'Sue Supervisor', 'supervisor', [teamA]),
    supervisorB: await person(org.id, 'Bob Supervisor', 'supervisor', [teamB]),
    admin: await person(org.id, 'Ada Admin', 'admin', []),
    otherOrgId: other.id,
    otherAgent: await person(other.id, 'Olga Agent', 'agent', [otherTeam]),
    otherSupervisor: await person(other.id, 'Oscar Supervisor', 'supervisor', [otherTeam]),
  };
}

/** Provisions the cast under `prefix` through the admin connection, as the CLI would. */
export async function provisionRedis(redis: Parameters<typeof openRedisDirectory>[0], prefix: string): Promise<Cast> {
  const directory = await openRedisDirectory(redis, prefix);
  try {
    return await provisionCastIn(directory.identities);
  } finally {
    await directory.close();
  }
}

/** A relay in this process on Redis, shaped like the SQLite fixture so the same suites run against it. */
export async function startRedisRelayFixture(redisUrl: string, overrides: RelayConfigInput = {}): Promise<RelayFixture> {
  const prefix = freshPrefix();
  const relay = await startRedisRelay(resolveConfig({ port: 0, metricsPort: 0, redisUrl, redisPrefix: prefix, logLevel: 'silent', boardCoalesceMs: 10, ...overrides }, {}));
  const cast = await provisionCastIn(relay.identities);
  return {
    // The suites written for SQLite call identity methods without awaiting; the Redis directory answers with promises.
    relay: relay as unknown as Relay,
    url: relay.url,
    httpUrl: `http://127.0.0.1:${relay.port}`,
    metricsUrl: relay.metricsUrl!,
    cast,
    dataDir: '',
    close: () => relay.stop(),
  };
}

/** Starts `undertone-relay serve --redis URL` as a separate process (settings through the environment). */
export function spawnRedisRelay(redisUrl: string, prefix: string, options: { port?: number; env?: Record<string, string> } = {}): Promise<RelayProcess> {
  return spawnRelay({
    dataDir: '/nonexistent-undertone-data',
    ...(options.port === undefined ? {} : { port: options.port }),
    env: { UNDERTONE_REDIS_URL: redisUrl, UNDERTONE_REDIS_PREFIX: prefix, UNDERTONE_BOARD_COALESCE_MS: '10', ...options.env },
  });
}
