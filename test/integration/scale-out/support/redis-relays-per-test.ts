// For a test file of Redis mode: one redis-server for the file, relays in this process on it (each test under its
// own key prefix) and test clients to them; whatever a test starts is stopped after it, the redis-server after the file.
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { resolveConfig, type RelayConfigInput } from '../../../../lib/relay/config.ts';
import type { RedisDirectory } from '../../../../lib/relay/redis/redis-directory.ts';
import { startRedisRelay, type Relay } from '../../../../lib/relay/server.ts';
import { RelayTestClient } from '../../../support/relay-client.ts';
import type { Cast } from '../../../support/relay-fixture.ts';
import { freshPrefix, provisionCastIn } from './redis-relay-fixture.ts';
import { startRedisServer } from './redis-server.ts';

export type RedisRelay = Relay<RedisDirectory>;

export interface RelayPair {
  one: RedisRelay;
  two: RedisRelay;
  cast: Cast;
  prefix: string;
}

export interface RedisRelaysPerTest {
  /** The file's redis-server (available once the file's `beforeAll` ran). */
  readonly redisUrl: string;
  /** Runs `cleanup` after the current test (cleanups run in reverse order of registration). */
  afterTest: (cleanup: () => Promise<unknown> | void) => void;
  /** A relay in this process on the file's Redis under `prefix`, silent, on a free port; stopped after the test. */
  startRelay: (prefix: string, config?: RelayConfigInput) => Promise<RedisRelay>;
  /** Two relays sharing a fresh prefix (board updates coalesced for 10 ms) and the standard cast provisioned there. */
  relayPair: (overrides?: RelayConfigInput) => Promise<RelayPair>;
  /** A test client, dropped after the test, which must have received no malformed frame by then. */
  connect: (url: string, token: string, lastSeq?: number) => Promise<RelayTestClient>;
}

/** Call once at the top level of a test file. */
export function useRedisRelaysPerTest(): RedisRelaysPerTest {
  let redisUrl: string | undefined;
  let stopRedis: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const redis = await startRedisServer();
    redisUrl = redis.url;
    stopRedis = () => redis.stop();
  });
  afterAll(async () => {
    await stopRedis?.();
  });
  const cleanups: (() => Promise<unknown> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const relays: RedisRelaysPerTest = {
    get redisUrl() {
      if (redisUrl === undefined) throw new Error('the redis-server starts in beforeAll: use redisUrl inside a test');
      return redisUrl;
    },
    afterTest: (cleanup) => {
      cleanups.push(cleanup);
    },
    startRelay: async (prefix, config = {}) => {
      const relay = await startRedisRelay(resolveConfig({ port: 0, redisUrl: relays.redisUrl, redisPrefix: prefix, logLevel: 'silent', ...config }, {}));
      cleanups.push(() => relay.stop());
      return relay;
    },
    relayPair: async (overrides = {}) => {
      const prefix = freshPrefix();
      const one = await relays.startRelay(prefix, { boardCoalesceMs: 10, ...overrides });
      const two = await relays.startRelay(prefix, { boardCoalesceMs: 10, ...overrides });
      return { one, two, cast: await provisionCastIn(one.identities), prefix };
    },
    connect: async (url, token, lastSeq) => {
      const client = await RelayTestClient.connect(url, token, lastSeq);
      cleanups.push(() => {
        expect(client.malformed).toEqual([]);
        client.drop();
      });
      return client;
    },
  };
  return relays;
}
