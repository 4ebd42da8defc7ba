// RelayConnection against a scripted socket: hello and resume, exactly-once stream, ordered outbox, reconnect, keepalive.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelayFrame } from '../../../lib/protocol/index.ts';
import { RelayConnection, allThreads, applyThreadAnswer, openClientDb, getThread, listOutbox, readLastSeq, type ClientDb, type ConnectionStatus, type OutboxResult, type StreamFrame } from '../../../lib/client/index.ts';
import { FakeSocket, until, welcome, whisperMessage } from './fake-socket.ts';

let dbCount = 0;
const connections: RelayConnection[] = [];

async function setup(options: { keepaliveMs?: number } = {}) {
  const db: ClientDb = await openClientDb(`conn-${dbCount++}`);
  const sockets: FakeSocket[] = [];
  const entries: StreamFrame[] = [];
  const results: OutboxResult[] = [];
  const statuses: ConnectionStatus[] = [];
  const frames: RelayFrame[] = [];
  const connection = new RelayConnection({
    relayUrl: 'http://127.0.0.1:9',
    token: 'tok-secret',
    db,
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    backoff: { baseMs: 10, capMs: 20 },
    keepaliveMs: options.keepaliveMs ?? 60_000,
    onStreamEntry: (f) => entries.push(f),
    onOutboxResult: (r) => results.push(r),
    onStatus: (s) => statuses.push(s),
    onFrame: (f) => frames.push(f),
  });
  connections.push(connection);
  const latest = () => sockets[sockets.length - 1]!;
  /** Opens the newest socket and plays welcome + synced once the hello arrived. */
  const handshake = async (headSeq = 0, welcomeFrame: RelayFrame = welcome(headSeq)) => {
    const socket = latest();
    socket.open();
    await until(() => socket.sentOfType('hello').length === 1, 'hello');
    socket.receive(welcomeFrame);
    socket.receive({ type: 'synced', seq: headSeq });
    await until(() => connection.status.synced, 'synced');
    return socket;
  };
  let barriers = 0;
  /**
   * Inbound frames are handled one after another: once a `listeners` frame received now has been handed on, every
   * frame received before it has been handled too.
   */
  const barrier = async (socket: FakeSocket) => {
    const conversationKey = `barrier-${++barriers}`;
    socket.receive({ type: 'listeners', agentId: 'usr_barrier', conversationKey, listeners: [] });
    await until(() => frames.some((f) => f.type === 'listeners' && f.conversationKey === conversationKey), 'the barrier frame');
  };
  return { db, sockets, entries, results, statuses, connection, latest, handshake, barrier };
}

afterEach(() => {
  for (const c of connections.splice(0)) c.stop();
});

const whisper = (msgId: string) => ({ type: 'whisper' as const, msgId, agentId: 'usr_agent', conversationKey: 'conv-1', kind: 'whisper' as const, text: msgId });

