// Assembles one relay process: a store and directory (SQLite, or Redis shared with other relay processes),
// hub, WebSocket and HTTP on one port behind the connection guard and Origin check, a metrics port, heartbeat sweep, token revocation watch, history retention, and a
// draining shutdown.
import { STATUS_CODES, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, WS_PATH } from '../protocol/index.ts';
import { redisTargetOf, replicaWaitOf, type RelayConfig } from './config.ts';
import { acceptConnection, type ConnectionContext, type ConnectionHandle } from './connection.ts';
import { guardConnections } from './connection-guard.ts';
import { MemoryEnrollLimiter, type EnrollLimiter } from './enroll-limiter.ts';
import { createHttpHandler, createMetricsHandler, type HttpRouteHook } from './http-routes.ts';
import { judgeOrigin, originAllowed } from './origin-policy.ts';
import { clientAddress } from './client-address.ts';
import { Hub } from './hub/hub.ts';
import type { LiveBus } from './hub/live-bus.ts';
import { CachedDirectory } from './identity/cached-directory.ts';
import type { DirectoryAdmin } from './identity/directory.ts';
import { IdentityStore } from './identity/identity-store.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics, type RelayMetrics } from './metrics.ts';
import { openRedisBackend } from './redis/redis-backend.ts';
import type { RedisDirectory } from './redis/redis-directory.ts';
import { openDatabase } from './store/database.ts';
import type { DurableStore } from './store/durable-store.ts';
import { WriterThread } from './store/writer-thread.ts';
import { GuestDesk, SqliteGrantStore, type GrantStore } from './guests/index.ts';
import { SqliteHealthStore, type AdapterHealthStore } from './health/index.ts';
import { MessageStore } from './store/message-store.ts';
import { RELAY_VERSION } from './version.ts';
import { createSsoRoutes, ProviderMetadataCache, SsoSignIn, SsoStore } from './sso/index.ts';
import { createOrgOverviewRoute } from './admin/org-overview.ts';

const REVOCATION_POLL_MS = 1_000;
const RETENTION_SWEEP_MS = 3600_000;

/** How long routing may use a cached user record (role, org, teams). */
const USER_CACHE_MS = 2_000;

export interface Relay<D extends DirectoryAdmin = IdentityStore> {
  readonly port: number;
  readonly url: string;
  /** The directory this relay reads: the SQLite identity store, or Redis in Redis mode. */
  readonly identities: D;
  /** http://host:port of the metrics listener (config `metricsPort`), or null when it is off. */
  readonly metricsUrl: string | null;
  stop(): Promise<void>;
}

/** What the command line wires into a relay beside its own routes (the relay itself knows nothing of them). */
export type RelayAddOns = {
  /** More HTTP routes on the relay's port (e.g. self-hosted extension updates); answers first when it returns true. */
  httpRoutes?: HttpRouteHook;
};

