// Test fixture: a real relay in this process on a free port with a fresh SQLite file, and a provisioned
// organisation (two teams, agents, supervisors, an admin) plus a second organisation to prove isolation.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, type RelayConfigInput } from '../../lib/relay/config.ts';
import { IdentityStore } from '../../lib/relay/identity/identity-store.ts';
import { startRelay, type Relay } from '../../lib/relay/server.ts';
import { openDatabase } from '../../lib/relay/store/database.ts';

export interface Person {
  id: string;
  name: string;
  token: string;
  tokenId: string;
}

export interface Cast {
  orgId: string;
  teamA: string;
  teamB: string;
  agentA: Person;
  agentA2: Person;
  agentB: Person;
  supervisorA: Person;
  supervisorA2: Person;
  supervisorB: Person;
  admin: Person;
  otherOrgId: string;
  otherAgent: Person;
  otherSupervisor: Person;
}

/** Creates the standard cast of users in an identity store. */
export function provisionCast(identities: IdentityStore): Cast {
  const person = (orgId: string, name: string, role: 'agent' | 'supervisor' | 'admin', teams: string[]): Person => {
    const user = identities.addUser({ orgId, name, role, teamIds: teams });
    const issued = identities.issueToken(user.id, `${name}'s browser`);
    return { id: user.id, name, token: issued.token, tokenId: issued.tokenId };
  };
  const org = identities.addOrg('Acme Support');
  const teamA = identities.addTeam(org.id, 'Billing').id;
  const teamB = identities.addTeam(org.id, 'Returns').id;
  const other = identities.addOrg('Globex');
  const otherTeam = identities.addTeam(other.id, 'Billing').id;
  return {
    orgId: org.id,
    teamA,
    teamB,
    agentA: person(org.id, 'Ann Agent', 'agent', [teamA]),
    agentA2: person(org.id, 'Abe Agent', 'agent', [teamA]),
    agentB: person(org.id, 'Bea Agent', 'agent', [teamB]),
    supervisorA: person(org.id, 'Sam Supervisor', 'supervisor', [teamA]),
    supervisorA2: person(org.id, 'Sue Supervisor', 'supervisor', [teamA]),
    supervisorB: person(org.id, 'Bob Supervisor', 'supervisor', [teamB]),
    admin: person(org.id, 'Ada Admin', 'admin', []),
    otherOrgId: other.id,
    otherAgent: person(other.id, 'Olga Agent', 'agent', [otherTeam]),
    otherSupervisor: person(other.id, 'Oscar Supervisor', 'supervisor', [otherTeam]),
  };
}

export function makeDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'undertone-relay-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Provisions a cast directly in a data directory (for relays started as a separate process). */
export function provisionDataDir(dir: string): Cast {
  const db = openDatabase(dir);
  try {
    return provisionCast(new IdentityStore(db));
  } finally {
    db.close();
  }
}

export interface RelayFixture {
  relay: Relay;
  url: string;
  httpUrl: string;
  /** http://127.0.0.1:port of the relay's metrics listener. */
  metricsUrl: string;
  cast: Cast;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts fixtures elsewhere than on SQLite (the Redis-mode runs of these suites set it); null restores SQLite. */
let fixtureFactory: ((overrides: RelayConfigInput) => Promise<RelayFixture>) | null = null;
export function useRelayFixtureFactory(factory: ((overrides: RelayConfigInput) => Promise<RelayFixture>) | null): void {
  fixtureFactory = factory;
}

export async function startRelayFixture(overrides: RelayConfigInput = {}): Promise<RelayFixture> {
  if (fixtureFactory) return fixtureFactory(overrides);
  const data = makeDataDir();
  const relay = await startRelay(resolveConfig({ port: 0, metricsPort: 0, dataDir: data.dir, logLevel: 'silent', boardCoalesceMs: 10, ...overrides }, {}));
  const cast = provisionCast(relay.identities);
  return {
    relay,
    url: relay.url,
    httpUrl: `http://127.0.0.1:${relay.port}`,
    metricsUrl: relay.metricsUrl!,
    cast,
    dataDir: data.dir,
    async close() {
      await relay.stop();
      data.remove();
    },
  };
}

let counter = 0;
/** A fresh client message id. */
export function msgId(): string {
  counter++;
  return `m${Date.now().toString(36)}${counter.toString(36).padStart(6, '0')}`;
}

/** A minimal valid conversation state for chat_state frames. */
export function conversation(key: string, customer: string, overrides: Record<string, unknown> = {}) {
  return {
    key,
    customer,
    startedAt: 1_700_000_000_000,
    lastCustomerAt: 1_700_000_060_000,
    waitingSince: 1_700_000_060_000,
    mood: { score: 0, level: 'neutral' as const, reasons: [] },
    active: true,
    ...overrides,
  };
}