describe('RelayConnection', () => {
  it('says hello on the versioned path with the token and the persisted stream position', async () => {
    const t = await setup();
    t.connection.start();
    const socket = await t.handshake();
    expect(socket.url).toBe('ws://127.0.0.1:9/v1/ws');
    expect(socket.sentOfType('hello')[0]).toMatchObject({ v: 1, token: 'tok-secret', lastSeq: 0 });
    socket.receive(whisperMessage(1, 'm1'));
    socket.receive(whisperMessage(2, 'm2'));
    await until(async () => (await readLastSeq(t.db)) === 2, 'seq 2 stored');
    socket.serverClose(1006);
    await until(() => t.sockets.length === 2, 'reconnect');
    t.latest().open();
    await until(() => t.latest().sentOfType('hello').length === 1, 'second hello');
    expect(t.latest().sentOfType('hello')[0]).toMatchObject({ lastSeq: 2 });
  });

  it('passes on each stream entry once even when the relay replays it', async () => {
    const t = await setup();
    t.connection.start();
    const socket = await t.handshake();
    socket.receive(whisperMessage(1, 'm1'));
    socket.receive(whisperMessage(1, 'm1'));
    socket.receive(whisperMessage(2, 'm2'));
    socket.receive(whisperMessage(2, 'm2'));
    await t.barrier(socket);
    expect(t.entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(await readLastSeq(t.db)).toBe(2);
  });

  it('delivers the outbox in order, one frame in flight, each removed on its ack', async () => {
    const t = await setup();
    await t.connection.queue(whisper('msg-first-1'));
    await t.connection.queue(whisper('msg-second-2'));
    t.connection.start();
    const socket = await t.handshake();
    await until(() => socket.sentOfType('whisper').length === 1, 'first whisper');
    expect(socket.sentOfType('whisper')[0]).toMatchObject({ msgId: 'msg-first-1' });
    socket.receive({ type: 'ack', msgId: 'msg-first-1', id: 'msg_1', duplicate: false });
    await until(() => socket.sentOfType('whisper').length === 2, 'second whisper');
    expect(socket.sentOfType('whisper')[1]).toMatchObject({ msgId: 'msg-second-2' });
    socket.receive({ type: 'ack', msgId: 'msg-second-2', id: 'msg_2', duplicate: false });
    await until(() => t.results.length === 2, 'two results');
    expect(t.results).toEqual([
      { key: 'msg-first-1', ok: true, id: 'msg_1' },
      { key: 'msg-second-2', ok: true, id: 'msg_2' },
    ]);
    expect(await listOutbox(t.db)).toEqual([]);
  });

  it('resends an unacknowledged frame after a reconnect, and only after the replay is complete', async () => {
    const t = await setup();
    t.connection.start();
    const first = await t.handshake();
    await t.connection.queue(whisper('msg-lost-ack'));
    await until(() => first.sentOfType('whisper').length === 1, 'whisper sent');
    first.serverClose(1006);
    await until(() => t.sockets.length === 2, 'reconnect');
    const second = t.latest();
    second.open();
    await until(() => second.sentOfType('hello').length === 1, 'hello');
    second.receive(welcome(0));
    await t.barrier(second);
    expect(second.sentOfType('whisper')).toEqual([]);
    second.receive({ type: 'synced', seq: 0 });
    await until(() => second.sentOfType('whisper').length === 1, 'resend');
    second.receive({ type: 'ack', msgId: 'msg-lost-ack', id: 'msg_9', duplicate: true });
    await until(() => t.results.length === 1, 'result');
    expect(await listOutbox(t.db)).toEqual([]);
  });

  it('waits and resends on rate_limited; drops and reports a final error', async () => {
    const t = await setup();
    await t.connection.queue(whisper('msg-limited'));
    await t.connection.queue({ ...whisper('msg-forbidden'), agentId: 'usr_other' });
    t.connection.start();
    const socket = await t.handshake();
    await until(() => socket.sentOfType('whisper').length === 1, 'first send');
    socket.receive({ type: 'error', code: 'rate_limited', message: 'slow down', msgId: 'msg-limited', retryAfterMs: 30 });
    await until(() => socket.sentOfType('whisper').length === 2, 'resend');
    expect(socket.sentOfType('whisper').map((f) => f.msgId)).toEqual(['msg-limited', 'msg-limited']);
    socket.receive({ type: 'ack', msgId: 'msg-limited', id: 'msg_1' });
    await until(() => socket.sentOfType('whisper').length === 3, 'next frame');
    socket.receive({ type: 'error', code: 'forbidden', message: 'not your agent', msgId: 'msg-forbidden' });
    await until(() => t.results.length === 2, 'two results');
    expect(t.results[1]).toEqual({ key: 'msg-forbidden', ok: false, code: 'forbidden', message: 'not your agent' });
    expect(await listOutbox(t.db)).toEqual([]);
  });

  it('stops for good when the token is revoked, saying so in words', async () => {
    const t = await setup();
    t.connection.start();
    const socket = await t.handshake();
    // Fake timers from here: a reconnect would be scheduled on a timer, and running every timer shows whether one was.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      socket.serverClose(4004, 'token revoked');
      vi.runOnlyPendingTimers();
      vi.advanceTimersByTime(60_000);
    } finally {
      vi.useRealTimers();
    }
    expect(t.sockets).toHaveLength(1);
    expect(t.connection.status.state).toBe('stopped');
    expect(t.connection.status.lastError).toMatch(/signed this browser out/);
  });

  it('reconnects with growing delays while the relay cannot be reached', async () => {
    const t = await setup();
    t.connection.start();
    for (let i = 1; i <= 3; i++) {
      await until(() => t.sockets.length === i, `attempt ${i}`);
      t.latest().serverClose(1006);
    }
    await until(() => t.sockets.length === 4, 'attempt 4');
    const waits = t.statuses.filter((s) => s.state === 'waiting');
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits[0]!.lastError).toMatch(/Cannot reach the relay/);
  });

  it('pings on the keepalive interval and drops a socket that stays silent', async () => {
    const t = await setup({ keepaliveMs: 20 });
    t.connection.start();
    const socket = await t.handshake();
    await until(() => socket.sentOfType('ping').length >= 1, 'a ping');
    // No pong ever comes: after 2.5 intervals of silence the client closes and reconnects.
    await until(() => t.sockets.length === 2, 'reconnect after silence');
    expect(socket.closedWith?.code).toBe(4000);
  });
});

