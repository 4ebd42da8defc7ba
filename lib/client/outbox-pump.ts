// Delivers the outbox over the current socket: the oldest entry first, one in flight until its ack or final error,
// pausing on a retryable error; each settled entry is removed and reported.
import type { ClientDb } from './client-db.ts';
import { head, remove } from './outbox.ts';

export type OutboxResult = { key: string; ok: true; id?: string } | { key: string; ok: false; code: string; message: string };

/** Outbox errors worth retrying; every other code is final for that frame. */
const RETRYABLE = new Set(['rate_limited', 'internal']);

export type OutboxPumpParts = {
  db: ClientDb;
  /** True while the current socket is open and its replay is complete. */
  ready(): boolean;
  /** Sends a frame's text on the current socket. */
  send(text: string): void;
  /** Runs `run` after `ms` unless the connection stops first. */
  later(ms: number, run: () => void): void;
  onResult?: ((result: OutboxResult) => void) | undefined;
};

export class OutboxPump {
  private inflight: string | null = null;
  private pumping = false;
  private pumpAgain = false;
  private paused = false;

  constructor(private readonly p: OutboxPumpParts) {}

  /** A new socket: nothing is in flight on it, and a pause of the old socket ends. */
  reset(): void {
    this.inflight = null;
    this.paused = false;
  }

  /** Is this ack or error about the frame in flight? */
  isInflight(key: string | undefined): boolean {
    return key !== undefined && key === this.inflight;
  }

  /** A retryable error about the frame in flight: send it again after `retryAfterMs`. */
  retryLater(retryAfterMs: number): void {
    this.inflight = null;
    this.paused = true;
    this.p.later(retryAfterMs, () => {
      this.paused = false;
      void this.pump();
    });
  }

  /** Whether an error code means "try again later" rather than "this frame is refused". */
  static retryable(code: string): boolean {
    return RETRYABLE.has(code);
  }

  /** Removes an acked or finally refused frame from the outbox and sends the next. */
  async settle(key: string | undefined, result: { ok: true; id?: string | undefined } | { ok: false; code: string; message: string }): Promise<void> {
    if (key === undefined) return;
    if (await remove(this.p.db, key)) {
      this.p.onResult?.(result.ok ? { key, ok: true, ...(result.id ? { id: result.id } : {}) } : { key, ...result });
    }
    if (key === this.inflight) this.inflight = null;
    void this.pump();
  }

  /** Sends the outbox's oldest entry and waits for its ack before the next: strict order, one in flight. */
  async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        if (this.inflight || this.paused || !this.p.ready()) return;
        const entry = await head(this.p.db);
        if (!entry || !this.p.ready() || this.inflight) continue;
        this.inflight = entry.key;
        this.p.send(JSON.stringify(entry.frame));
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }
}
