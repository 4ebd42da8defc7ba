// The one relay connection: the socket, hello with the stored stream position, replay, keepalive and reconnect with
// backoff; the outbox is delivered by outbox-pump.ts. Invalid relay frames and failures in handling one are logged.
// About 300 lines: one socket's life (handshake, frame dispatch, keepalive, reconnect) reads best in one class.
import {
  PROTOCOL_VERSION,
  decodeRelayFrame,
  type ClientFrame,
  type RelayFrame,
  type ThreadGetFrame,
  type WelcomeFrame,
} from '../protocol/index.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import type { ClientDb } from './client-db.ts';
import { closeVerdict } from './close-reasons.ts';
import { enqueue, type OutboxFrame } from './outbox.ts';
import { OutboxPump, type OutboxResult } from './outbox-pump.ts';
import { relaySocketUrl, type RelayUrlOptions } from './relay-url.ts';
import { applyStreamFrame, applyThreadAnswer, pruneThreads, readLastSeq, resetStream, type StreamFrame } from './thread-store.ts';

/** The part of the WebSocket API used here; the browser's WebSocket and the `ws` package both fit. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'waiting' | 'stopped';

export type ConnectionStatus = {
  state: ConnectionState;
  /** Who the relay says this is, once welcomed. */
  user: WelcomeFrame['user'] | null;
  /** The last problem, in words; null after a successful welcome. */
  lastError: string | null;
  /** When the next reconnect attempt starts (state `waiting`). */
  retryAt: number | null;
  /** True once the replay after welcome is complete. */
  synced: boolean;
};

export type { OutboxResult };

/** Where the connection reports what it drops or fails at; the console by default. */
export type ConnectionLog = { warn(message: string, detail?: unknown): void };

export type RelayConnectionOptions = {
  relayUrl: string;
  /** Whether policy allows a plain LAN relay; a plain URL elsewhere than loopback is refused otherwise. */
  urlOptions?: RelayUrlOptions;
  token: string;
  db: ClientDb;
  createSocket: (url: string) => WebSocketLike;
  client?: { name: string; version: string };
  backoff?: BackoffOptions;
  /** Ping interval; defaults to half the relay's heartbeat, at most 20 s (inside the MV3 worker's 30 s idle limit). */
  keepaliveMs?: number;
  /** How long to wait for the socket to open and for welcome. */
  handshakeTimeoutMs?: number;
  onStatus?: (status: ConnectionStatus) => void;
  /** A new stream entry, after it was stored. Never called twice for one seq. */
  onStreamEntry?: (frame: StreamFrame) => void;
  /** Every other relay frame (listeners, transcript, board, thread answers, errors not about the outbox). */
  onFrame?: (frame: RelayFrame) => void;
  /** After each welcome: re-send what belongs to one socket (board subscription, listen-in, chat state). */
  onWelcome?: (welcome: WelcomeFrame) => void;
  onOutboxResult?: (result: OutboxResult) => void;
  log?: ConnectionLog;
};

const OPEN = 1;
const consoleLog: ConnectionLog = { warn: (message, detail) => console.warn(`Undertone: ${message}`, detail ?? '') };

export class RelayConnection {
  private socket: WebSocketLike | null = null;
  private attempt = 0;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private keepalive: ReturnType<typeof setInterval> | null = null;
  private lastInboundAt = 0;
  /** Inbound frames are handled one after another, in arrival order. */
  private chain: Promise<void> = Promise.resolve();
  private readonly outbox: OutboxPump;
  private readonly log: ConnectionLog;
  /** Threads to fetch again after `synced`, because the relay could not resume the stream. */
  private refetch: Array<{ agentId: string; conversationKey: string | null }> = [];
  private role: WelcomeFrame['user']['role'] | null = null;
  private current: ConnectionStatus = { state: 'idle', user: null, lastError: null, retryAt: null, synced: false };

