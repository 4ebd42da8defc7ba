// The relay's settings: defaults, then environment variables, then command-line flags, validated with zod.
import { z } from 'zod';
import { DEFAULT_LIMITS, describeIssues } from '../protocol/index.ts';

export const RelayConfigSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8740),
  dataDir: z.string().min(1).default('.data'),
  /** Redis mode: several relay processes share this Redis (redis://host:port/db); SQLite in dataDir when absent. */
  redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Prefix of every Redis key and channel, so that several deployments can share one Redis. */
  redisPrefix: z.string().min(1).max(64).default('undertone:'),
  /** Redis mode through Sentinel: `host:port,host:port` of the sentinels; `redisName` names the monitored primary. */
  redisSentinel: z
    .string()
    .regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, 'must be host:port[,host:port...]')
    .transform((list) => list.split(',').map((item) => ({ host: item.slice(0, item.lastIndexOf(':')), port: Number(item.slice(item.lastIndexOf(':') + 1)) })))
    .optional(),
  redisName: z.string().min(1).max(200).optional(),
  /** Password of the Redis servers found through Sentinel (environment only, so it never shows in a process list). */
  redisPassword: z.string().min(1).optional(),
  /**
   * Replicas that must confirm a durable write (Redis WAIT) before it is acknowledged; default 1 with Sentinel,
   * 0 otherwise. 0 acknowledges after the primary's fsync alone.
   */
  redisWaitReplicas: z.coerce.number().int().min(0).max(16).optional(),
  /** How long an append waits for those replicas; after that the sender is asked to send again. */
  redisWaitMs: z.coerce.number().int().positive().max(60_000).default(1_000),
  /**
   * A relay process unheard this long (it died without saying goodbye) loses its record of the users it held,
   * so that their stream entries stop being published to its channel; swept at a third of this period.
   */
  redisForgetAfterMs: z.coerce.number().int().min(3_000).max(600_000).default(30_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Days of coaching history kept; older messages and stream entries are pruned. */
  retentionDays: z.coerce.number().positive().default(30),
  /** How long an agent's chats stay on the board after their connection drops. */
  boardGraceMs: z.coerce.number().int().nonnegative().default(15_000),
  boardCoalesceMs: z.coerce.number().int().nonnegative().default(50),
  maxFrameBytes: z.coerce.number().int().min(1024).default(DEFAULT_LIMITS.maxFrameBytes),
  ratePerSec: z.coerce.number().positive().default(DEFAULT_LIMITS.ratePerSec),
  rateBurst: z.coerce.number().int().positive().default(DEFAULT_LIMITS.rateBurst),
  helloTimeoutMs: z.coerce.number().int().positive().default(DEFAULT_LIMITS.helloTimeoutMs),
  heartbeatMs: z.coerce.number().int().positive().default(DEFAULT_LIMITS.heartbeatMs),
  maxInvalidPerMinute: z.coerce.number().int().nonnegative().default(DEFAULT_LIMITS.maxInvalidPerMinute),
  maxSendBufferBytes: z.coerce.number().int().min(1024).default(DEFAULT_LIMITS.maxSendBufferBytes),
  /** A colleague brought into a chat keeps access at most this long (seconds; default 8 hours). */
  guestMaxSeconds: z.coerce.number().positive().default(8 * 3600),
  /** A guest's access ends once its chat has been missing from the agent's chat state this long (seconds). */
  guestChatGoneSeconds: z.coerce.number().positive().default(600),
  /** Whether a guest may bring further colleagues into the chat it was invited to. */
  guestsMayInvite: z
    .union([z.boolean(), z.enum(['1', 'true', 'yes', '0', 'false', 'no'])])
    .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes')
    .default(false),
  /** Folder written by `npm run package`: served under /extensions/ for self-hosted installs and updates (lib/rollout). */
  extensionsDir: z.string().min(1).optional(),
  /**
   * The relay runs behind a reverse proxy (TLS, load balancer): per-address limits use the last address of
   * X-Forwarded-For, the one the proxy appended. Leave off when clients connect directly, or they could pick it.
   */
  trustProxy: z
    .union([z.boolean(), z.enum(['1', 'true', 'yes', '0', 'false', 'no'])])
    .transform((v) => v === true || v === '1' || v === 'true' || v === 'yes')
    .default(false),
  /**
   * Web origins (scheme://host[:port]) allowed to open a WebSocket or enroll, besides the extension's own
   * (chrome-extension://, moz-extension://). Empty by default: web pages are refused.
   */
  allowedOrigins: z
    .preprocess((v) => (typeof v === 'string' ? v.split(',').map((o) => o.trim()).filter(Boolean) : v), z.array(z.string().regex(/^https?:\/\/[^/?#\s]+$/, 'each allowed origin must look like https://host[:port]')))
    .default([]),
  /** Open connections (WebSocket or HTTP) from one client address; 0 for no cap. */
  maxConnectionsPerAddress: z.coerce.number().int().nonnegative().default(256),
  /** A new TCP connection must finish its HTTP request or WebSocket upgrade headers within this time. */
  handshakeTimeoutMs: z.coerce.number().int().positive().default(5_000),
  /** Serve /metrics (and /healthz) on this separate port, on metricsHost; 0 picks a free port. Off when absent. */
  metricsPort: z.coerce.number().int().min(0).max(65535).optional(),
  metricsHost: z.string().min(1).default('127.0.0.1'),
  /** Serve /metrics on the public port too, to requests that carry `Authorization: Bearer <metricsToken>`. */
  metricsToken: z.string().min(16, 'metricsToken must be at least 16 characters').optional(),
  /** The relay's address as browsers reach it (https://relay.example.com): the single sign-on callback is built from it. */
  publicUrl: z.string().url().regex(/^https?:\/\//, 'must be an http:// or https:// URL').optional(),
});

export type RelayConfig = z.infer<typeof RelayConfigSchema>;
export type RelayConfigInput = z.input<typeof RelayConfigSchema>;

/** Environment variables the relay reads, e.g. UNDERTONE_PORT=8740. */
export const ENV_NAMES: Record<keyof RelayConfig, string> = {
  host: 'UNDERTONE_HOST',
  port: 'UNDERTONE_PORT',
  dataDir: 'UNDERTONE_DATA',
  redisUrl: 'UNDERTONE_REDIS_URL',
  redisPrefix: 'UNDERTONE_REDIS_PREFIX',
  redisSentinel: 'UNDERTONE_REDIS_SENTINEL',
  redisName: 'UNDERTONE_REDIS_NAME',
  redisPassword: 'UNDERTONE_REDIS_PASSWORD',
  redisWaitReplicas: 'UNDERTONE_REDIS_WAIT_REPLICAS',
  redisWaitMs: 'UNDERTONE_REDIS_WAIT_MS',
  redisForgetAfterMs: 'UNDERTONE_REDIS_FORGET_AFTER_MS',
  logLevel: 'UNDERTONE_LOG_LEVEL',
  retentionDays: 'UNDERTONE_RETENTION_DAYS',
  boardGraceMs: 'UNDERTONE_BOARD_GRACE_MS',
  boardCoalesceMs: 'UNDERTONE_BOARD_COALESCE_MS',
  maxFrameBytes: 'UNDERTONE_MAX_FRAME_BYTES',
  ratePerSec: 'UNDERTONE_RATE_PER_SEC',
  rateBurst: 'UNDERTONE_RATE_BURST',
  helloTimeoutMs: 'UNDERTONE_HELLO_TIMEOUT_MS',
  heartbeatMs: 'UNDERTONE_HEARTBEAT_MS',
  maxInvalidPerMinute: 'UNDERTONE_MAX_INVALID_PER_MINUTE',
  maxSendBufferBytes: 'UNDERTONE_MAX_SEND_BUFFER_BYTES',
  guestMaxSeconds: 'UNDERTONE_GUEST_MAX_SECONDS',
  guestChatGoneSeconds: 'UNDERTONE_GUEST_CHAT_GONE_SECONDS',
  guestsMayInvite: 'UNDERTONE_GUESTS_MAY_INVITE',
  extensionsDir: 'UNDERTONE_EXTENSIONS_DIR',
  trustProxy: 'UNDERTONE_TRUST_PROXY',
  allowedOrigins: 'UNDERTONE_ALLOWED_ORIGINS',
  maxConnectionsPerAddress: 'UNDERTONE_MAX_CONNECTIONS_PER_ADDRESS',
  handshakeTimeoutMs: 'UNDERTONE_HANDSHAKE_TIMEOUT_MS',
  metricsPort: 'UNDERTONE_METRICS_PORT',
  metricsHost: 'UNDERTONE_METRICS_HOST',
  metricsToken: 'UNDERTONE_METRICS_TOKEN',
  publicUrl: 'UNDERTONE_PUBLIC_URL',
};

export class ConfigError extends Error {}

/** Merges environment and explicit values (explicit win) and validates them with readable errors. */
export function resolveConfig(explicit: Partial<Record<keyof RelayConfig, unknown>>, env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const merged: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const fromEnv = env[name];
    if (fromEnv !== undefined && fromEnv !== '') merged[key] = fromEnv;
  }
  for (const [key, value] of Object.entries(explicit)) if (value !== undefined) merged[key] = value;
  const parsed = RelayConfigSchema.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`invalid relay setting: ${describeIssues(parsed.error)}`);
  const config = parsed.data;
  if (config.redisSentinel && !config.redisName) throw new ConfigError('invalid relay setting: --redis-sentinel needs --redis-name (the name Sentinel monitors the primary under)');
  if (config.redisName && !config.redisSentinel) throw new ConfigError('invalid relay setting: --redis-name is only used with --redis-sentinel');
  if (config.redisSentinel && config.redisUrl) throw new ConfigError('invalid relay setting: use either --redis or --redis-sentinel, not both');
  return config;
}

/** Where Redis mode finds its Redis: a URL, or Sentinels and the primary's name; undefined in SQLite mode. */
export type RedisTarget = { url: string } | { sentinels: { host: string; port: number }[]; name: string; password?: string };

export function redisTargetOf(config: RelayConfig): RedisTarget | undefined {
  if (config.redisUrl) return { url: config.redisUrl };
  if (config.redisSentinel && config.redisName) {
    return { sentinels: config.redisSentinel, name: config.redisName, ...(config.redisPassword ? { password: config.redisPassword } : {}) };
  }
  return undefined;
}

/** Replicas an acknowledgement waits for (Redis WAIT), and for how long. */
export function replicaWaitOf(config: RelayConfig): { replicas: number; timeoutMs: number } {
  return { replicas: config.redisWaitReplicas ?? (config.redisSentinel ? 1 : 0), timeoutMs: config.redisWaitMs };
}
