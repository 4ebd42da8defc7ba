// A protocol-speaking WebSocket client for relay tests: connects, says hello, records every frame it
// receives (validated against the relay frame schemas) and waits for the ones a test expects.
import WebSocket from 'ws';
import { decodeRelayFrame, type ClientFrame, type RelayFrame, type RelayFrameOf, type RelayFrameType } from '../../lib/protocol/index.ts';

export class RelayTestClient {
  readonly frames: RelayFrame[] = [];
  /** Frames that did not match the relay schemas: must stay empty. */
  readonly malformed: string[] = [];
  closeCode: number | null = null;
  closeReason = '';
  private readonly taken = new WeakSet<RelayFrame>();
  private waiters: { test: (f: RelayFrame) => boolean; resolve: (f: RelayFrame) => void }[] = [];
  private readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const decoded = decodeRelayFrame(data.toString());
      if (!decoded.ok) {
        this.malformed.push(`${decoded.message}: ${data.toString().slice(0, 200)}`);
        return;
      }
      this.frames.push(decoded.frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(decoded.frame)) return true;
        w.resolve(decoded.frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve(code);
      }),
    );
    ws.on('error', () => {});
  }

  static async open(url: string): Promise<RelayTestClient> {
    const ws = new WebSocket(url);
    const client = new RelayTestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens a socket, says hello and waits for `synced` (the end of the replay). */
  static async connect(url: string, token: string, lastSeq?: number): Promise<RelayTestClient> {
    const client = await RelayTestClient.open(url);
    client.send({ type: 'hello', v: 1, token, ...(lastSeq === undefined ? {} : { lastSeq }) });
    await client.next('synced');
    return client;
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /**
   * The earliest frame of this type (matching `test`) not already returned by an earlier `next`,
   * whether it arrived before the call or arrives within the timeout.
   */
  next<T extends RelayFrameType>(type: T, test: (f: RelayFrameOf<T>) => boolean = () => true, timeoutMs = 5_000): Promise<RelayFrameOf<T>> {
    const match = (f: RelayFrame): boolean => f.type === type && !this.taken.has(f) && test(f as RelayFrameOf<T>);
    const already = this.frames.find(match);
    if (already) {
      this.taken.add(already);
      return Promise.resolve(already as RelayFrameOf<T>);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no ${type} frame within ${timeoutMs} ms; got: ${this.frames.map((f) => f.type).join(', ')}`));
      }, timeoutMs);
      const done = (f: RelayFrame) => {
        clearTimeout(timer);
        this.taken.add(f);
        resolve(f as RelayFrameOf<T>);
      };
      this.waiters.push({ test: match, resolve: done });
    });
  }

  /**
   * A barrier for "nothing arrives" checks: resolves once the relay answered a ping sent now. Frames the relay queued
   * for this socket earlier (say, on a commit acknowledged to another client) have arrived by then.
   */
  async barrier(): Promise<void> {
    const ref = `barrier-${++RelayTestClient.barriers}`;
    this.send({ type: 'ping', ref });
    await this.next('pong', (p) => p.ref === ref);
  }

  private static barriers = 0;

  /** Frames of one type received so far. */
  all<T extends RelayFrameType>(type: T): RelayFrameOf<T>[] {
    return this.frames.filter((f) => f.type === type) as RelayFrameOf<T>[];
  }

  /** Highest stream seq received. */
  get lastSeq(): number {
    let seq = 0;
    for (const f of this.frames) if ((f.type === 'message' || f.type === 'read') && f.seq > seq) seq = f.seq;
    return seq;
  }

  waitClosed(timeoutMs = 5_000): Promise<number> {
    return Promise.race([
      this.closed,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs)),
    ]);
  }

  close(): Promise<number> {
    if (this.closeCode === null) this.ws.close();
    return this.waitClosed();
  }

  /** Cuts the TCP connection without a close handshake, as a dropped network would. */
  drop(): void {
    this.ws.terminate();
  }
}
