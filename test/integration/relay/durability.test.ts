// Durable delivery over real sockets and a real SQLite file: resume after a dropped socket, exactly-once resends,
// a relay killed with SIGKILL right after acknowledging, retention, and a client ahead of a replaced relay.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { startRelay } from '../../../lib/relay/server.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { makeDataDir, msgId, provisionDataDir, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';
import { spawnRelay, type RelayProcess } from '../../support/relay-process.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fixture(): Promise<RelayFixture> {
  const fx = await startRelayFixture();
  cleanups.push(() => fx.close());
  return fx;
}
async function connect(url: string, token: string, lastSeq?: number): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(url, token, lastSeq);
  cleanups.push(() => c.drop());
  return c;
}

async function whisper(sup: RelayTestClient, agentId: string, text: string, id = msgId()): Promise<string> {
  sup.send({ type: 'whisper', msgId: id, agentId, conversationKey: 'c-1', kind: 'whisper', text });
  const ack = await sup.next('ack', (a) => a.msgId === id);
  return ack.id!;
}

describe('resume', () => {
  it('replays exactly what a dropped client missed, in order, then live delivery continues', async () => {
    const fx = await fixture();
    const { agentA, supervisorA } = fx.cast;
    const sup = await connect(fx.url, supervisorA.token);
    const agent = await connect(fx.url, agentA.token);
    await whisper(sup, agentA.id, 'one');
    await whisper(sup, agentA.id, 'two');
    await agent.next('message', (m) => m.message.text === 'two');
    const lastSeq = agent.lastSeq;
    expect(lastSeq).toBe(2);
    agent.drop();

    for (const text of ['three', 'four', 'five']) await whisper(sup, agentA.id, text);
    const back = await connect(fx.url, agentA.token, lastSeq);
    const welcome = back.all('welcome')[0]!;
    expect(welcome).toMatchObject({ resumed: true, headSeq: 5 });
    expect(back.all('message').map((m) => [m.seq, m.message.text])).toEqual([[3, 'three'], [4, 'four'], [5, 'five']]);
    expect(back.all('synced')[0]!.seq).toBe(5);
    // The replay came before `synced`, live delivery after it.
    await whisper(sup, agentA.id, 'six');
    await back.next('message', (m) => m.message.text === 'six');
    const order = back.frames.map((f) => f.type).filter((t) => t !== 'listeners');
    expect(order).toEqual(['welcome', 'message', 'message', 'message', 'synced', 'message']);
  });

  it('keeps order and loses nothing when whispers race a reconnect', async () => {
    const fx = await fixture();
    const { agentA, supervisorA } = fx.cast;
    const sup = await connect(fx.url, supervisorA.token);
    const sent: string[] = [];
    for (let i = 0; i < 60; i++) {
      const text = `w${i}`;
      sent.push(text);
      sup.send({ type: 'whisper', msgId: msgId(), agentId: agentA.id, conversationKey: 'c-1', kind: 'whisper', text });
    }
    // Connect while the whispers are being committed.
    const agent = await connect(fx.url, agentA.token, 0);
    await agent.next('message', (m) => m.message.text === 'w59', 10_000);
    const seqs = agent.all('message').map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(agent.all('message').map((m) => m.message.text)).toEqual(sent);
  });

  it('tells a client whose cursor is ahead of the relay\'s history to start over', async () => {
    const fx = await fixture();
    const sup = await connect(fx.url, fx.cast.supervisorA.token);
    await whisper(sup, fx.cast.agentA.id, 'only one');
    const agent = await connect(fx.url, fx.cast.agentA.token, 40);
    expect(agent.all('welcome')[0]).toMatchObject({ resumed: false, headSeq: 1 });
    expect(agent.all('message').map((m) => m.message.text)).toEqual(['only one']);
  });
});

