// Adapter health on a real relay, with SQLite and with a real redis-server: reports stored per user and site and
// replaced by the next, listed by the CLI function and the real CLI process, cleared when healthy again, never
// listed for another organisation, malformed reports refused, and supervisors' boards told live (`page_health`).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteHealth } from '../../../lib/protocol/index.ts';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { adapterHealthReport } from '../../../lib/relay/cli/health-commands.ts';
import { SqliteHealthStore, type AdapterHealthStore } from '../../../lib/relay/health/index.ts';
import type { DirectoryAdmin } from '../../../lib/relay/identity/directory.ts';
import { IdentityStore } from '../../../lib/relay/identity/identity-store.ts';
import { openRedisDirectory } from '../../../lib/relay/redis/redis-backend.ts';
import { startRedisRelay, startRelay, type Relay } from '../../../lib/relay/server.ts';
import { openDatabase } from '../../../lib/relay/store/database.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { makeDataDir, provisionCast, type Cast } from '../../support/relay-fixture.ts';
import { freshPrefix, provisionCastIn } from '../scale-out/support/redis-relay-fixture.ts';
import { startRedisServer, type RedisServer } from '../scale-out/support/redis-server.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/undertone-relay.mjs', import.meta.url));
const T0 = Date.parse('2026-11-29T10:02:00Z');

const parcelly = { id: 'parcelly', name: 'Parcelly Support', version: '2026-11-29.0c0ffee0' };
function broken(part: SiteHealth['missing'][number]['part'], since: number, site = 'http://127.0.0.1/parcelly/*'): SiteHealth {
  return { site, adapter: parcelly, missing: [{ part, since }], adapterErrors: [] };
}

type Mode = {
  relay: Relay<DirectoryAdmin>;
  cast: Cast;
  /** Where the CLI finds the data: flags for the real process. */
  cliFlags: string[];
  /** The stores the CLI function reads, as the command opens them. */
  openStores(): Promise<{ health: AdapterHealthStore; identities: DirectoryAdmin; close(): Promise<void> }>;
  /** Redis mode: another relay process on the same data. */
  startSecond?: () => Promise<Relay<DirectoryAdmin>>;
  close(): Promise<void>;
};

async function sqliteMode(): Promise<Mode> {
  const data = makeDataDir();
  const relay = await startRelay(resolveConfig({ port: 0, dataDir: data.dir, logLevel: 'silent', boardCoalesceMs: 10 }, {}));
  const cast = provisionCast(relay.identities);
  return {
    relay,
    cast,
    cliFlags: ['--data', data.dir],
    openStores: async () => {
      const db = openDatabase(data.dir);
      return { health: new SqliteHealthStore(db), identities: new IdentityStore(db), close: async () => void db.close() };
    },
    async close() {
      await relay.stop();
      data.remove();
    },
  };
}

let redisServer: RedisServer | undefined;
async function redisMode(): Promise<Mode> {
  redisServer ??= await startRedisServer();
  const url = redisServer.url;
  const prefix = freshPrefix();
  const relay = await startRedisRelay(resolveConfig({ port: 0, redisUrl: url, redisPrefix: prefix, logLevel: 'silent', boardCoalesceMs: 10 }, {}));
  const cast = await provisionCastIn(relay.identities);
  return {
    relay,
    cast,
    cliFlags: ['--redis', url, '--redis-prefix', prefix],
    openStores: () => openRedisDirectory(url, prefix),
    startSecond: () => startRedisRelay(resolveConfig({ port: 0, redisUrl: url, redisPrefix: prefix, logLevel: 'silent', boardCoalesceMs: 10 }, {})),
    close: () => relay.stop(),
  };
}

afterAll(async () => {
  await redisServer?.stop();
});

