// Runs one of the relay's SQLite suites again with every fixture relay in Redis mode, on a redis-server of its own.
// (Tests in that suite that start a relay without the fixture stay on SQLite.)
import { afterAll, expect } from 'vitest';
import { useRelayFixtureFactory } from '../../../support/relay-fixture.ts';
import { startRedisRelayFixture } from './redis-relay-fixture.ts';
import { startRedisServer } from './redis-server.ts';

/** Call at the top level of a test file with the suite's import: `await runSuiteOnRedis(() => import('…'))`. */
export async function runSuiteOnRedis(loadSuite: () => Promise<unknown>): Promise<void> {
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
  await loadSuite();
}
