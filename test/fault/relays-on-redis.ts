// Starts a throwaway redis-server (or uses UNDERTONE_REDIS_URL) and N relay processes in Redis mode on it, prints
// one JSON line {"redisUrl","prefix","relays":[{"url","port","pid"}]} when all listen, and stops everything on
// SIGINT or SIGTERM. For benchmarks and trials: `node bin/run-ts.mjs test/fault/relays-on-redis.ts [N]`.
// Provision users with `undertone-relay ... --redis URL --redis-prefix PREFIX` (or the RedisDirectory).
import { freshPrefix, spawnRedisRelay } from '../integration/scale-out/support/redis-relay-fixture.ts';
import { startRedisServer } from '../integration/scale-out/support/redis-server.ts';
import type { RelayProcess } from '../support/relay-process.ts';

const count = Number(process.argv[2] ?? 2);
if (!Number.isInteger(count) || count < 1) {
  console.error('usage: relays-on-redis.ts [NUMBER_OF_RELAYS]');
  process.exit(2);
}
const own = process.env.UNDERTONE_REDIS_URL ? null : await startRedisServer();
const redisUrl = process.env.UNDERTONE_REDIS_URL ?? own!.url;
const prefix = process.env.UNDERTONE_REDIS_PREFIX ?? freshPrefix();
const relays: RelayProcess[] = [];
for (let i = 0; i < count; i++) relays.push(await spawnRedisRelay(redisUrl, prefix, { env: { UNDERTONE_RATE_PER_SEC: '1000000', UNDERTONE_RATE_BURST: '1000000' } }));
console.log(JSON.stringify({ redisUrl, prefix, relays: relays.map((r) => ({ url: r.url, port: r.port, pid: r.child.pid })) }));

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  for (const r of relays) await r.stop();
  await own?.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
