// The relay's access suite (test/integration/relay/access.test.ts) run again with every fixture relay in Redis mode,
// on a redis-server of its own. (Tests there that start a relay without the fixture stay on SQLite.)
import { afterAll, expect } from 'vitest';
import { useRelayFixtureFactory } from '../../support/relay-fixture.ts';
import { startRedisRelayFixture } from './support/redis-relay-fixture.ts';
import { startRedisServer } from './support/redis-server.ts';

const redis = await startRedisServer();
let started = 0;
useRelayFixtureFactory((overrides) => {
  started++;
  return startRedisRelayFixture(redis.url, overrides);
});
afterAll(async () => {
  useRelayFixtureFactory(null);
  await redis.stop();
  expect(started, 'the suite started its relays in Redis mode').toBeGreaterThan(0);
});

await import('../relay/access.test.ts');
