// Links relay processes over Redis pub/sub: live changes on one broadcast channel; transcripts, and committed stream
// entries of the users it holds (recorded in Redis), on channels of each process. Heartbeats let every process
// forget a process that died; after a lost link a process re-announces its state and asks for the others'.
import { Command, type Redis } from 'ioredis';
import type { Logger } from '../log.ts';
import type { LiveBus, LiveEvent, LiveSink, ProcessLiveState } from '../hub/live-bus.ts';
import { encodeTranscripts, forEachTranscript } from './transcript-batch.ts';

/** One message on the broadcast channel: from process `p`, an event, a full state, or a control word. */
type Envelope =
  | { p: string; e: LiveEvent }
  | { p: string; state: ProcessLiveState }
  | { p: string; c: 'beat' | 'hello' | 'bye' }
  | { p: string; ask: string };

/**
 * Removes what processes recorded about the users they hold: the one named in ARGV[3], or those whose last
 * heartbeat in `procs` is older than ARGV[2] and those holding users (`holders`) without being in `procs` at all.
 */
const FORGET_PROCESSES = `
local p, cutoff, only = ARGV[1], ARGV[2], ARGV[3]
local pids = {only}
if only == '' then
  pids = redis.call('ZRANGEBYSCORE', p .. 'procs', '-inf', '(' .. cutoff, 'LIMIT', 0, 20)
  -- Holdings of a process missing from procs (removed by a sweep while it stalled, then killed before it beat
  -- again) would otherwise stay for ever.
  for _, pid in ipairs(redis.call('SMEMBERS', p .. 'holders')) do
    if not redis.call('ZSCORE', p .. 'procs', pid) then table.insert(pids, pid) end
  end
end
for _, pid in ipairs(pids) do
  for _, user in ipairs(redis.call('SMEMBERS', p .. 'holds:' .. pid)) do redis.call('SREM', p .. 'at:' .. user, pid) end
  redis.call('DEL', p .. 'holds:' .. pid)
  redis.call('ZREM', p .. 'procs', pid)
  redis.call('SREM', p .. 'holders', pid)
end
return #pids
`;
export interface RedisLiveBusOptions {
  /** Heartbeat period; a process unheard for `deadAfterMs` is dropped with its sockets' live state. */
  beatMs: number;
  deadAfterMs: number;
  /**
   * A process unheard this long loses its record of held users (far beyond `deadAfterMs`, so that a process
   * that only paused keeps it); every process sweeps at a third of this period.
   */
  forgetAfterMs: number;
}

/** Transcripts waiting per receiving process while publishes are unanswered; more are dropped (best effort). */
const MAX_QUEUED_TRANSCRIPTS = 10_000;
/**
 * Transcript publishes sent before earlier ones are answered (one connection keeps them in order). More than one:
 * a frame arriving while a publish travels goes out in the same turn instead of waiting a Redis round trip.
 */
const MAX_TRANSCRIPT_PUBLISHES_IN_FLIGHT = 8;

