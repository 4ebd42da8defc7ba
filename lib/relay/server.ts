// Assembles one relay process: SQLite store, hub, WebSocket and HTTP on one port, heartbeat sweep,
// token revocation watch, history retention, and a draining shutdown.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CLOSE_CODES, WS_PATH } from '../protocol/index.ts';
import type { RelayConfig } from './config.ts';
import { acceptConnection, type ConnectionHandle } from './connection.ts';
import { createHttpHandler } from './http-routes.ts';
import { Hub } from './hub/hub.ts';
import { IdentityStore } from './identity/identity-store.ts';
import { createLogger, type Logger } from './log.ts';
import { createMetrics } from './metrics.ts';
import { openDatabase, type SqliteDatabase } from './store/database.ts';
import { MessageStore } from './store/message-store.ts';
import { RELAY_VERSION } from './version.ts';

const REVOCATION_POLL_MS = 1_000;
const RETENTION_SWEEP_MS = 3600_000;

export interface Relay {
  readonly port: number;
  readonly url: string;
  readonly identities: IdentityStore;
  stop(): Promise<void>;
}

export async function startRelay(config: RelayConfig, log: Logger = createLogger(config.logLevel)): Promise<Relay> {
  const db: SqliteDatabase = openDatabase(config.dataDir);
  const metrics = createMetrics();
  const identities = new IdentityStore(db);
  const messages = new MessageStore(db, (appends) => metrics.committed(appends));
  const limits = {
    maxFrameBytes: config.maxFrameBytes,
    ratePerSec: config.ratePerSec,
    rateBurst: config.rateBurst,
    helloTimeoutMs: config.helloTimeoutMs,
    heartbeatMs: config.heartbeatMs,
    maxInvalidPerMinute: config.maxInvalidPerMinute,
    maxSendBufferBytes: config.maxSendBufferBytes,
  };
  const hub = new Hub({
    identities,
    messages,
    metrics,
    log,
    limits: { maxFrameBytes: limits.maxFrameBytes, ratePerSec: limits.ratePerSec, rateBurst: limits.rateBurst, heartbeatMs: limits.heartbeatMs },
    boardGraceMs: config.boardGraceMs,
    boardCoalesceMs: config.boardCoalesceMs,
  });
  const connections = new Set<ConnectionHandle>();
  let draining = false;

  const http: Server = createServer(
    createHttpHandler({ identities, metrics, log, version: RELAY_VERSION, health: () => ({ connections: connections.size, draining }) }),
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxFrameBytes, perMessageDeflate: false });
  http.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== WS_PATH || draining) {
      socket.end(draining ? 'HTTP/1.1 503 Service Unavailable\r\n\r\n' : 'HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const handle = acceptConnection(ws, { hub, identities, metrics, log, limits }, (h) => connections.delete(h));
      connections.add(handle);
    });
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
    revokedCursor = Date.now() - 5_000;
    for (const { id } of identities.revokedSince(checkFrom)) {
      const closed = hub.closeToken(id, CLOSE_CODES.tokenRevoked, 'device token revoked');
      if (closed > 0) log.info({ tokenId: id, closed }, 'closed sockets of a revoked token');
    }
  }, REVOCATION_POLL_MS);
  revocations.unref();

  const prune = () => {
    const removed = messages.prune(Date.now() - config.retentionDays * 86400_000);
    if (removed.messages + removed.streamEntries > 0) log.info(removed, 'pruned coaching history past retention');
  };
  prune();
  const retention = setInterval(prune, RETENTION_SWEEP_MS);
  retention.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const url = `ws://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}${WS_PATH}`;
  log.info({ port, host: config.host, url, dataDir: config.dataDir, version: RELAY_VERSION }, 'relay listening');

  return {
    port,
    url,
    identities,
    async stop() {
      if (draining) return;
      draining = true;
      log.info({ connections: connections.size }, 'relay draining');
      clearInterval(heartbeat);
      clearInterval(revocations);
      clearInterval(retention);
      http.close();
      // Commit what is queued, so every acknowledged or in-flight message is on disk before sockets close.
      messages.flushNow();
      await new Promise((r) => setImmediate(r));
      for (const c of connections) c.close(CLOSE_CODES.goingAway, 'relay shutting down');
      const deadline = Date.now() + 3_000;
      while (connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      hub.stop();
      wss.close();
      http.closeAllConnections();
      messages.flushNow();
      db.close();
      log.info('relay stopped');
    },
  };
}
