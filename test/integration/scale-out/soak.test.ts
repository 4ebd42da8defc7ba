// Soak of Redis mode: two relay processes under a steady whisper load while agents and supervisors connect,
// publish chats, listen in and leave all the time, and ledger clients lose their sockets now and then. Runs
// UNDERTONE_SOAK_SECONDS (20 by default, so the integration run stays short; `npm run soak` runs 240).
// Checks the whisper ledger, that no session or board entry outlives the churn, and bounded relay memory.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisDirectory } from '../../../lib/relay/redis/redis-backend.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { conversation, type Cast } from '../../support/relay-fixture.ts';
import type { RelayProcess } from '../../support/relay-process.ts';
import { freshPrefix, provisionRedis, spawnRedisRelay } from './support/redis-relay-fixture.ts';
import { startRedisServer, type RedisServer } from './support/redis-server.ts';
import { WhisperLoad, anyRelayUrl, ledgerPeopleOf, residentBytes } from './support/whisper-ledger.ts';

const SOAK_SECONDS = Number(process.env.UNDERTONE_SOAK_SECONDS ?? 20);
/** Relay resident memory may grow by at most this much from the end of the first quarter to the end. */
const RSS_GROWTH_BOUND = 64 * 1024 * 1024;
const BOARD_GRACE_MS = 500;
const RELAY_ENV = { UNDERTONE_RATE_PER_SEC: '100000', UNDERTONE_RATE_BURST: '100000', UNDERTONE_LOG_LEVEL: 'warn', UNDERTONE_BOARD_GRACE_MS: String(BOARD_GRACE_MS) };

let redis: RedisServer;
let prefix: string;
let cast: Cast;
const churners: { id: string; token: string; role: 'agent' | 'supervisor' }[] = [];
const relays: RelayProcess[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
  prefix = freshPrefix();
  cast = await provisionRedis(redis.url, prefix);
  const directory = await openRedisDirectory(redis.url, prefix);
  try {
    for (let i = 0; i < 8; i++) {
      const role = i < 6 ? ('agent' as const) : ('supervisor' as const);
      const user = await directory.identities.addUser({ orgId: cast.orgId, name: `Churn ${role} ${i}`, role, teamIds: [cast.teamB] });
      churners.push({ id: user.id, token: (await directory.identities.issueToken(user.id, 'soak')).token, role });
    }
  } finally {
    await directory.close();
  }
  for (let i = 0; i < 2; i++) relays.push(await spawnRedisRelay(redis.url, prefix, { env: RELAY_ENV }));
});
afterAll(async () => {
  for (const r of relays) await r.kill();
  await redis?.stop();
});

const pickUrl = anyRelayUrl(relays);

/** One short visit: connect, act like an agent or supervisor for a moment, then leave (politely or not). */
async function visit(person: (typeof churners)[number]): Promise<void> {
  const ws = new WebSocket(pickUrl());
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  ws.on('error', () => {});
  ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', v: 1, token: person.token })));
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { type: string; conversationKey?: string; listeners?: unknown[] };
    if (frame.type === 'synced') {
      if (person.role === 'agent') {
        ws.send(JSON.stringify({ type: 'chat_state', conversations: [conversation(`k-${person.id}`, 'Customer', { mood: { score: Math.random(), level: 'neutral', reasons: [] } })] }));
      } else {
        ws.send(JSON.stringify({ type: 'board_subscribe' }));
        const agent = churners[Math.floor(Math.random() * 6)]!;
        ws.send(JSON.stringify({ type: 'listen_start', agentId: agent.id, conversationKey: `k-${agent.id}` }));
      }
    } else if (frame.type === 'listeners' && (frame.listeners?.length ?? 0) > 0 && ws.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'transcript', conversationKey: frame.conversationKey, snapshot: true, events: [{ id: 'e1', op: 'add', author: 'customer', text: 'hello '.repeat(50), at: null }] }));
    }
  });
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 1300));
  if (Math.random() < 0.5) ws.close();
  else ws.terminate();
  await Promise.race([closed, new Promise((r) => setTimeout(r, 3_000))]);
}

async function authenticatedConnections(relay: RelayProcess): Promise<number> {
  const text = await (await fetch(`${relay.metricsUrl}/metrics`)).text();
  return Number(/^undertone_connections\{state="authenticated"\} (\d+)/m.exec(text)?.[1] ?? NaN);
}

describe('Redis mode soak', () => {
  it(
    `keeps every guarantee through ${SOAK_SECONDS} s of load and connection churn, within a memory bound`,
    async () => {
      const load = new WhisperLoad(ledgerPeopleOf(cast), pickUrl);
      load.start(20);
      const end = Date.now() + SOAK_SECONDS * 1000;
      let visits = 0;
      const churn = Array.from({ length: churners.length }, async (_, i) => {
        while (Date.now() < end) {
          await visit(churners[i]!);
          visits++;
        }
      });
      const dropper = setInterval(() => load.clients[Math.floor(Math.random() * load.clients.length)]!.drop(), 500);
      let warm: number[] = [];
      const sample = setTimeout(() => {
        void Promise.all(relays.map((r) => residentBytes(r.child.pid!))).then((bytes) => (warm = bytes));
      }, (SOAK_SECONDS * 1000) / 4);
      try {
        await Promise.all(churn);
      } finally {
        clearInterval(dropper);
        clearTimeout(sample);
        load.stopSending();
      }
      await load.settle(30_000);
      const final = await Promise.all(relays.map((r) => residentBytes(r.child.pid!)));
      load.stop();

      expect(visits).toBeGreaterThan(churners.length * 5);
      expect(load.violations()).toEqual([]);
      expect(warm).toHaveLength(relays.length);
      for (let i = 0; i < relays.length; i++) expect(final[i]! - warm[i]!, `relay ${i} grew from ${warm[i]} to ${final[i]} bytes`).toBeLessThan(RSS_GROWTH_BOUND);

      // Nothing of the churn is left: no sessions, and after the grace period no agent on the board.
      await new Promise((r) => setTimeout(r, BOARD_GRACE_MS + 500));
      const counts = await Promise.all(relays.map((r) => authenticatedConnections(r)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(0);
      const observer = await RelayTestClient.connect(relays[1]!.url, cast.admin.token);
      observer.send({ type: 'board_subscribe', ref: 'b' });
      const board = await observer.next('board_snapshot');
      observer.drop();
      expect(board.agents).toEqual([]);
      expect(board.chats).toEqual([]);
    },
    SOAK_SECONDS * 1000 + 90_000,
  );
});
