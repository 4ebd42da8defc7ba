// How the Redis live bus sends transcripts to another process: each event-loop turn's at once, a bounded number of
// publishes unanswered, later ones batched in order until Redis answers, and a bounded queue beyond that.
import { describe, expect, it } from 'vitest';
import type { Command, Redis } from 'ioredis';
import { RedisLiveBus } from '../../../lib/relay/redis/redis-live-bus.ts';
import { forEachTranscript } from '../../../lib/relay/redis/transcript-batch.ts';

/** A command connection that records publishes and answers them only when told to. */
function unansweredRedis() {
  const sent: { channel: string; texts: string[]; answer: () => void }[] = [];
  const redis = {
    sendCommand(command: Command) {
      const [channel, payload] = command.args as [string, Buffer];
      const texts: string[] = [];
      forEachTranscript(payload, (_key, text) => texts.push(text.toString()));
      sent.push({ channel, texts, answer: () => command.resolve(1) });
      return command.promise;
    },
  };
  return { redis: redis as unknown as Redis, sent };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const log = { warn: () => {}, info: () => {}, error: () => {} } as never;

describe('transcripts published over Redis', () => {
  it('sends each turn at once while publishes are unanswered, then batches in order until one is answered', async () => {
    const { redis, sent } = unansweredRedis();
    const bus = new RedisLiveBus('rp_a', redis, redis, 'u:', log);
    let n = 0;
    for (let t = 0; t < 8; t++) {
      bus.sendTranscript('rp_b', 'k', `f${n++}`);
      bus.sendTranscript('rp_b', 'k', `f${n++}`);
      await turn();
    }
    // Eight turns, eight publishes, none answered yet: no transcript waited for a reply.
    expect(sent.map((s) => s.texts)).toEqual(Array.from({ length: 8 }, (_, t) => [`f${2 * t}`, `f${2 * t + 1}`]));
    expect(sent.every((s) => s.channel === 'u:tx:rp_b')).toBe(true);
    for (let t = 0; t < 3; t++) {
      bus.sendTranscript('rp_b', 'k', `f${n++}`);
      await turn();
    }
    expect(sent).toHaveLength(8);
    sent[0]!.answer();
    await turn();
    expect(sent).toHaveLength(9);
    expect(sent[8]!.texts).toEqual(['f16', 'f17', 'f18']);
  });

  it('keeps at most 10,000 transcripts per process while Redis does not answer, dropping later ones', async () => {
    const { redis, sent } = unansweredRedis();
    const bus = new RedisLiveBus('rp_a', redis, redis, 'u:', log);
    for (let t = 0; t < 8; t++) {
      bus.sendTranscript('rp_b', 'k', 'x');
      await turn();
    }
    for (let i = 0; i < 10_050; i++) bus.sendTranscript('rp_b', 'k', `q${i}`);
    await turn();
    sent[3]!.answer();
    await turn();
    expect(sent).toHaveLength(9);
    expect(sent[8]!.texts).toHaveLength(10_000);
    expect(sent[8]!.texts.at(-1)).toBe('q9999');
  });
});
