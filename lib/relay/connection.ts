// One WebSocket from accept to close: the hello handshake and its deadline, frame decoding, the rate limit,
// the invalid-frame allowance, then hand-off of every valid frame to the hub, one frame after the other.
// One object per socket with shared methods and listeners (no closures per socket): an idle socket costs little.
import type { WebSocket } from 'ws';
import { CLOSE_CODES, PROTOCOL_VERSION, decodeClientFrame, type ErrorCode, type Limits, type RelayFrame } from '../protocol/index.ts';
import type { Hub } from './hub/hub.ts';
import { Session } from './hub/session.ts';
import type { Directory } from './identity/directory.ts';
import type { Principal } from './identity/identity-store.ts';
import { newId } from './identity/secrets.ts';
import type { Logger } from './log.ts';
import type { RelayMetrics } from './metrics.ts';
import { TokenBucket } from './rate-limit.ts';

export interface ConnectionContext {
  hub: Hub;
  identities: Directory;
  metrics: RelayMetrics;
  log: Logger;
  limits: Limits;
  /** Called once when a socket has closed. */
  onClosed(handle: ConnectionHandle): void;
}

/** What the server keeps per socket for the heartbeat sweep and shutdown. */
export interface ConnectionHandle {
  lastSeenAt: number;
  session: Session | null;
  close(code: number, reason: string): void;
}

type Task = () => void | Promise<void>;

const CONNECTION = Symbol('undertone connection');
type TaggedSocket = WebSocket & { [CONNECTION]: Connection };

export function acceptConnection(ws: WebSocket, ctx: ConnectionContext): ConnectionHandle {
  const connection = new Connection(ws, ctx);
  (ws as TaggedSocket)[CONNECTION] = connection;
  ws.on('message', onSocketMessage);
  ws.on('error', onSocketError);
  ws.on('close', onSocketClose);
  return connection;
}

// Listeners shared by every socket: `this` is the socket, which carries its connection.
function onSocketMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  (this as TaggedSocket)[CONNECTION].received(data, isBinary);
}
function onSocketError(this: WebSocket, err: Error & { code?: string }): void {
  (this as TaggedSocket)[CONNECTION].failed(err);
}
function onSocketClose(this: WebSocket): void {
  (this as TaggedSocket)[CONNECTION].closed();
}
function helloTimedOut(connection: Connection): void {
  connection.helloTimedOut();
}

