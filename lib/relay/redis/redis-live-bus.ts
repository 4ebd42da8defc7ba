// Links relay processes over Redis pub/sub: live changes on one broadcast channel, transcripts on a channel per
// process, committed stream entries on the channel the store's append scripts publish to. Heartbeats let every
// process forget a process that died; after a lost link a process re-announces its state and asks for the others'.
import type { Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { LiveBus, LiveEvent, LiveSink, ProcessLiveState } from '../hub/live-bus.ts';

/** One message on the broadcast channel: from process `p`, an event, a full state, or a control word. */
type Envelope =
  | { p: string; e: LiveEvent }
  | { p: string; state: ProcessLiveState }
  | { p: string; c: 'beat' | 'hello' | 'bye' }
  | { p: string; ask: string };

export interface RedisLiveBusOptions {
  /** Heartbeat period; a process unheard for `deadAfterMs` is dropped with its sockets' live state. */
  beatMs: number;
  deadAfterMs: number;
}

export class RedisLiveBus implements LiveBus {
  private sink: LiveSink | null = null;
  private readonly seen = new Map<string, number>();
  private readonly broadcast: string;
  private readonly streamChannel: string;
  private timer: NodeJS.Timeout | undefined;
  private subscribedOnce = false;
  private stopped = false;
  /** When this process last heard its own heartbeat come back: a subscriber that stops hearing it is stale. */
  private ownBeatAt = Date.now();
  private readonly extra = new Map<string, { handler: (message: string) => void; relinked: () => void }>();

  constructor(
    readonly processId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly options: RedisLiveBusOptions = { beatMs: 1_000, deadAfterMs: 5_000 },
  ) {
    this.broadcast = `${prefix}live`;
    this.streamChannel = `${prefix}stream`;
  }

  attach(sink: LiveSink): void {
    this.sink = sink;
  }

  /** Another channel on the subscriber connection (before `start`); `relinked` runs after a lost link is back. */
  addChannel(channel: string, handler: (message: string) => void, relinked: () => void): void {
    this.extra.set(channel, { handler, relinked });
  }

  /** Subscribes and announces this process; resolves once subscribed. */
  async start(): Promise<void> {
    this.sub.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // After a lost link ioredis subscribes again by itself; then this process catches up.
    this.sub.on('ready', () => {
      this.ownBeatAt = Date.now();
      if (!this.subscribedOnce || this.stopped) return;
      this.log.warn('link to Redis restored: announcing live state and catching up on stream entries');
      for (const { relinked } of this.extra.values()) relinked();
      this.announce();
      this.sink?.resync();
      // The re-subscription and the catch-up reads travel on different connections: read once more a little
      // later, for entries committed in between.
      setTimeout(() => this.sink?.resync(), 1_000).unref();
    });
    await this.sub.subscribe(this.broadcast, this.channelOf(this.processId), this.streamChannel, ...this.extra.keys());
    this.subscribedOnce = true;
    this.announce();
    this.timer = setInterval(() => this.tick(), this.options.beatMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.send({ p: this.processId, c: 'bye' }).catch(() => {});
  }

  publish(event: LiveEvent): void {
    void this.send({ p: this.processId, e: event }).catch(() => {});
  }

  sendTranscript(processId: string, key: string, text: string): void {
    void this.pub.publish(this.channelOf(processId), `${key.length}:${key}${text}`).catch(() => {});
  }

  private channelOf(processId: string): string {
    return `${this.prefix}live:${processId}`;
  }

  private send(envelope: Envelope): Promise<number> {
    return this.pub.publish(this.broadcast, JSON.stringify(envelope));
  }

  private announce(): void {
    if (!this.sink) return;
    void this.send({ p: this.processId, state: this.sink.localState() }).catch(() => {});
    void this.send({ p: this.processId, c: 'hello' }).catch(() => {});
  }

  private tick(): void {
    void this.send({ p: this.processId, c: 'beat' }).catch(() => {});
    // The subscriber no longer hears this process (connected to a server that is not the primary any more, or a
    // subscription lost): reconnect it; once ready it re-subscribes and every local socket catches up.
    if (this.sub.status === 'ready' && Date.now() - this.ownBeatAt > this.options.deadAfterMs) {
      this.log.warn('not hearing this process on Redis pub/sub: reconnecting the subscriber');
      this.ownBeatAt = Date.now();
      this.sub.disconnect(true);
    }
    const deadline = Date.now() - this.options.deadAfterMs;
    for (const [processId, at] of this.seen) {
      if (at < deadline) {
        this.seen.delete(processId);
        this.log.warn({ processId }, 'relay process unheard: dropping its live state');
        this.sink?.dropProcess(processId);
      }
    }
  }

  private onMessage(channel: string, message: string): void {
    const sink = this.sink;
    if (!sink || this.stopped) return;
    try {
      const extra = this.extra.get(channel);
      if (extra) return extra.handler(message);
      if (channel === this.streamChannel) return this.onStream(sink, message);
      if (channel !== this.broadcast) {
        const colon = message.indexOf(':');
        const length = Number(message.slice(0, colon));
        return sink.deliverTranscript(message.slice(colon + 1, colon + 1 + length), message.slice(colon + 1 + length));
      }
      const envelope = JSON.parse(message) as Envelope;
      const from = envelope.p;
      if (from === this.processId) {
        this.ownBeatAt = Date.now();
        return;
      }
      const known = this.seen.has(from);
      this.seen.set(from, Date.now());
      if ('e' in envelope) {
        if (!known) void this.send({ p: this.processId, ask: from }).catch(() => {});
        sink.applyRemote(from, envelope.e);
      } else if ('state' in envelope) {
        sink.replaceProcess(from, envelope.state);
      } else if ('ask' in envelope) {
        if (envelope.ask === this.processId) void this.send({ p: this.processId, state: sink.localState() }).catch(() => {});
      } else if (envelope.c === 'hello') {
        void this.send({ p: this.processId, state: sink.localState() }).catch(() => {});
      } else if (envelope.c === 'bye') {
        this.seen.delete(from);
        sink.dropProcess(from);
      } else if (!known) {
        void this.send({ p: this.processId, ask: from }).catch(() => {});
      }
    } catch (error) {
      this.log.error({ err: error, channel }, 'bad message on the live bus');
    }
  }

  /** `m|user:seq,user:seq|{json}`: one committed message or receipt and the stream entries it made. */
  private onStream(sink: LiveSink, message: string): void {
    const kind = message[0] === 'm' ? 'message' : 'read';
    const bar = message.indexOf('|', 2);
    const pairs: [string, number][] = [];
    for (const item of message.slice(2, bar).split(',')) {
      const colon = item.lastIndexOf(':');
      pairs.push([item.slice(0, colon), Number(item.slice(colon + 1))]);
    }
    sink.deliverStream(kind, pairs, message.slice(bar + 1));
  }
}
