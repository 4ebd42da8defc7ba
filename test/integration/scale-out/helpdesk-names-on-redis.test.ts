// A user's helpdesk names in Redis mode: set by the admin command's directory while a relay serves and has that user
// in its cache, they reach the user's next welcome from that relay; clearing them does too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { openRedisDirectory } from '../../../lib/relay/redis/redis-backend.ts';
import type { RedisDirectory } from '../../../lib/relay/redis/redis-directory.ts';
import { startRedisRelay, type Relay } from '../../../lib/relay/server.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import type { Cast } from '../../support/relay-fixture.ts';
import { freshPrefix, provisionCastIn } from './support/redis-relay-fixture.ts';
import { startRedisServer, type RedisServer } from './support/redis-server.ts';

let redis: RedisServer;
let relay: Relay<RedisDirectory>;
let cast: Cast;
const prefix = freshPrefix();

beforeAll(async () => {
  redis = await startRedisServer();
  relay = await startRedisRelay(resolveConfig({ port: 0, redisUrl: redis.url, redisPrefix: prefix, logLevel: 'silent' }, {}));
  cast = await provisionCastIn(relay.identities);
});

afterAll(async () => {
  await relay?.stop();
  await redis?.stop();
});

describe('helpdesk names on Redis', () => {
  it('reach the next welcome from a relay that already served the user, and clear again', async () => {
    const { agentA } = cast;
    const first = await RelayTestClient.connect(relay.url, agentA.token);
    expect(first.all('welcome')[0]!.user.helpdeskNames).toBeUndefined();
    await first.close();

    const admin = await openRedisDirectory(redis.url, prefix);
    try {
      const user = await admin.identities.setHelpdeskNames(agentA.id, [' Ann  Lee ', 'alee']);
      expect(user.helpdeskNames).toEqual(['Ann Lee', 'alee']);
      const second = await RelayTestClient.connect(relay.url, agentA.token);
      expect(second.all('welcome')[0]!.user.helpdeskNames).toEqual(['Ann Lee', 'alee']);
      await second.close();
      await expect(Promise.resolve().then(() => admin.identities.setHelpdeskNames(agentA.id, ['']))).rejects.toThrow('a helpdesk name must not be empty');
      await admin.identities.setHelpdeskNames(agentA.id, []);
      const third = await RelayTestClient.connect(relay.url, agentA.token);
      expect(third.all('welcome')[0]!.user.helpdeskNames).toBeUndefined();
      await third.close();
    } finally {
      await admin.close();
    }
  });
});
