// Opens the Redis side of a relay process: a command connection (auto-pipelined), a subscriber connection, the
// directory, the durable store (appends batched per event-loop turn) and the live bus. Redis is reached by URL
// or through Sentinel, which then names the current primary and is asked again after a failover.
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from '../config.ts';
import type { Logger } from '../log.ts';
import { newId } from '../identity/secrets.ts';
import { RedisDirectory } from './redis-directory.ts';
import { RedisEnrollLimiter } from './redis-enroll-limiter.ts';
import { RedisGrantStore } from './redis-grant-store.ts';
import { RedisHealthStore } from './redis-health-store.ts';
import { DEFAULT_LIVE_BUS_OPTIONS, RedisLiveBus } from './redis-live-bus.ts';
import { RedisMessageStore } from './redis-message-store.ts';
import type { ReplicaWait } from './append-batch.ts';

export interface RedisBackend {
  identities: RedisDirectory;
  messages: RedisMessageStore;
  grants: RedisGrantStore;
  health: RedisHealthStore;
  live: RedisLiveBus;
  enrollLimiter: RedisEnrollLimiter;
  where: Record<string, string>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** A connection that retries for ever (every 200 ms at most) and queues commands while reconnecting. */
export function connectRedis(target: RedisTarget | string, name: string): Redis {
  const options: RedisOptions = {
    connectionName: name,
    enableAutoPipelining: true,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(50 * attempt, 200),
    lazyConnect: true,
  };
  if (typeof target === 'string') return new Redis(target, options);
  if ('url' in target) return new Redis(target.url, options);
  return new Redis({
    ...options,
    sentinels: target.sentinels,
    name: target.name,
    ...(target.password ? { password: target.password } : {}),
    sentinelRetryStrategy: (attempt) => Math.min(50 * attempt, 200),
    // A primary demoted by a failover while it stays up answers writes with READONLY: reconnect (asking the
    // sentinels again) and send the command again.
    reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
  });
}

/**
 * Keeps a connection reconnecting even after ioredis gave it up ("end": e.g. a connect attempt that failed while
 * Sentinel was moving to a new primary); returns the function that lets it end on shutdown.
 */
function keepConnecting(connection: Redis, log: Logger, which: string): () => void {
  let stopping = false;
  connection.on('end', () => {
    if (stopping) return;
    log.warn({ connection: which }, 'Redis connection ended: connecting again');
    setTimeout(() => {
      if (!stopping) connection.connect().catch(() => {});
    }, 200).unref();
  });
  return () => {
    stopping = true;
  };
}

/** The directory and the adapter health reports, for the admin CLI; `close` ends the connection. */
export async function openRedisDirectory(
  target: RedisTarget | string,
  prefix: string,
): Promise<{ identities: RedisDirectory; health: RedisHealthStore; close(): Promise<void> }> {
  const redis = connectRedis(target, 'undertone-admin');
  redis.on('error', () => {});
  await redis.connect();
  return {
    identities: new RedisDirectory(redis, prefix),
    health: new RedisHealthStore(redis, prefix),
    close: async () => void (await redis.quit().catch(() => redis.disconnect())),
  };
}

export async function openRedisBackend(
  target: RedisTarget,
  prefix: string,
  log: Logger,
  onCommit: (appends: number) => void,
  wait: ReplicaWait = { replicas: 0, timeoutMs: 0 },
  forgetAfterMs = DEFAULT_LIVE_BUS_OPTIONS.forgetAfterMs,
): Promise<RedisBackend> {
  const processId = newId('ses').replace('ses_', 'rp_');
  const redis = connectRedis(target, `undertone-relay-${processId}`);
  const sub = connectRedis(target, `undertone-relay-sub-${processId}`);
  const letEnd: (() => void)[] = [];
  for (const [which, connection] of [['commands', redis], ['subscriber', sub]] as const) {
    connection.on('error', (err: Error) => log.warn({ err: err.message, connection: which }, 'Redis connection error'));
    letEnd.push(keepConnecting(connection, log, which));
  }
  await Promise.all([redis.connect(), sub.connect()]);
  await checkDurability(redis, log);
  const identities = new RedisDirectory(redis, prefix);
  const messages = new RedisMessageStore(redis, prefix, onCommit, wait);
  const live = new RedisLiveBus(processId, redis, sub, prefix, log, { ...DEFAULT_LIVE_BUS_OPTIONS, forgetAfterMs });
  live.addChannel(`${prefix}parts`, (announcement) => messages.participantAdded(announcement), () => messages.forgetParticipants());
  return {
    identities,
    messages,
    grants: new RedisGrantStore(redis, prefix),
    health: new RedisHealthStore(redis, prefix),
    live,
    enrollLimiter: new RedisEnrollLimiter(redis, prefix),
    where: { redis: 'url' in target ? redactUrl(target.url) : `sentinel ${target.name} via ${target.sentinels.map((s) => `${s.host}:${s.port}`).join(',')}`, processId, waitReplicas: String(wait.replicas) },
    start: () => live.start(),
    async close() {
      messages.close();
      await live.stop();
      for (const stop of letEnd) stop();
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
