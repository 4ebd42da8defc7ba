// Opens the Redis side of a relay process: a command connection (auto-pipelined, so appends issued together
// share one write and one fsync), a subscriber connection, the directory, the durable store and the live bus.
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import { newId } from '../identity/secrets.ts';
import { RedisDirectory } from './redis-directory.ts';
import { RedisEnrollLimiter } from './redis-enroll-limiter.ts';
import { RedisGrantStore } from './redis-grant-store.ts';
import { RedisLiveBus } from './redis-live-bus.ts';
import { RedisMessageStore } from './redis-message-store.ts';

export interface RedisBackend {
  identities: RedisDirectory;
  messages: RedisMessageStore;
  grants: RedisGrantStore;
  live: RedisLiveBus;
  enrollLimiter: RedisEnrollLimiter;
  where: Record<string, string>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A command connection that retries for ever (every 200 ms at most) and queues commands while reconnecting. */
export function connectRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    enableAutoPipelining: true,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(50 * attempt, 200),
    lazyConnect: true,
  });
}

/** The directory alone, for the admin CLI; `close` ends the connection. */
export async function openRedisDirectory(url: string, prefix: string): Promise<{ identities: RedisDirectory; close(): Promise<void> }> {
  const redis = connectRedis(url, 'undertone-admin');
  redis.on('error', () => {});
  await redis.connect();
  return { identities: new RedisDirectory(redis, prefix), close: async () => void (await redis.quit().catch(() => redis.disconnect())) };
}

export async function openRedisBackend(url: string, prefix: string, log: Logger, onCommit: (appends: number) => void): Promise<RedisBackend> {
  const processId = newId('ses').replace('ses_', 'rp_');
  const redis = connectRedis(url, `undertone-relay-${processId}`);
  const sub = connectRedis(url, `undertone-relay-sub-${processId}`);
  for (const [which, connection] of [['commands', redis], ['subscriber', sub]] as const) {
    connection.on('error', (err: Error) => log.warn({ err: err.message, connection: which }, 'Redis connection error'));
  }
  await Promise.all([redis.connect(), sub.connect()]);
  await checkDurability(redis, log);
  const identities = new RedisDirectory(redis, prefix);
  const messages = new RedisMessageStore(redis, prefix, onCommit);
  const live = new RedisLiveBus(processId, redis, sub, prefix, log);
  return {
    identities,
    messages,
    grants: new RedisGrantStore(redis, prefix),
    live,
    enrollLimiter: new RedisEnrollLimiter(redis, prefix),
    where: { redis: redactUrl(url), processId },
    start: () => live.start(),
    async close() {
      await live.stop();
      sub.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Acknowledgements mean "on disk" only with an AOF fsynced on every write: say so when Redis runs otherwise. */
async function checkDurability(redis: Redis, log: Logger): Promise<void> {
  try {
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, appendfsync] = (await redis.config('GET', 'appendfsync')) as string[];
    if (appendonly !== 'yes' || appendfsync !== 'always') {
      log.warn({ appendonly, appendfsync }, 'Redis is not running with appendonly yes and appendfsync always: acknowledged whispers may be lost if Redis crashes');
    }
  } catch {
    log.info('could not read the Redis persistence settings (CONFIG is disabled); run it with appendonly yes, appendfsync always');
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