export const DEFAULT_LIVE_BUS_OPTIONS: RedisLiveBusOptions = { beatMs: 1_000, deadAfterMs: 5_000, forgetAfterMs: 30_000 };

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
  /** Transcripts waiting for the end of this event-loop turn, per receiving process: key, text, key, text… */
  private readonly transcripts = new Map<string, string[]>();
  private readonly transcriptChannel: string;
  private transcriptFlushDue = false;
  private transcriptsInFlight = 0;
  private transcriptsDropped = 0;
  private ticks = 0;
  private readonly sweepEveryTicks: number;
  private readonly extra = new Map<string, { handler: (message: string) => void; relinked: () => void }>();

  constructor(
    readonly processId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly options: RedisLiveBusOptions = DEFAULT_LIVE_BUS_OPTIONS,
  ) {
    this.sweepEveryTicks = Math.max(1, Math.round(options.forgetAfterMs / 3 / options.beatMs));
    this.broadcast = `${prefix}live`;
    this.streamChannel = `${prefix}stream:${processId}`;
    this.transcriptChannel = this.channelOf(processId);
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
    // Buffers only (no 'message' listener, so ioredis decodes nothing): transcripts stay bytes until sent.
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.onMessage(channel.toString(), message));
    // After a lost link ioredis subscribes again by itself; then this process catches up.
    this.sub.on('ready', () => {
      this.ownBeatAt = Date.now();
      if (!this.subscribedOnce || this.stopped) return;
      this.log.warn('link to Redis restored: announcing live state and catching up on stream entries');
      // ioredis subscribes again by itself; asking once more is harmless and covers a connection it had ended.
      void this.sub.subscribe(...this.channels()).catch(() => {});
      for (const { relinked } of this.extra.values()) relinked();
      this.holdAll();
      this.announce();
      this.sink?.resync();
      // The re-subscription and the catch-up reads travel on different connections: read once more a little
      // later, for entries committed in between.
      setTimeout(() => this.sink?.resync(), 1_000).unref();
    });
    // In procs before it holds anyone, so that a sweep never takes its first holdings for a dead process's.
    await this.pub.zadd(`${this.prefix}procs`, Date.now(), this.processId);
    await this.sub.subscribe(...this.channels());
    this.subscribedOnce = true;
    this.announce();
    this.timer = setInterval(() => this.tick(), this.options.beatMs);
    this.timer.unref();
  }

  holdUser(userId: string): Promise<void> {
    void this.pub.sadd(`${this.prefix}holders`, this.processId).catch(() => {});
    void this.pub.sadd(`${this.prefix}holds:${this.processId}`, userId).catch(() => {});
    return this.pub.sadd(`${this.prefix}at:${userId}`, this.processId).then(() => {});
  }

  releaseUser(userId: string): void {
    void this.pub.srem(`${this.prefix}at:${userId}`, this.processId).catch(() => {});
    void this.pub.srem(`${this.prefix}holds:${this.processId}`, userId).catch(() => {});
  }

  /** Records every local user again (after a lost link, or after other processes took this one for dead). */
  private holdAll(): void {
    for (const userId of this.sink?.heldUsers() ?? []) void this.holdUser(userId).catch(() => {});
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.pub.eval(FORGET_PROCESSES, 0, this.prefix, 0, this.processId).catch(() => {});
    await this.send({ p: this.processId, c: 'bye' }).catch(() => {});
  }

  publish(event: LiveEvent): void {
    void this.send({ p: this.processId, e: event }).catch(() => {});
  }

  /**
   * Transcripts go to each process as one message (transcript-batch.ts): those of this event-loop turn, and
   * while MAX_TRANSCRIPT_PUBLISHES_IN_FLIGHT publishes are unanswered, all that arrive until one is (so under
   * load one Redis write and one pub/sub message carry hundreds; otherwise none waits longer than the turn).
   * Best effort: while Redis does not answer, at most MAX_QUEUED_TRANSCRIPTS wait per process, later ones dropped.
   */
  sendTranscript(processId: string, key: string, text: string): void {
    const queued = this.transcripts.get(processId);
    if (!queued) this.transcripts.set(processId, [key, text]);
    else if (queued.length < 2 * MAX_QUEUED_TRANSCRIPTS) queued.push(key, text);
    else this.transcriptsDropped++;
    if (!this.transcriptFlushDue && this.transcriptsInFlight < MAX_TRANSCRIPT_PUBLISHES_IN_FLIGHT) {
      this.transcriptFlushDue = true;
      setImmediate(this.flushTranscripts);
    }
  }

  private readonly flushTranscripts = (): void => {
    this.transcriptFlushDue = false;
    if (this.transcriptsInFlight >= MAX_TRANSCRIPT_PUBLISHES_IN_FLIGHT || this.transcripts.size === 0) return;
    if (this.transcriptsDropped > 0) {
      this.log.warn({ dropped: this.transcriptsDropped }, 'Redis did not answer in time: transcripts dropped');
      this.transcriptsDropped = 0;
    }
    for (const [processId, items] of this.transcripts) {
      this.transcriptsInFlight++;
      // Written at once, not auto-pipelined: ioredis holds an auto-pipeline until the previous one is answered
      // and sends it a turn later, which would put a Redis round trip in front of a transcript.
      const command = new Command('publish', [this.channelOf(processId), encodeTranscripts(items)], { replyEncoding: 'utf8' });
      (this.pub.sendCommand(command) as Promise<unknown>).then(this.transcriptsAnswered, this.transcriptsAnswered);
    }
    this.transcripts.clear();
  };

  private readonly transcriptsAnswered = (): void => {
    if (--this.transcriptsInFlight < MAX_TRANSCRIPT_PUBLISHES_IN_FLIGHT && this.transcripts.size > 0 && !this.transcriptFlushDue) this.flushTranscripts();
  };

  private channels(): string[] {
    return [this.broadcast, this.channelOf(this.processId), this.streamChannel, ...this.extra.keys()];
  }

  private channelOf(processId: string): string {
    return `${this.prefix}tx:${processId}`;
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
    const now = Date.now();
    // Holdings of processes unheard for long are removed by whichever process sweeps first. A process that finds
    // itself swept (its entry was new again) records its users again and catches up.
    void this.pub.zadd(`${this.prefix}procs`, now, this.processId).then(
      (added) => {
        if (Number(added) === 1 && this.ticks > 1) {
          this.log.warn('this process was taken for dead: recording its sockets again and catching up');
          this.holdAll();
          this.sink?.resync();
        }
      },
      () => {},
    );
    if (this.ticks++ % this.sweepEveryTicks === 0) void this.pub.eval(FORGET_PROCESSES, 0, this.prefix, now - this.options.forgetAfterMs, '').catch(() => {});
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

  private onMessage(channel: string, bytes: Buffer): void {
    const sink = this.sink;
    if (!sink || this.stopped) return;
    try {
      if (channel === this.transcriptChannel) return forEachTranscript(bytes, (key, text) => sink.deliverTranscript(key, text));
      const message = bytes.toString();
      const extra = this.extra.get(channel);
      if (extra) return extra.handler(message);
      if (channel === this.streamChannel) return this.onStream(sink, message);
      if (channel !== this.broadcast) return;
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

  /** `m|user:seq,user:seq|{json}`: one committed message, receipt (`r`) or customer send outcome (`c`) and its entries. */
  private onStream(sink: LiveSink, message: string): void {
    const kind = message[0] === 'm' ? 'message' : message[0] === 'c' ? 'customer_send' : 'read';
    const bar = message.indexOf('|', 2);
    const pairs: [string, number][] = [];
    for (const item of message.slice(2, bar).split(',')) {
      const colon = item.lastIndexOf(':');
      pairs.push([item.slice(0, colon), Number(item.slice(colon + 1))]);
    }
    sink.deliverStream(kind, pairs, message.slice(bar + 1));
  }
}