/** The parts a relay process runs on, and how to release them after the last socket closed. */
interface Backend {
  identities: DirectoryAdmin;
  messages: DurableStore;
  /** Guests brought into one chat. */
  grants: GrantStore;
  /** Each user's latest adapter health report. */
  health: AdapterHealthStore;
  live?: LiveBus;
  /** Enrollment attempts per address, shared by every relay process on the same Redis. */
  enrollLimiter?: EnrollLimiter;
  /** Extra HTTP routes this backend serves (single sign-on on SQLite). */
  routes?: HttpRouteHook[];
  /** Single sign-on settings, for the admin's overview (SQLite mode). */
  sso?: SsoStore;
  /** Where the data lives, for the "relay listening" log line. */
  where: Record<string, string>;
  /** Starts the live bus once the hub listens to it. */
  start?(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a relay on SQLite in `config.dataDir` (a single process). */
export async function startRelay(config: RelayConfig, log: Logger = createLogger(config.logLevel), addOns: RelayAddOns = {}): Promise<Relay> {
  const metrics = createMetrics();
  const db = openDatabase(config.dataDir);
  const identities = new IdentityStore(db);
  const messages = new MessageStore(db, new WriterThread(config.dataDir), (appends) => metrics.committed(appends));
  const ssoStore = new SsoStore(db);
  const sso = new SsoSignIn({ store: ssoStore, identities, metadata: new ProviderMetadataCache(), log });
  const routes = [createSsoRoutes({ signIn: sso, log, trustProxy: config.trustProxy, allowedOrigins: config.allowedOrigins, publicUrl: config.publicUrl, clientAddress: (req) => clientAddress(req, config.trustProxy) })];
  return serve(config, log, metrics, addOns, identities, {
    identities,
    messages,
    grants: new SqliteGrantStore(db),
    health: new SqliteHealthStore(db),
    routes,
    sso: ssoStore,
    where: { dataDir: config.dataDir },
    async close() {
      await messages.close();
      identities.flushTokenUse();
      db.close();
    },
  });
}

/** Starts a relay on Redis (`--redis` or `--redis-sentinel`), sharing routing, live state and storage with other processes. */
export async function startRedisRelay(
  config: RelayConfig,
  log: Logger = createLogger(config.logLevel),
  addOns: RelayAddOns = {},
): Promise<Relay<RedisDirectory>> {
  const target = redisTargetOf(config);
  if (!target) throw new Error('startRedisRelay needs a Redis URL (--redis) or Sentinels (--redis-sentinel, --redis-name)');
  const metrics = createMetrics();
  const backend = await openRedisBackend(target, config.redisPrefix, log, (appends) => metrics.committed(appends), replicaWaitOf(config), config.redisForgetAfterMs);
  return serve(config, log, metrics, addOns, backend.identities, backend);
}

async function serve<D extends DirectoryAdmin>(
  config: RelayConfig,
  log: Logger,
  metrics: RelayMetrics,
  addOns: RelayAddOns,
  identities: D,
  backend: Backend,
): Promise<Relay<D>> {
  const { messages } = backend;
  const limits = {
    maxFrameBytes: config.maxFrameBytes,
    ratePerSec: config.ratePerSec,
    rateBurst: config.rateBurst,
    helloTimeoutMs: config.helloTimeoutMs,
    heartbeatMs: config.heartbeatMs,
    maxInvalidPerMinute: config.maxInvalidPerMinute,
    maxSendBufferBytes: config.maxSendBufferBytes,
  };
  // Routing reads users through a short-lived cache: a role or team change takes effect within USER_CACHE_MS.
  const cachedIdentities = new CachedDirectory(identities, USER_CACHE_MS);
  const guests = new GuestDesk({
    identities: cachedIdentities,
    people: identities,
    grants: backend.grants,
    settings: { maxMs: config.guestMaxSeconds * 1000, chatGoneMs: config.guestChatGoneSeconds * 1000, guestsMayInvite: config.guestsMayInvite },
    log,
  });
  const hub = new Hub({
    identities: cachedIdentities,
    messages,
    grants: backend.grants,
    health: backend.health,
    guests,
    ...(backend.live ? { live: backend.live } : {}),
    metrics,
    log,
    limits: { maxFrameBytes: limits.maxFrameBytes, ratePerSec: limits.ratePerSec, rateBurst: limits.rateBurst, heartbeatMs: limits.heartbeatMs },
    retentionDays: config.retentionDays,
    boardGraceMs: config.boardGraceMs,
    boardCoalesceMs: config.boardCoalesceMs,
  });
  await backend.start?.();
  const connections = new Set<ConnectionHandle>();
  let draining = false;

  const health = () => ({ connections: connections.size, draining });
  // Headers of later keep-alive requests are bounded too; Node checks that deadline once a second here.
  const http: Server = createServer({ headersTimeout: config.handshakeTimeoutMs, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 });
  const guard = guardConnections(http, {
    maxPerAddress: config.maxConnectionsPerAddress,
    handshakeTimeoutMs: config.handshakeTimeoutMs,
    trustProxy: config.trustProxy,
    onRefused: (reason, address) => {
      metrics.reject(reason);
      log.debug({ reason, address }, 'connection refused');
    },
  });
  http.on(
    'request',
    createHttpHandler({
      identities,
      metrics,
      log,
      version: RELAY_VERSION,
      health,
      trustProxy: config.trustProxy,
      allowedOrigins: config.allowedOrigins,
      metricsToken: config.metricsToken,
      enrollLimiter: backend.enrollLimiter ?? new MemoryEnrollLimiter(),
      admit: (req) => guard.admit(req, false),
      extensions: addOns.httpRoutes,
      routes: [
        ...(backend.routes ?? []),
        createOrgOverviewRoute({ identities, log, allowedOrigins: config.allowedOrigins, ...(backend.sso ? { sso: backend.sso } : {}) }),
      ],
    }),
  );
  // No compression and no client tracking (the relay keeps its own set of connections): less memory per socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes, perMessageDeflate: false, clientTracking: false });
  const connectionContext: ConnectionContext = { hub, identities, metrics, log, limits, onClosed: (handle) => connections.delete(handle) };
  const accepted = (ws: WebSocket): void => void connections.add(acceptConnection(ws, connectionContext));
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const admission = guard.admit(req, true);
    if (!admission.ok) return refuseUpgrade(socket, 429, admission.message);
    if (path !== WS_PATH || draining) return refuseUpgrade(socket, draining ? 503 : 404, draining ? 'the relay is shutting down' : `no WebSocket at ${path}`);
    if (!originAllowed(judgeOrigin(req.headers.origin, config.allowedOrigins))) {
      metrics.reject('origin_refused');
      log.info({ origin: req.headers.origin }, 'refused a WebSocket from a web origin');
      return refuseUpgrade(socket, 403, 'this origin may not connect; only the Undertone extension and listed origins may');
    }
    wss.handleUpgrade(req, socket, head, accepted);
  });

