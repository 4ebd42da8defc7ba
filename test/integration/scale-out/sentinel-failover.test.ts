// Redis Sentinel failover under whisper load, with real redis-server and redis-sentinel processes: the primary is
// SIGKILLed, Sentinel promotes a replica, the relay processes follow it, and every whisper acknowledged (each one
// confirmed by a replica through WAIT before its ack) is delivered exactly once; unacknowledged ones are resent
// by their clients and stored once.
import { afterEach, beforeEach, describe, expect, it, onTestFailed } from 'vitest';
import type { Cast } from '../../support/relay-fixture.ts';
import { spawnRelay, type RelayProcess } from '../../support/relay-process.ts';
import { freshPrefix, provisionRedis } from './support/redis-relay-fixture.ts';
import { SENTINEL_NAME, startSentinelCluster, type SentinelCluster } from './support/sentinel-cluster.ts';
import { WhisperLoad, anyRelayUrl, ledgerPeopleOf } from './support/whisper-ledger.ts';
import { until } from '../../support/until.ts';

let cluster: SentinelCluster;
let prefix: string;
let cast: Cast;
const relays: RelayProcess[] = [];
let load: WhisperLoad | undefined;

function spawnSentinelRelay(): Promise<RelayProcess> {
  return spawnRelay({
    dataDir: '/nonexistent-undertone-data',
    env: {
      UNDERTONE_REDIS_SENTINEL: cluster.sentinelList,
      UNDERTONE_REDIS_NAME: SENTINEL_NAME,
      UNDERTONE_REDIS_PREFIX: prefix,
      UNDERTONE_REDIS_WAIT_REPLICAS: '1',
      UNDERTONE_REDIS_WAIT_MS: '5000',
      UNDERTONE_RATE_PER_SEC: '100000',
      UNDERTONE_RATE_BURST: '100000',
      UNDERTONE_LOG_LEVEL: 'warn',
    },
  });
}

beforeEach(async () => {
  cluster = await startSentinelCluster();
  prefix = freshPrefix();
  cast = await provisionRedis({ sentinels: cluster.sentinels, name: SENTINEL_NAME }, prefix);
  for (let i = 0; i < 2; i++) relays.push(await spawnSentinelRelay());
}, 60_000);
afterEach(async () => {
  load?.stop();
  load = undefined;
  for (const r of relays.splice(0)) await r.kill();
  await cluster.stop();
});

describe('Redis Sentinel failover', () => {
  it('loses and repeats no acknowledged whisper when the primary is SIGKILLed under load', async () => {
    load = new WhisperLoad(ledgerPeopleOf(cast), anyRelayUrl(relays));
    load.start();
    await until(() => load!.ackedCount >= 300, '300 acknowledged whispers', 20_000);

    const oldPrimary = await cluster.primaryPort();
    const running = [...relays];
    onTestFailed(() => {
      console.error(`relay logs:\n${running.map((r) => r.logs.filter((l) => !l.includes('"level":30')).slice(-25).join('\n')).join('\n---\n')}`);
    });
    await cluster.killServer(oldPrimary);
    const ackedAtKill = load.ackedCount;
    const newPrimary = await cluster.awaitFailover(oldPrimary, 30_000);
    expect(newPrimary).not.toBe(oldPrimary);
    await until(() => load!.ackedCount >= ackedAtKill + 300, 'whispers acknowledged through the promoted replica', 30_000);
    load.stopSending();
    await load.settle(30_000);

    expect(load.violations()).toEqual([]);
    // The relays stayed up and followed the new primary.
    for (const r of relays) expect(r.child.exitCode, r.logs.slice(-15).join("\n")).toBeNull();
  }, 120_000);
});
