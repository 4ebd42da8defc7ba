// The relay's edges suite (test/integration/relay/edges.test.ts) run again in Redis mode, and the enrollment
// limiter shared by every relay process on one Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { startRedisRelay, type Relay } from '../../../lib/relay/server.ts';
import type { RedisDirectory } from '../../../lib/relay/redis/redis-directory.ts';
import { freshPrefix } from './support/redis-relay-fixture.ts';
import { startRedisServer, type RedisServer } from './support/redis-server.ts';
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/edges.test.ts'));

describe('enrollment limiter on Redis', () => {
  let redis: RedisServer;
  const relays: Relay<RedisDirectory>[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const r of relays) await r.stop();
    await redis.stop();
  });

  const enroll = (relay: Relay<RedisDirectory>, forwardedFor: string) =>
    fetch(`http://127.0.0.1:${relay.port}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ code: 'ABCD-EFGH-JKLM' }),
    });

  it('is one limit across relay processes, kept per address in keys that expire', async () => {
    const prefix = freshPrefix();
    for (let i = 0; i < 2; i++) {
      relays.push(await startRedisRelay(resolveConfig({ port: 0, redisUrl: redis.url, redisPrefix: prefix, logLevel: 'silent', trustProxy: true }, {})));
    }
    const [a, b] = relays as [Relay<RedisDirectory>, Relay<RedisDirectory>];
    // Ten attempts spread over both relays use up one address's burst; the eleventh is refused by either.
    for (let i = 0; i < 10; i++) expect((await enroll(i % 2 ? a : b, '203.0.113.7')).status).toBe(401);
    expect((await enroll(a, '203.0.113.7')).status).toBe(429);
    expect((await enroll(b, '203.0.113.7')).status).toBe(429);
    // Other addresses are untouched.
    expect((await enroll(b, '203.0.113.8')).status).toBe(401);

    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    try {
      const ttl = await client.pttl(`${prefix}enroll:203.0.113.7`);
      // The key lives until the address's bucket would be full again (at most burst x 2 s), then Redis drops it.
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(22_000);
    } finally {
      client.disconnect();
    }
  });
});
