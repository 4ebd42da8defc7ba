// A relay process SIGKILLed without saying goodbye leaves its record of held users (at:USER, holds:PROCESS) in
// Redis; the surviving process sweeps it, so stream entries stop being published into the dead process's channel.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { RelayProcess } from '../../support/relay-process.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { msgId } from '../../support/relay-fixture.ts';
import { until } from '../../support/until.ts';
import { freshPrefix, provisionRedis, spawnRedisRelay } from './support/redis-relay-fixture.ts';
import { useRedisRelaysPerTest } from './support/redis-relays-per-test.ts';

/** The shortest forget window the relay accepts, so that the sweep happens within the test's time. */
const FORGET_ENV = { UNDERTONE_REDIS_FORGET_AFTER_MS: '3000' };

const redis = useRedisRelaysPerTest();

describe('a dead relay process in Redis mode', () => {
  it('has its holdings swept, after which nothing is published to its channel and its users are reached elsewhere', async () => {
    const prefix = freshPrefix();
    const cast = await provisionRedis(redis.redisUrl, prefix);
    const doomed: RelayProcess = await spawnRedisRelay(redis.redisUrl, prefix, { env: FORGET_ENV });
    redis.afterTest(() => doomed.kill());
    const survivor = await spawnRedisRelay(redis.redisUrl, prefix, { env: FORGET_ENV });
    redis.afterTest(() => survivor.stop());

    const reader = new Redis(redis.redisUrl);
    redis.afterTest(() => reader.disconnect());
    const holders = (userId: string) => reader.smembers(`${prefix}at:${userId}`);
    const connect = async (url: string, token: string) => {
      const c = await RelayTestClient.connect(url, token);
      redis.afterTest(() => c.drop());
      return c;
    };

    // Ann and Abe on the process about to die, Sam on the survivor.
    const ann = await connect(doomed.url, cast.agentA.token);
    await connect(doomed.url, cast.agentA2.token);
    const sam = await connect(survivor.url, cast.supervisorA.token);
    const [deadPid] = await holders(cast.agentA.id);
    const [livePid] = await holders(cast.supervisorA.id);
    expect(deadPid).toBeDefined();
    expect(livePid).toBeDefined();
    expect(deadPid).not.toBe(livePid);
    expect(await holders(cast.agentA2.id)).toEqual([deadPid]);

    // One connection watches both processes' stream channels: Redis delivers its messages in publish order.
    const watcher = new Redis(redis.redisUrl);
    redis.afterTest(() => watcher.disconnect());
    const published: { channel: string; message: string }[] = [];
    watcher.on('message', (channel: string, message: string) => published.push({ channel, message }));
    await watcher.subscribe(`${prefix}stream:${deadPid}`, `${prefix}stream:${livePid}`);
    const onChannelOf = (pid: string, id: string) => published.some((p) => p.channel === `${prefix}stream:${pid}` && p.message.includes(id));

    await doomed.kill();
    await ann.waitClosed();

    // Before the sweep the dead process still holds Abe, and his entries go into its channel, where nobody reads.
    const early = msgId();
    sam.send({ type: 'whisper', msgId: early, agentId: cast.agentA2.id, conversationKey: 'c-1', kind: 'whisper', text: 'Are you there?' });
    await sam.next('ack', (a) => a.msgId === early);
    await until(() => onChannelOf(deadPid!, early), 'the early entry on the dead process channel', 10_000);

    // The survivor sweeps the dead process's holdings once it has been unheard for the forget window.
    // Expected within about four seconds; the bound is generous for a machine busy with other suites, and a
    // failure shows what the survivor logged.
    const swept = async () => (await holders(cast.agentA2.id)).length === 0 && (await holders(cast.agentA.id)).length === 0;
    await until(swept, 'the dead process holdings to be swept', 45_000).catch((error: Error) => {
      throw new Error(`${error.message}\nsurvivor's log:\n${survivor.logs.slice(-40).join('\n')}`);
    });
    expect(await reader.exists(`${prefix}holds:${deadPid}`)).toBe(0);
    expect(await reader.zscore(`${prefix}procs`, deadPid!)).toBeNull();
    expect(await reader.zscore(`${prefix}procs`, livePid!)).not.toBeNull();

    // Ann comes back on the survivor: routing recovers and her entries go only to the survivor's channel.
    const annAgain = await connect(survivor.url, cast.agentA.token);
    expect(await holders(cast.agentA.id)).toEqual([livePid]);
    const later = msgId();
    sam.send({ type: 'whisper', msgId: later, agentId: cast.agentA2.id, conversationKey: 'c-1', kind: 'whisper', text: 'Call me when you are back.' });
    await sam.next('ack', (a) => a.msgId === later);
    const toAnn = msgId();
    sam.send({ type: 'whisper', msgId: toAnn, agentId: cast.agentA.id, conversationKey: 'c-2', kind: 'whisper', text: 'Offer the refund now.' });
    await sam.next('ack', (a) => a.msgId === toAnn);
    const delivered = await annAgain.next('message', (m) => m.message.msgId === toAnn);
    expect(delivered.message.text).toBe('Offer the refund now.');
    // Barrier: the entry to Ann is on the survivor's channel, published after Abe's; Abe's went nowhere.
    await until(() => onChannelOf(livePid!, toAnn), "Ann's entry on the survivor's channel", 10_000);
    expect(published.filter((p) => p.channel === `${prefix}stream:${deadPid}` && (p.message.includes(later) || p.message.includes(toAnn)))).toEqual([]);
    // Abe's whisper is stored all the same: he gets it when he connects again.
    const abe = await connect(survivor.url, cast.agentA2.token);
    await abe.next('message', (m) => m.message.msgId === later);
  }, 120_000);
});
