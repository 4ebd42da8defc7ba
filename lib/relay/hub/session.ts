// One authenticated connection as the hub sees it: who it is, what it subscribed to, and bounded sending.
import type { WebSocket } from 'ws';
import { CLOSE_CODES, type RelayFrame } from '../../protocol/index.ts';
import type { Principal } from '../identity/identity-store.ts';
import type { RelayMetrics } from '../metrics.ts';

const TEXT_FRAME = { binary: false } as const;

/** How long a closing socket may take to read what was queued before its close frame. */
export const CLOSE_DRAIN_MS = 10_000;

export class Session {
  /** Conversations this session listens to, as listen keys (created on the first). */
  listening: Set<string> | null = null;
  /** Teams whose board this session follows; null when not subscribed. */
  boardTeams: Set<string> | null = null;
  /** Highest stream seq sent on this socket; live entries at or below it were already replayed. */
  sentSeq = 0;
  /** While the stream replay runs, live entries wait here. */
  replayBuffer: { seq: number; text: string }[] | null = [];
  closed = false;
  /**
   * Called when a live stream entry skips seqs this socket has not had (entries published by another relay
   * process while the link to Redis was down): the hub reads the missing entries from the store.
   */
  onGap: ((session: Session) => void) | null = null;
  /** Acks waiting until the sender's own copy of a message has been sent on this socket (created when needed). */
  private waiting: { seq: number; send: () => void }[] | null = null;

  private corked = false;

  constructor(
    readonly id: string,
    readonly principal: Principal,
    private readonly ws: WebSocket,
    private readonly maxBufferedBytes: number,
    private readonly metrics: RelayMetrics,
  ) {}

  get userId(): string {
    return this.principal.userId;
  }

  send(frame: RelayFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Sends pre-serialised frame text, or its UTF-8 bytes (sent as a text frame without being decoded); closes the
   * connection as a slow consumer when its buffer is full.
   */
  sendText(text: string | Buffer): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount + text.length > this.maxBufferedBytes) {
      this.metrics.reject('slow_consumer');
      this.close(CLOSE_CODES.slowConsumer, 'slow consumer: send buffer full');
      return;
    }
    this.cork();
    if (typeof text === 'string') this.ws.send(text);
    else this.ws.send(text, TEXT_FRAME);
    this.metrics.frameOut();
  }

  /**
   * Holds this tick's frames in the socket and writes them together at the end of the tick: routing a batch of
   * committed whispers or a burst of transcripts costs one write per socket instead of one per frame.
   */
  private cork(): void {
    if (this.corked) return;
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!socket) return;
    this.corked = true;
    socket.cork();
    process.nextTick(() => {
      this.corked = false;
      socket.uncork();
    });
  }

  /** Sends a durable stream entry once, in seq order, holding it back while the replay runs. */
  sendStreamEntry(seq: number, text: string): void {
    if (this.replayBuffer) {
      this.replayBuffer.push({ seq, text });
      return;
    }
    if (seq <= this.sentSeq) return;
    if (seq > this.sentSeq + 1 && this.onGap) {
      this.replayBuffer = [{ seq, text }];
      this.onGap(this);
      return;
    }
    this.sentSeq = seq;
    this.sendText(text);
    if (this.waiting) this.releaseWaiting();
  }

  /** Runs `send` once stream entry `seq` has gone out on this socket (at once when it already has). */
  afterStreamSeq(seq: number | null, send: () => void): void {
    if (seq === null || (seq <= this.sentSeq && this.replayBuffer === null)) send();
    else (this.waiting ??= []).push({ seq, send });
  }

  /** Sends the acks whose stream entries are out, in the order they were queued. */
  releaseWaiting(): void {
    const waiting = this.waiting;
    if (this.replayBuffer || !waiting) return;
    const due = waiting.filter((w) => w.seq <= this.sentSeq);
    if (due.length === 0) return;
    const rest = waiting.filter((w) => w.seq > this.sentSeq);
    this.waiting = rest.length > 0 ? rest : null;
    for (const w of due) w.send();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
    // The close frame queues behind what was already sent (a slow consumer has megabytes waiting): a peer that
    // still reads gets it and its code. Once it has left this process, a peer that does not answer the close
    // handshake within 2 s is cut off; one that reads nothing for CLOSE_DRAIN_MS is cut off too (it sees 1006).
    const ws = this.ws;
    const cutOffAt = Date.now() + CLOSE_DRAIN_MS;
    const waitForCloseFrame = (): void => {
      if (ws.readyState === ws.CLOSED) return;
      if (ws.bufferedAmount === 0) setTimeout(() => ws.terminate(), 2_000).unref();
      else if (Date.now() >= cutOffAt) ws.terminate();
      else setTimeout(waitForCloseFrame, 100).unref();
    };
    waitForCloseFrame();
  }
}