describe.each([
  { name: 'SQLite', start: sqliteMode },
  { name: 'Redis', start: redisMode },
])('adapter health on $name', ({ name, start }) => {
  let mode: Mode;
  const clients: RelayTestClient[] = [];
  const connect = async (token: string) => {
    const client = await RelayTestClient.connect(mode.relay.url, token);
    clients.push(client);
    return client;
  };
  const report = async (client: RelayTestClient, sites: SiteHealth[], ref: string) => {
    client.send({ type: 'adapter_health', ref, sites });
    await client.next('ack', (a) => a.ref === ref);
  };
  const listed = async (orgId: string) => {
    const stores = await mode.openStores();
    try {
      return await adapterHealthReport(stores.health, stores.identities, orgId, { now: T0 + 3600_000, timeZone: 'UTC' });
    } finally {
      await stores.close();
    }
  };
  const cliProcess = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [BIN, 'adapters', 'health', ...args, ...mode.cliFlags], { env: { ...process.env, TZ: 'UTC' } });
    return stdout;
  };

  beforeAll(async () => {
    mode = await start();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    await mode?.close();
  });

  it('lists what agents report, grouped by adapter and part, through the CLI function and the real CLI', async () => {
    const { cast } = mode;
    const [ann, abe] = [await connect(cast.agentA.token), await connect(cast.agentA2.token)];
    await report(ann, [broken('transcript', T0 + 60_000)], 'h1');
    await report(abe, [broken('transcript', T0)], 'h2');

    const result = await listed(cast.orgId);
    expect(result.text).toEqual(["Parcelly Support: transcript not found on 2 agents' pages since 10:02"]);
    expect(result.json).toMatchObject({ orgId: cast.orgId, problems: [{ adapterId: 'parcelly', part: 'transcript', since: T0, userIds: [cast.agentA.id, cast.agentA2.id].sort() }] });

    expect(await cliProcess('--org', cast.orgId)).toContain("Parcelly Support: transcript not found on 2 agents' pages since 10:02");
    const json = JSON.parse(await cliProcess('--org', cast.orgId, '--json')) as { problems: { versions: string[]; userIds: string[] }[] };
    expect(json.problems[0]).toMatchObject({ versions: [parcelly.version], userIds: [cast.agentA.id, cast.agentA2.id].sort() });
  });

  it("tells a supervisor's board which of its team's agents cannot be coached, live", async () => {
    const { cast } = mode;
    const sam = await connect(cast.supervisorA.token);
    const bob = await connect(cast.supervisorB.token);
    sam.send({ type: 'board_subscribe', ref: 'b1' });
    bob.send({ type: 'board_subscribe', ref: 'b2' });
    await sam.next('board_snapshot');
    await bob.next('board_snapshot');
    const first = await sam.next('page_health');
    expect(first.agents.map((a) => a.agentId).sort()).toEqual([cast.agentA.id, cast.agentA2.id].sort());
    expect(first.agents.find((a) => a.agentId === cast.agentA2.id)).toEqual({ agentId: cast.agentA2.id, agentName: 'Abe Agent', since: T0, adapters: [{ id: 'parcelly', name: 'Parcelly Support', parts: ['transcript'] }] });
    // Bob supervises the other team: Ann's and Abe's pages are not his to hear about.
    expect((await bob.next('page_health')).agents).toEqual([]);

    const bea = await connect(cast.agentB.token);
    await report(bea, [broken('chat_view', T0 + 120_000)], 'h3');
    const update = await bob.next('page_health', (f) => f.agents.length > 0);
    expect(update.agents).toEqual([{ agentId: cast.agentB.id, agentName: 'Bea Agent', since: T0 + 120_000, adapters: [{ id: 'parcelly', name: 'Parcelly Support', parts: ['chat_view'] }] }]);
  });

  it('keeps the first since while a part stays missing, and drops a site once it is healthy again', async () => {
    const { cast } = mode;
    const abe = clients[1]!;
    await report(abe, [broken('transcript', T0 + 600_000)], 'h4');
    expect((await listed(cast.orgId)).json).toMatchObject({ problems: [{ part: 'chat_view' }, { part: 'transcript', since: T0 }] });

    const sam = clients[2]!;
    const ann = clients[0]!;
    await report(ann, [], 'h5');
    const after = await sam.next('page_health', (f) => !f.agents.some((a) => a.agentId === cast.agentA.id));
    expect(after.agents.map((a) => a.agentId)).toEqual([cast.agentA2.id]);
    const text = (await listed(cast.orgId)).text;
    expect(text).toContain("Parcelly Support: transcript not found on 1 agent's page since 10:02");
  });

  it('lists unusable custom adapters with their errors', async () => {
    const { cast } = mode;
    const admin = await connect(cast.admin.token);
    const errors = ['transcript.message: "li[" is not a valid CSS selector'];
    await report(admin, [{ site: 'https://acme.example.com/*', adapter: null, missing: [], adapterErrors: errors }], 'h6');
    const line = (await listed(cast.orgId)).text.find((l) => l.startsWith('The custom adapter'));
    expect(line).toMatch(/^The custom adapter for https:\/\/acme\.example\.com\/\* is not usable \(reported by 1 person since [\d: -]+\): /);
    expect(line!.endsWith(`: ${errors[0]}`)).toBe(true);
  });

  it("never lists another organisation's reports, and refuses an unknown organisation", async () => {
    const { cast } = mode;
    const olga = await connect(cast.otherAgent.token);
    await report(olga, [broken('conversation_key', T0, 'https://globex.example.com/*')], 'h7');
    const ours = await listed(cast.orgId);
    expect(JSON.stringify(ours.json)).not.toContain(cast.otherAgent.id);
    expect(ours.text.join('\n')).not.toContain('conversation key');
    expect((await listed(cast.otherOrgId)).text).toEqual(["Parcelly Support: conversation key not found on 1 agent's page since 10:02"]);
    // The other organisation's supervisor hears nothing of ours, ours nothing of theirs.
    const oscar = await connect(cast.otherSupervisor.token);
    oscar.send({ type: 'board_subscribe', ref: 'b3' });
    expect((await oscar.next('page_health')).agents.map((a) => a.agentId)).toEqual([cast.otherAgent.id]);

    await expect(listed('org_missing')).rejects.toThrow('no organisation org_missing');
    const failed = await run(process.execPath, [BIN, 'adapters', 'health', '--org', 'org_missing', ...mode.cliFlags]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('no organisation org_missing');
  });

  it('refuses a malformed report in words and stores nothing of it', async () => {
    const { cast } = mode;
    const bea = clients.find((c) => c.frames.some((f) => f.type === 'welcome' && f.user.id === cast.agentB.id))!;
    const before = await listed(cast.orgId);
    const withText = { ...broken('transcript', T0), text: 'Hi, where is my parcel?' };
    bea.send({ type: 'adapter_health', ref: 'bad1', sites: [withText] } as Record<string, unknown>);
    const error = await bea.next('error', (e) => e.ref === 'bad1');
    expect(error).toMatchObject({ code: 'invalid_frame' });
    expect(error.message).toMatch(/^adapter_health: sites\.0: .*text/);
    const customerAsPart = { ...broken('transcript', T0), missing: [{ part: 'Kim Sato', since: T0 }] };
    bea.send({ type: 'adapter_health', ref: 'bad2', sites: [customerAsPart] } as Record<string, unknown>);
    expect((await bea.next('error', (e) => e.ref === 'bad2')).message).toContain('sites.0.missing.0.part');
    await bea.barrier();
    expect(await listed(cast.orgId)).toEqual(before);
  });

  // Only Redis mode runs several relay processes on the same data.
  if (name === 'Redis') it('tells boards on the other relay processes', async () => {
    const { cast } = mode;
    const second = await mode.startSecond!();
    try {
      const sue = await RelayTestClient.connect(second.url, cast.supervisorA2.token);
      clients.push(sue);
      sue.send({ type: 'board_subscribe', ref: 'b4' });
      await sue.next('page_health');
      const ann = clients[0]!;
      await report(ann, [broken('conversation_key', T0 + 300_000)], 'h8');
      const heard = await sue.next('page_health', (f) => f.agents.some((a) => a.agentId === cast.agentA.id));
      expect(heard.agents.find((a) => a.agentId === cast.agentA.id)?.adapters).toEqual([{ id: 'parcelly', name: 'Parcelly Support', parts: ['conversation_key'] }]);
    } finally {
      await second.stop();
    }
  });
});