  constructor(private readonly options: RelayConnectionOptions) {
    this.log = options.log ?? consoleLog;
    this.outbox = new OutboxPump({
      db: options.db,
      ready: () => this.socket !== null && this.socket.readyState === OPEN && this.current.synced,
      send: (text) => this.socket?.send(text),
      later: (ms, run) => this.later(ms, run),
      onResult: options.onOutboxResult,
    });
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  start(): void {
    if (this.current.state !== 'idle' && this.current.state !== 'stopped') return;
    this.connect();
  }

  /** Closes for good (sign-out, settings change). Queued frames stay in the outbox. */
  stop(): void {
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'client stopped');
    }
    this.update({ state: 'idle', synced: false, retryAt: null });
  }

  /** Sends a live frame now; returns false when not connected (live state is rebuilt after reconnect anyway). */
  send(frame: ClientFrame): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || this.current.state !== 'connected') return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Stores a durable frame in the outbox; it is delivered in order, exactly once, whenever connected. */
  async queue(frame: OutboxFrame): Promise<void> {
    await enqueue(this.options.db, frame);
    void this.outbox.pump();
  }

  /** Reconnects now instead of waiting for the backoff timer (e.g. the worker woke up, the network came back). */
  reconnectNow(): void {
    if (this.current.state !== 'waiting') return;
    this.clearTimers();
    this.connect();
  }

  private update(patch: Partial<ConnectionStatus>): void {
    this.current = { ...this.current, ...patch };
    this.options.onStatus?.(this.current);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
  }

  private connect(): void {
    this.update({ state: 'connecting', retryAt: null, synced: false });
    this.outbox.reset();
    let socket: WebSocketLike;
    try {
      socket = this.options.createSocket(relaySocketUrl(this.options.relayUrl, this.options.urlOptions));
    } catch (error) {
      this.scheduleReconnect(`Cannot open a connection to the relay: ${(error as Error).message}`);
      return;
    }
    this.socket = socket;
    let welcomed = false;
    this.later(this.options.handshakeTimeoutMs ?? 10_000, () => {
      if (this.socket === socket && !welcomed) socket.close(4000, 'handshake timeout');
    });
    socket.onopen = () => {
      void readLastSeq(this.options.db).then((lastSeq) => {
        if (this.socket !== socket) return;
        const hello: ClientFrame = { type: 'hello', v: PROTOCOL_VERSION, token: this.options.token, lastSeq };
        if (this.options.client) hello.client = this.options.client;
        socket.send(JSON.stringify(hello));
      }, (error: unknown) => {
        this.log.warn('reading the stream position failed; closing the socket to try again', error);
        socket.close(4000, 'stream position unreadable');
      });
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.lastInboundAt = Date.now();
      const text = typeof event.data === 'string' ? event.data : String(event.data);
      const decoded = decodeRelayFrame(text);
      if (!decoded.ok) {
        this.log.warn(`ignored an invalid frame from the relay (${decoded.code}: ${decoded.message})`);
        return;
      }
      if (decoded.frame.type === 'welcome') welcomed = true;
      const frame = decoded.frame;
      this.chain = this.chain
        .then(() => this.handle(frame, socket))
        .catch((error: unknown) => this.log.warn(`handling a ${frame.type} frame from the relay failed`, error));
    };
    socket.onerror = () => {};
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.keepalive) clearInterval(this.keepalive);
      this.keepalive = null;
      const verdict = closeVerdict(event.code, event.reason);
      if (!verdict.reconnect) {
        this.clearTimers();
        this.update({ state: 'stopped', synced: false, lastError: verdict.message, retryAt: null });
        return;
      }
      this.scheduleReconnect(welcomed ? verdict.message : closeVerdict(0, '').message);
    };
  }

  private scheduleReconnect(message: string): void {
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.update({ state: 'waiting', synced: false, lastError: message, retryAt: Date.now() + delay });
    this.later(delay, () => this.connect());
  }

  private startKeepalive(heartbeatMs: number): void {
    const every = this.options.keepaliveMs ?? Math.min(20_000, Math.max(1_000, Math.floor(heartbeatMs / 2)));
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = setInterval(() => {
      const socket = this.socket;
      if (!socket) return;
      // Nothing heard for more than two intervals, not even a pong: the socket is dead without knowing it.
      if (Date.now() - this.lastInboundAt > 2.5 * every) {
        socket.close(4000, 'no answer to keepalive');
        return;
      }
      this.send({ type: 'ping', t: Date.now() });
    }, every);
  }

  private async handle(frame: RelayFrame, socket: WebSocketLike): Promise<void> {
    if (this.socket !== socket) return;
    switch (frame.type) {
      case 'welcome':
        this.attempt = 0;
        this.role = frame.user.role;
        // The replay restarts at the oldest retained entry: without a reset it would be ignored as already seen.
        this.refetch = frame.resumed ? [] : await resetStream(this.options.db);
        // Keep no more history than the relay does; a relay that does not say its retention prunes nothing here.
        if (frame.retentionDays !== undefined) await pruneThreads(this.options.db, Date.now() - frame.retentionDays * 86_400_000);
        this.update({ state: 'connected', user: frame.user, lastError: null, retryAt: null, synced: false });
        this.startKeepalive(frame.limits.heartbeatMs);
        this.options.onWelcome?.(frame);
        this.options.onFrame?.(frame);
        return;
      case 'message':
      case 'read':
        if (await applyStreamFrame(this.options.db, frame)) this.options.onStreamEntry?.(frame);
        return;
      case 'customer_send_result':
        // A stream entry for the sender and the agent; live (without seq) for listeners.
        if (frame.seq === undefined) this.options.onFrame?.(frame);
        else if (await applyStreamFrame(this.options.db, { ...frame, seq: frame.seq })) this.options.onStreamEntry?.({ ...frame, seq: frame.seq });
        return;
      case 'synced':
        this.update({ synced: true });
        this.refetchThreads(socket);
        void this.outbox.pump();
        return;
      case 'thread':
        await applyThreadAnswer(this.options.db, frame);
        this.options.onFrame?.(frame);
        return;
      case 'ack':
        await this.outbox.settle(frame.msgId ?? frame.ref, { ok: true, id: frame.id });
        return;
      case 'error': {
        const key = frame.msgId ?? frame.ref;
        if (this.outbox.isInflight(key)) {
          if (OutboxPump.retryable(frame.code)) {
            this.outbox.retryLater(frame.retryAfterMs ?? 2_000);
            return;
          }
          await this.outbox.settle(key, { ok: false, code: frame.code, message: frame.message });
          return;
        }
        this.options.onFrame?.(frame);
        return;
      }
      case 'pong':
        return;
      default:
        this.options.onFrame?.(frame);
    }
  }

  /** After a stream that could not be resumed: asks again for every thread that was cached. */
  private refetchThreads(socket: WebSocketLike): void {
    const threads = this.refetch;
    this.refetch = [];
    threads.forEach(({ agentId, conversationKey }, index) => {
      const frame: ThreadGetFrame = { type: 'thread_get', ref: `refetch-${index}`, conversationKey };
      // Agents ask for their own threads; supervisors and admins name the agent.
      if (this.role !== 'agent') frame.agentId = agentId;
      socket.send(JSON.stringify(frame));
    });
  }
}
