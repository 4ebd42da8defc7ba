// Fault tests of Redis mode, loopback only and bounded in time: a relay process SIGKILLed under load and
// restarted, redis-server SIGKILLed and restarted, and client sockets dropped at random. Each checks that every
// acknowledged whisper reached every recipient exactly once, in order, and that relay memory stayed bounded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cast } from '../../support/relay-fixture.ts';
import type { RelayProcess } from '../../support/relay-process.ts';
import { freshPrefix, provisionRedis, spawnRedisRelay } from './support/redis-relay-fixture.ts';
import { startRedisServer, type RedisServer } from './support/redis-server.ts';
import { WhisperLoad, anyRelayUrl, ledgerPeopleOf, residentBytes } from './support/whisper-ledger.ts';
import { until } from '../../support/until.ts';

/** Relay resident memory may grow by at most this much between the end of warm-up and the end of a fault run. */
const RSS_GROWTH_BOUND = 48 * 1024 * 1024;
const RELAY_ENV = { UNDERTONE_RATE_PER_SEC: '100000', UNDERTONE_RATE_BURST: '100000', UNDERTONE_LOG_LEVEL: 'warn' };

let redis: RedisServer;
let prefix: string;
let cast: Cast;
const relays: RelayProcess[] = [];
let load: WhisperLoad | undefined;

beforeEach(async () => {
  redis = await startRedisServer();
  prefix = freshPrefix();
  cast = await provisionRedis(redis.url, prefix);
  for (let i = 0; i < 2; i++) relays.push(await spawnRedisRelay(redis.url, prefix, { env: RELAY_ENV }));
});
afterEach(async () => {
  load?.stop();
  load = undefined;
  for (const r of relays.splice(0)) await r.kill();
  await redis.stop();
});

/** Spreads clients over the relays that are up (a client that finds one down tries again). */
const pickUrl = anyRelayUrl(relays);

async function relayMemory(): Promise<number[]> {
  return Promise.all(relays.map((r) => residentBytes(r.child.pid!)));
}

describe('Redis mode under faults', () => {
  it('loses nothing acknowledged when a relay process is SIGKILLed under load and restarted', async () => {
    load = new WhisperLoad(ledgerPeopleOf(cast), pickUrl);
    load.start();
    await until(() => load!.ackedCount >= 300, '300 acknowledged whispers', 20_000);
    const before = await relayMemory();

    const victim = relays[0]!;
    const port = victim.port;
    await victim.kill();
    await until(() => load!.ackedCount >= 600, 'whispers acknowledged by the surviving relay', 20_000);
    relays[0] = await spawnRedisRelay(redis.url, prefix, { port, env: RELAY_ENV });
    await until(() => load!.ackedCount >= 900, 'whispers acknowledged after the restart', 20_000);
    load.stopSending();
    await load.settle(20_000);

    expect(load.violations()).toEqual([]);
    expect(load.clients.some((c) => c.connects > 1)).toBe(true);
    const after = await relayMemory();
    expect(after[1]! - before[1]!).toBeLessThan(RSS_GROWTH_BOUND);
  });

  it('loses nothing acknowledged when redis-server is SIGKILLed under load and restarted', async () => {
    load = new WhisperLoad(ledgerPeopleOf(cast), pickUrl);
    load.start();
    await until(() => load!.ackedCount >= 300, '300 acknowledged whispers', 20_000);
    const before = await relayMemory();
    const ackedBefore = load.ackedCount;

    await redis.kill();
    await new Promise((r) => setTimeout(r, 700));
    await redis.restart();
    await until(() => load!.ackedCount >= ackedBefore + 300, 'whispers acknowledged after Redis came back', 30_000);
    load.stopSending();
    await load.settle(30_000);

    expect(load.violations()).toEqual([]);
    const after = await relayMemory();
    for (let i = 0; i < relays.length; i++) expect(after[i]! - before[i]!).toBeLessThan(RSS_GROWTH_BOUND);
  });

  it('loses and repeats nothing when client sockets are dropped at random', async () => {
    load = new WhisperLoad(ledgerPeopleOf(cast), pickUrl);
    load.start();
    await until(() => load!.ackedCount >= 200, '200 acknowledged whispers', 20_000);
    const before = await relayMemory();
    const clients = load.clients;
    let drops = 0;
    const dropper = setInterval(() => {
      clients[Math.floor(Math.random() * clients.length)]!.drop();
      drops++;
    }, 40);
    try {
      await until(() => load!.ackedCount >= 1_200, 'whispers acknowledged while sockets drop', 30_000);
    } finally {
      clearInterval(dropper);
    }
    load.stopSending();
    await load.settle(20_000);

    expect(drops).toBeGreaterThan(20);
    expect(load.violations()).toEqual([]);
    const after = await relayMemory();
    for (let i = 0; i < relays.length; i++) expect(after[i]! - before[i]!).toBeLessThan(RSS_GROWTH_BOUND);
  });
});
