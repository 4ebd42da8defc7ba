// The relay's edges suite (test/integration/relay/edges.test.ts) run again in Redis mode, and the enrollment
// limiter shared by every relay process on one Redis.
import { describe, expect, it } from 'vitest';
import { freshPrefix } from './support/redis-relay-fixture.ts';
import { useRedisRelaysPerTest, type RedisRelay } from './support/redis-relays-per-test.ts';
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/edges.test.ts'));

describe('enrollment limiter on Redis', () => {
  const redis = useRedisRelaysPerTest();

  const enroll = (relay: RedisRelay, forwardedFor: string) =>
    fetch(`http://127.0.0.1:${relay.port}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ code: 'ABCD-EFGH-JKLM' }),
    });

  it('is one limit across relay processes, kept per address in keys that expire', async () => {
    const prefix = freshPrefix();
    const a = await redis.startRelay(prefix, { trustProxy: true });
    const b = await redis.startRelay(prefix, { trustProxy: true });
    // Ten attempts spread over both relays use up one address's burst; the eleventh is refused by either.
    for (let i = 0; i < 10; i++) expect((await enroll(i % 2 ? a : b, '203.0.113.7')).status).toBe(401);
    expect((await enroll(a, '203.0.113.7')).status).toBe(429);
    expect((await enroll(b, '203.0.113.7')).status).toBe(429);
    // Other addresses are untouched.
    expect((await enroll(b, '203.0.113.8')).status).toBe(401);

    const { Redis } = await import('ioredis');
    const client = new Redis(redis.redisUrl);
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
