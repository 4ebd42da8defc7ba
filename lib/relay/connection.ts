// One WebSocket from accept to close: the hello handshake and its deadline, frame decoding, the rate limit,
// the invalid-frame allowance, then hand-off of every valid frame to the hub, one frame after the other.
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
}

/** What the server keeps per socket for the heartbeat sweep and shutdown. */
export interface ConnectionHandle {
  lastSeenAt: number;
  session: Session | null;
  close(code: number, reason: string): void;
}

export function acceptConnection(ws: WebSocket, ctx: ConnectionContext, onClosed: (handle: ConnectionHandle) => void): ConnectionHandle {
  const { hub, metrics, limits, log } = ctx;
  const bucket = new TokenBucket(limits.ratePerSec, limits.rateBurst);
  const invalidAt: number[] = [];
  let closing = false;
  // Frames are handled in arrival order. Most are handled at once; while one waits (authentication, a store
  // or directory read), later frames queue behind it.
  const queue: (() => void | Promise<void>)[] = [];
  let waiting = false;
  const settle = (result: void | Promise<void>): void => {
    if (!result) return;
    waiting = true;
    result.then(drain, (err: unknown) => {
      internalError(err);
      drain();
    });
  };
  const runTask = (task: () => void | Promise<void>): void => {
    try {
      settle(task());
    } catch (err) {
      internalError(err);
    }
  };
  const drain = (): void => {
    waiting = false;
    while (!waiting && queue.length > 0) runTask(queue.shift()!);
  };

  const handle: ConnectionHandle = {
    lastSeenAt: Date.now(),
    session: null,
    close(code, reason) {
      if (closing) return;
      closing = true;
      if (handle.session) handle.session.close(code, reason);
      else {
        ws.close(code, reason);
        setTimeout(() => ws.terminate(), 2_000).unref();
      }
    },
  };
  metrics.connections.labels('pending').inc();

  const helloTimer = setTimeout(() => {
    metrics.reject('hello_timeout');
    handle.close(CLOSE_CODES.helloTimeout, 'no hello within the time limit');
  }, limits.helloTimeoutMs);

  const sendRaw = (frame: RelayFrame) => {
    if (handle.session) handle.session.send(frame);
    else if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };

  const reject = (code: ErrorCode, message: string, extra: { ref?: string; msgId?: string; retryAfterMs?: number } = {}) => {
    metrics.reject(code);
    sendRaw({ type: 'error', code, message, ...extra });
  };

  const countInvalid = () => {
    const now = Date.now();
    invalidAt.push(now);
    while (invalidAt.length > 0 && invalidAt[0]! < now - 60_000) invalidAt.shift();
    if (invalidAt.length > limits.maxInvalidPerMinute) {
      metrics.reject('too_many_invalid');
      handle.close(CLOSE_CODES.tooManyInvalid, 'too many invalid frames');
    }
  };

  ws.on('message', (data, isBinary) => {
    if (closing) return;
    const receivedAt = process.hrtime.bigint();
    handle.lastSeenAt = Date.now();
    const text = data.toString();
    if (waiting) {
      queue.push(() => onFrame(text, isBinary, receivedAt));
      return;
    }
    // The usual case, without a closure per frame.
    try {
      settle(onFrame(text, isBinary, receivedAt));
    } catch (err) {
      internalError(err);
    }
  });

  const onFrame = (text: string, isBinary: boolean, receivedAt: bigint): void | Promise<void> => {
    if (closing) return;
    if (isBinary) {
      reject('invalid_frame', 'frames must be UTF-8 JSON text, not binary');
      return countInvalid();
    }
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      metrics.frameIn('invalid');
      const extra: { ref?: string; msgId?: string } = {};
      if (decoded.ref !== undefined) extra.ref = decoded.ref;
      if (decoded.msgId !== undefined) extra.msgId = decoded.msgId;
      reject(decoded.code, decoded.message, extra);
      return countInvalid();
    }
    const frame = decoded.frame;
    metrics.frameIn(frame.type);
    const retryAfterMs = bucket.take(handle.lastSeenAt);
    if (retryAfterMs > 0) {
      const extra: { ref?: string; msgId?: string; retryAfterMs: number } = { retryAfterMs };
      if ('ref' in frame && frame.ref !== undefined) extra.ref = frame.ref;
      if ('msgId' in frame) extra.msgId = frame.msgId;
      return reject('rate_limited', `more than ${limits.ratePerSec} frames per second; this frame was not processed`, extra);
    }

    if (!handle.session) {
      if (frame.type !== 'hello') {
        reject('not_authenticated', 'send hello with a device token first', 'ref' in frame && frame.ref !== undefined ? { ref: frame.ref } : {});
        return countInvalid();
      }
      if (frame.v !== PROTOCOL_VERSION) {
        reject('unsupported_version', `this relay speaks protocol version ${PROTOCOL_VERSION}, not ${frame.v}`);
        return handle.close(CLOSE_CODES.unsupportedVersion, 'unsupported protocol version');
      }
      const principal = ctx.identities.authenticate(frame.token);
      if (principal instanceof Promise) return principal.then((p) => welcome(p, frame.lastSeq));
      return welcome(principal, frame.lastSeq);
    }
    return hub.handle(handle.session, frame, receivedAt, text);
  };

  const welcome = (principal: Principal | undefined, lastSeq: number | undefined): void | Promise<void> => {
    if (closing) return;
    if (!principal) {
      reject('auth_failed', 'the device token is unknown or was revoked; sign in again');
      return handle.close(CLOSE_CODES.authFailed, 'authentication failed');
    }
    clearTimeout(helloTimer);
    metrics.connections.labels('pending').dec();
    metrics.connections.labels('authenticated').inc();
    const session = new Session(newId('ses'), principal, ws, limits.maxSendBufferBytes, metrics, () => metrics.reject('slow_consumer'));
    handle.session = session;
    log.debug({ sessionId: session.id, userId: principal.userId }, 'session opened');
    return hub.open(session, lastSeq);
  };

  const internalError = (err: unknown) => {
    log.error({ err }, 'frame handling failed');
    reject('internal', 'the relay failed to process this frame');
  };

  ws.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') metrics.reject('too_large');
    else metrics.reject('socket_error');
    log.debug({ err: err.message, code: err.code }, 'socket error');
  });

  ws.on('close', () => {
    clearTimeout(helloTimer);
    closing = true;
    if (handle.session) {
      metrics.connections.labels('authenticated').dec();
      hub.close(handle.session);
    } else {
      metrics.connections.labels('pending').dec();
    }
    onClosed(handle);
  });

  return handle;
}