  const heartbeat = setInterval(() => {
    const silentSince = Date.now() - 3 * config.heartbeatMs;
    for (const c of connections) {
      if (c.session && c.lastSeenAt < silentSince) {
        metrics.reject('heartbeat_timeout');
        c.close(CLOSE_CODES.heartbeatTimeout, 'no frame within three heartbeat intervals');
      }
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  let revokedCursor = Date.now() - 5_000;
  const revocations = setInterval(() => {
    const checkFrom = revokedCursor;
    const nextCursor = Date.now() - 5_000;
    Promise.resolve(identities.revokedSince(checkFrom)).then(
      (revoked) => {
        revokedCursor = nextCursor;
        for (const { id } of revoked) {
          const closed = hub.closeToken(id, CLOSE_CODES.tokenRevoked, 'device token revoked');
          if (closed > 0) log.info({ tokenId: id, closed }, 'closed sockets of a revoked token');
        }
      },
      (err: unknown) => log.warn({ err }, 'checking token revocations failed; retrying'),
    );
  }, REVOCATION_POLL_MS);
  revocations.unref();

  const prune = async () => {
    const removed = await messages.prune(Date.now() - config.retentionDays * 86400_000);
    if (removed.messages + removed.streamEntries > 0) log.info(removed, 'pruned coaching history past retention');
  };
  await prune();
  const retention = setInterval(() => void prune().catch((err: unknown) => log.warn({ err }, 'pruning history failed; retrying later')), RETENTION_SWEEP_MS);
  retention.unref();

  const port = await listen(http, config.port, config.host);
  const url = `ws://${hostPart(config.host)}:${port}${WS_PATH}`;
  let metricsServer: Server | null = null;
  let metricsUrl: string | null = null;
  if (config.metricsPort !== undefined) {
    metricsServer = createServer(createMetricsHandler({ metrics, log, version: RELAY_VERSION, health }));
    metricsUrl = `http://${hostPart(config.metricsHost)}:${await listen(metricsServer, config.metricsPort, config.metricsHost)}`;
  }
  // Said at every log level: scripts that start the relay on port 0 learn its port from this line.
  log.child({}, { level: 'info' }).info({ port, host: config.host, url, metricsUrl, ...backend.where, version: RELAY_VERSION }, 'relay listening');

  return {
    port,
    url,
    identities,
    metricsUrl,
    async stop() {
      if (draining) return;
      draining = true;
      log.info({ connections: connections.size }, 'relay draining');
      clearInterval(heartbeat);
      clearInterval(revocations);
      clearInterval(retention);
      http.close();
      metricsServer?.close();
      metricsServer?.closeAllConnections();
      // Commit what is queued, so every acknowledged or in-flight message is on disk before sockets close.
      await messages.flushNow();
      await new Promise((r) => setImmediate(r));
      for (const c of connections) c.close(CLOSE_CODES.goingAway, 'relay shutting down');
      const deadline = Date.now() + 3_000;
      while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      hub.stop();
      wss.close();
      http.closeAllConnections();
      await backend.close();
      log.info('relay stopped');
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** Answers an upgrade request the relay will not accept with a plain HTTP status and closes the socket. */
function refuseUpgrade(socket: Duplex, status: 403 | 404 | 429 | 503, message: string): void {
  const body = JSON.stringify({ error: status === 429 ? 'rate_limited' : status === 403 ? 'forbidden' : 'not_found', message });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
