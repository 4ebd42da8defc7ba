// Node-targeted routing in Redis mode: which process holds which user is recorded in Redis, and a committed
// whisper is published only to the processes holding its recipients, each getting only its own users' entries.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RelayTestClient } from '../../support/relay-client.ts';
import { msgId } from '../../support/relay-fixture.ts';
import { freshPrefix, provisionCastIn } from './support/redis-relay-fixture.ts';
import { useRedisRelaysPerTest, type RedisRelay } from './support/redis-relays-per-test.ts';
import { until } from '../../support/until.ts';

const redis = useRedisRelaysPerTest();

describe('node-targeted routing', () => {
  it('publishes a whisper only to the processes holding its recipients, each with only its own users', async () => {
    const prefix = freshPrefix();
    const relays: RedisRelay[] = [];
    for (let i = 0; i < 3; i++) relays.push(await redis.startRelay(prefix));
    const cast = await provisionCastIn(relays[0]!.identities);
    const watcher = new Redis(redis.redisUrl);
    redis.afterTest(() => watcher.disconnect());
    const published: { channel: string; message: string }[] = [];
    watcher.on('pmessage', (_pattern: string, channel: string, message: string) => published.push({ channel, message }));
    await watcher.psubscribe(`${prefix}stream:*`);
    const reader = new Redis(redis.redisUrl);
    redis.afterTest(() => reader.disconnect());
    const holders = (userId: string) => reader.smembers(`${prefix}at:${userId}`);

    const connect = async (url: string, token: string) => {
      const c = await RelayTestClient.connect(url, token);
      redis.afterTest(() => c.drop());
      return c;
    };
    const sam = await connect(relays[0]!.url, cast.supervisorA.token);
    const ann = await connect(relays[1]!.url, cast.agentA.token);
    const bob = await connect(relays[2]!.url, cast.supervisorB.token);
    const [samAt] = await holders(cast.supervisorA.id);
    const [annAt] = await holders(cast.agentA.id);
    const [bobAt] = await holders(cast.supervisorB.id);
    expect(new Set([samAt, annAt, bobAt]).size).toBe(3);

    const id = msgId();
    sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'Offer the refund now.' });
    await sam.next('ack', (a) => a.msgId === id);
    await ann.next('message', (m) => m.message.msgId === id);
    // Bob's own whisper is a barrier: it is published after Sam's, on the channel of Bob's process.
    const bobsId = msgId();
    bob.send({ type: 'whisper', msgId: bobsId, agentId: cast.agentB.id, conversationKey: 'c-2', kind: 'whisper', text: 'Check the order.' });
    await bob.next('ack', (a) => a.msgId === bobsId);
    await until(async () => published.some((p) => p.message.includes(bobsId)), "Bob's entry on the bus", 10_000);

    const about = (messageId: string) => published.filter((p) => p.message.includes(messageId)).map((p) => `${p.channel.slice(prefix.length)} ${p.message.slice(0, p.message.indexOf('|', 2))}`).sort();
    expect(about(id)).toEqual([`stream:${annAt} m|${cast.agentA.id}:1`, `stream:${samAt} m|${cast.supervisorA.id}:1`].sort());
    expect(about(bobsId)).toEqual([`stream:${bobAt} m|${cast.supervisorB.id}:1`]);

    // Once Ann's only socket closed, her process no longer holds her and gets nothing for her.
    ann.drop();
    await until(async () => (await holders(cast.agentA.id)).length === 0, "Ann's process to let her go", 10_000);
    const later = msgId();
    sam.send({ type: 'whisper', msgId: later, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'Are you there?' });
    await sam.next('ack', (a) => a.msgId === later);
    await until(async () => published.some((p) => p.message.includes(later)), 'the later entry on the bus', 10_000);
    expect(about(later)).toEqual([`stream:${samAt} m|${cast.supervisorA.id}:2`]);
    // Ann gets it when she comes back, on any process.
    const annAgain = await RelayTestClient.connect(relays[2]!.url, cast.agentA.token, 1);
    redis.afterTest(() => annAgain.drop());
    expect(await annAgain.next('message', (m) => m.message.msgId === later)).toMatchObject({ seq: 2 });
  });
});