class Connection implements ConnectionHandle {
  lastSeenAt = Date.now();
  session: Session | null = null;
  private closing = false;
  private helloTimer: NodeJS.Timeout | null;
  private readonly bucket: TokenBucket;
  /** Times of recent invalid frames; created on the first one. */
  private invalidAt: number[] | null = null;
  /**
   * Frames are handled in arrival order. Most are handled at once; while one waits (authentication, a store or
   * directory read), later frames queue here behind it.
   */
  private queue: Task[] | null = null;
  private waiting = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: ConnectionContext,
  ) {
    this.bucket = new TokenBucket(ctx.limits.ratePerSec, ctx.limits.rateBurst);
    ctx.metrics.connections.labels('pending').inc();
    this.helloTimer = setTimeout(helloTimedOut, ctx.limits.helloTimeoutMs, this);
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    if (this.session) this.session.close(code, reason);
    else {
      this.ws.close(code, reason);
      const ws = this.ws;
      setTimeout(() => ws.terminate(), 2_000).unref();
    }
  }

  helloTimedOut(): void {
    this.helloTimer = null;
    this.ctx.metrics.reject('hello_timeout');
    this.close(CLOSE_CODES.helloTimeout, 'no hello within the time limit');
  }

  received(data: Buffer, isBinary: boolean): void {
    if (this.closing) return;
    const receivedAt = process.hrtime.bigint();
    this.lastSeenAt = Date.now();
    const text = data.toString();
    if (this.waiting) {
      (this.queue ??= []).push(() => this.onFrame(text, isBinary, receivedAt));
      return;
    }
    // The usual case, without a closure per frame.
    try {
      this.settle(this.onFrame(text, isBinary, receivedAt));
    } catch (err) {
      this.internalError(err);
    }
  }

  failed(err: Error & { code?: string }): void {
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.ctx.metrics.reject('too_large');
    else this.ctx.metrics.reject('socket_error');
    this.ctx.log.debug({ err: err.message, code: err.code }, 'socket error');
  }

  closed(): void {
    this.clearHelloTimer();
    this.closing = true;
    const { metrics, hub } = this.ctx;
    if (this.session) {
      metrics.connections.labels('authenticated').dec();
      hub.close(this.session);
    } else {
      metrics.connections.labels('pending').dec();
    }
    this.ctx.onClosed(this);
  }

  private settle(result: void | Promise<void>): void {
    if (!result) return;
    this.waiting = true;
    result.then(
      () => this.drain(),
      (err: unknown) => {
        this.internalError(err);
        this.drain();
      },
    );
  }

  private drain(): void {
    this.waiting = false;
    const queue = this.queue;
    while (!this.waiting && queue && queue.length > 0) this.runTask(queue.shift()!);
  }

  private runTask(task: Task): void {
    try {
      this.settle(task());
    } catch (err) {
      this.internalError(err);
    }
  }

  private clearHelloTimer(): void {
    if (this.helloTimer) clearTimeout(this.helloTimer);
    this.helloTimer = null;
  }

  private sendRaw(frame: RelayFrame): void {
    if (this.session) this.session.send(frame);
    else if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private reject(code: ErrorCode, message: string, extra: { ref?: string; msgId?: string; retryAfterMs?: number } = {}): void {
    this.ctx.metrics.reject(code);
    this.sendRaw({ type: 'error', code, message, ...extra });
  }

  private countInvalid(): void {
    const now = Date.now();
    const invalidAt = (this.invalidAt ??= []);
    invalidAt.push(now);
    while (invalidAt.length > 0 && invalidAt[0]! < now - 60_000) invalidAt.shift();
    if (invalidAt.length > this.ctx.limits.maxInvalidPerMinute) {
      this.ctx.metrics.reject('too_many_invalid');
      this.close(CLOSE_CODES.tooManyInvalid, 'too many invalid frames');
    }
  }

  private onFrame(text: string, isBinary: boolean, receivedAt: bigint): void | Promise<void> {
    if (this.closing) return;
    const { metrics, limits } = this.ctx;
    if (isBinary) {
      this.reject('invalid_frame', 'frames must be UTF-8 JSON text, not binary');
      return this.countInvalid();
    }
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      metrics.frameIn('invalid');
      const extra: { ref?: string; msgId?: string } = {};
      if (decoded.ref !== undefined) extra.ref = decoded.ref;
      if (decoded.msgId !== undefined) extra.msgId = decoded.msgId;
      this.reject(decoded.code, decoded.message, extra);
      return this.countInvalid();
    }
    const frame = decoded.frame;
    metrics.frameIn(frame.type);
    const retryAfterMs = this.bucket.take(this.lastSeenAt);
    if (retryAfterMs > 0) {
      const extra: { ref?: string; msgId?: string; retryAfterMs: number } = { retryAfterMs };
      if ('ref' in frame && frame.ref !== undefined) extra.ref = frame.ref;
      if ('msgId' in frame) extra.msgId = frame.msgId;
      return this.reject('rate_limited', `more than ${limits.ratePerSec} frames per second; this frame was not processed`, extra);
    }

    if (!this.session) {
      if (frame.type !== 'hello') {
        this.reject('not_authenticated', 'send hello with a device token first', 'ref' in frame && frame.ref !== undefined ? { ref: frame.ref } : {});
        return this.countInvalid();
      }
      if (frame.v !== PROTOCOL_VERSION) {
        this.reject('unsupported_version', `this relay speaks protocol version ${PROTOCOL_VERSION}, not ${frame.v}`);
        return this.close(CLOSE_CODES.unsupportedVersion, 'unsupported protocol version');
      }
      const principal = this.ctx.identities.authenticate(frame.token);
      if (principal instanceof Promise) return principal.then((p) => this.welcome(p, frame.lastSeq));
      return this.welcome(principal, frame.lastSeq);
    }
    return this.ctx.hub.handle(this.session, frame, receivedAt, text);
  }

  private welcome(principal: Principal | undefined, lastSeq: number | undefined): void | Promise<void> {
    if (this.closing) return;
    if (!principal) {
      this.reject('auth_failed', 'the device token is unknown or was revoked; sign in again');
      return this.close(CLOSE_CODES.authFailed, 'authentication failed');
    }
    this.clearHelloTimer();
    const { metrics, log, limits, hub } = this.ctx;
    metrics.connections.labels('pending').dec();
    metrics.connections.labels('authenticated').inc();
    const session = new Session(newId('ses'), principal, this.ws, limits.maxSendBufferBytes, metrics);
    this.session = session;
    log.debug({ sessionId: session.id, userId: principal.userId }, 'session opened');
    return hub.open(session, lastSeq);
  }

  private internalError(err: unknown): void {
    this.ctx.log.error({ err }, 'frame handling failed');
    this.reject('internal', 'the relay failed to process this frame');
  }
}