describe('RelayConnection when the relay cannot resume', () => {
  it('resets the stream position to 0, processes the full replay and fetches the cached threads again', async () => {
    const t = await setup();
    t.connection.start();
    const first = await t.handshake();
    first.receive(whisperMessage(5, 'm5'));
    await until(async () => (await readLastSeq(t.db)) === 5, 'seq 5 stored');
    first.serverClose(1006);
    await until(() => t.sockets.length === 2, 'reconnect');
    const socket = t.latest();
    socket.open();
    await until(() => socket.sentOfType('hello').length === 1, 'second hello');
    expect(socket.sentOfType('hello')[0]).toMatchObject({ lastSeq: 5 });
    // The relay's data was replaced: its stream is at 2, so it replays everything it has from the start.
    const notResumed = welcome(2);
    if (notResumed.type !== 'welcome') throw new Error('a welcome frame was expected');
    socket.receive({ ...notResumed, resumed: false });
    socket.receive(whisperMessage(1, 'n1'));
    socket.receive(whisperMessage(2, 'n2'));
    socket.receive({ type: 'synced', seq: 2 });
    await until(() => t.connection.status.synced, 'synced');
    await until(async () => (await readLastSeq(t.db)) === 2, 'position follows the new stream');
    expect(t.entries.map((e) => (e.type === 'message' ? e.message.id : e.type))).toEqual(['m5', 'n1', 'n2']);
    // Agents ask for their own threads without naming themselves.
    expect(socket.sentOfType('thread_get')).toEqual([{ type: 'thread_get', ref: 'refetch-0', conversationKey: 'conv-1' }]);
    const kept = whisperMessage(5, 'm5');
    if (kept.type !== 'message') throw new Error('a message frame was expected');
    socket.receive({ type: 'thread', ref: 'refetch-0', agentId: 'usr_agent', conversationKey: 'conv-1', messages: [kept.message] });
    await until(async () => ((await getThread(t.db, 'usr_agent', 'conv-1'))?.messages.length ?? 0) === 3, 'refetched thread cached');
  });

  it('keeps the position and fetches nothing when the relay resumes', async () => {
    const t = await setup();
    t.connection.start();
    const socket = await t.handshake(0);
    socket.receive(whisperMessage(1, 'm1'));
    await until(async () => (await readLastSeq(t.db)) === 1, 'seq 1');
    expect(socket.sentOfType('thread_get')).toEqual([]);
  });
});

describe('RelayConnection and the relay\'s retention', () => {
  const DAY = 86_400_000;
  /** Caches an old and a recent message in conv-1 and only an old one in conv-2. */
  async function seed(db: ClientDb): Promise<void> {
    const message = (id: string, conversationKey: string, createdAt: number) => {
      const frame = whisperMessage(1, id);
      if (frame.type !== 'message') throw new Error('a message frame was expected');
      return { ...frame.message, conversationKey, createdAt };
    };
    const now = Date.now();
    await applyThreadAnswer(db, { type: 'thread', agentId: 'usr_agent', conversationKey: 'conv-1', messages: [message('old1', 'conv-1', now - 40 * DAY), message('new1', 'conv-1', now - 2 * DAY)] });
    await applyThreadAnswer(db, { type: 'thread', agentId: 'usr_agent', conversationKey: 'conv-2', messages: [message('old2', 'conv-2', now - 31 * DAY)] });
  }
  const cached = async (db: ClientDb) =>
    (await allThreads(db)).map((t) => `${t.conversationKey}:${t.messages.map((m) => m.id).join(',')}`).sort();

  it('drops cached messages older than the announced retention, and threads left empty, on welcome', async () => {
    const t = await setup();
    await seed(t.db);
    t.connection.start();
    const announcing = welcome(0);
    if (announcing.type !== 'welcome') throw new Error('a welcome frame was expected');
    await t.handshake(0, { ...announcing, retentionDays: 30 });
    expect(await cached(t.db)).toEqual(['conv-1:new1']);
  });

  it('prunes nothing when the relay does not announce a retention', async () => {
    const t = await setup();
    await seed(t.db);
    t.connection.start();
    await t.handshake(0);
    expect(await cached(t.db)).toEqual(['conv-1:old1,new1', 'conv-2:old2']);
  });
});