describe('exactly-once sends', () => {
  it('acknowledges a resend as a duplicate and delivers the message once', async () => {
    const fx = await fixture();
    const sup = await connect(fx.url, fx.cast.supervisorA.token);
    const agent = await connect(fx.url, fx.cast.agentA.token);
    const id = msgId();
    const frame = { type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'once' } as const;
    // Two sends back to back (the second while the first is still being committed), then one more later.
    sup.send(frame);
    sup.send(frame);
    const first = await sup.next('ack', (a) => a.msgId === id);
    const second = await sup.next('ack', (a) => a.msgId === id);
    sup.send(frame);
    const third = await sup.next('ack', (a) => a.msgId === id);
    expect([first.duplicate, second.duplicate, third.duplicate]).toEqual([false, true, true]);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    // Each copy is delivered before its ack: after the last ack, the agent's barrier comes after any copy.
    await agent.barrier();
    expect(agent.all('message')).toHaveLength(1);

    sup.send({ ...frame, text: 'different text under the same id' });
    const conflict = await sup.next('error', (e) => e.msgId === id);
    expect(conflict.code).toBe('conflict');
  });
});

describe('crash safety', () => {
  let relay: RelayProcess | undefined;
  afterEach(async () => {
    await relay?.kill();
    relay = undefined;
  });

  it('delivers every acknowledged whisper after the relay is killed with SIGKILL and restarted', async () => {
    const data = makeDataDir();
    cleanups.push(() => data.remove());
    const cast = provisionDataDir(data.dir);
    relay = await spawnRelay({ dataDir: data.dir, env: { UNDERTONE_RATE_PER_SEC: '10000', UNDERTONE_RATE_BURST: '10000' } });
    const port = relay.port;
    const sup = await connect(relay.url, cast.supervisorA.token);
    const acked: string[] = [];
    const total = 150;
    for (let i = 0; i < total; i++) {
      sup.send({ type: 'whisper', msgId: `crash-${i.toString().padStart(4, '0')}`, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: `w${i}` });
    }
    // Kill the relay the moment the 100th acknowledgement arrives.
    await new Promise<void>((resolve) => {
      sup.ws.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; msgId?: string };
        if (frame.type === 'ack' && frame.msgId) {
          acked.push(frame.msgId);
          if (acked.length === 100) {
            relay!.child.kill('SIGKILL');
            resolve();
          }
        }
      });
    });
    await relay.kill();
    relay = await spawnRelay({ dataDir: data.dir, port });
    const agent = await connect(relay.url, cast.agentA.token, 0);
    const texts = agent.all('message').map((m) => m.message.msgId);
    for (const id of acked) expect(texts).toContain(id);
    expect(new Set(texts).size).toBe(texts.length);
    expect(agent.all('message').map((m) => m.seq)).toEqual(texts.map((_, i) => i + 1));
    // Whispers are stored in the order they were sent.
    expect([...texts].sort()).toEqual(texts);
  });
});

describe('threads and retention', () => {
  it('keeps a conversation\'s thread across a relay restart, and prunes history past retention', async () => {
    const data = makeDataDir();
    cleanups.push(() => data.remove());
    let relay = await startRelay(resolveConfig({ port: 0, dataDir: data.dir, logLevel: 'silent' }, {}));
    const cast = (await import('../../support/relay-fixture.ts')).provisionCast(relay.identities);
    const sup = await connect(relay.url, cast.supervisorA.token);
    await whisper(sup, cast.agentA.id, 'kept across restarts');
    await relay.stop();

    relay = await startRelay(resolveConfig({ port: 0, dataDir: data.dir, logLevel: 'silent' }, {}));
    const agent = await connect(relay.url, cast.agentA.token);
    agent.send({ type: 'thread_get', ref: 't', conversationKey: 'c-1' });
    expect((await agent.next('thread')).messages.map((m) => m.text)).toEqual(['kept across restarts']);
    agent.drop();
    await relay.stop();

    // Retention of about 0.86 s, and the relay starts with the clock moved on 2 s (Date only, while it prunes at
    // start): everything above is past it and is pruned.
    vi.setSystemTime(Date.now() + 2_000);
    try {
      relay = await startRelay(resolveConfig({ port: 0, dataDir: data.dir, logLevel: 'silent', retentionDays: 0.00001 }, {}));
    } finally {
      vi.useRealTimers();
    }
    cleanups.push(() => relay.stop());
    const later = await connect(relay.url, cast.agentA.token, 0);
    expect(later.all('welcome')[0]).toMatchObject({ resumed: false, headSeq: 1 });
    expect(later.all('message')).toEqual([]);
    later.send({ type: 'thread_get', ref: 't', conversationKey: 'c-1' });
    expect((await later.next('thread')).messages).toEqual([]);
  });
});
