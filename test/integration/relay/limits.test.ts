// Bad input and limits over real sockets: hello deadline, bad tokens and versions, oversize frames, malformed and
// invalid frames, repeated abuse, rate limits, slow consumers, heartbeats, token revocation, and their metrics.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelayConfigInput } from '../../../lib/relay/config.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { msgId, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function fixture(overrides: RelayConfigInput = {}): Promise<RelayFixture> {
  const fx = await startRelayFixture(overrides);
  cleanups.push(() => fx.close());
  return fx;
}
async function open(fx: RelayFixture): Promise<RelayTestClient> {
  const c = await RelayTestClient.open(fx.url);
  cleanups.push(() => c.drop());
  return c;
}
async function connect(fx: RelayFixture, token: string, lastSeq?: number): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(fx.url, token, lastSeq);
  cleanups.push(() => c.drop());
  return c;
}
async function rejections(fx: RelayFixture): Promise<Record<string, number>> {
  const text = await (await fetch(`${fx.metricsUrl}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^undertone_rejections_total\{code="([a-z_]+)"\} (\d+)/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

describe('handshake', () => {
  it('closes a connection that sends no hello in time', async () => {
    const fx = await fixture({ helloTimeoutMs: 200 });
    const c = await open(fx);
    expect(await c.waitClosed()).toBe(4001);
    expect((await rejections(fx)).hello_timeout).toBe(1);
  });

  it('answers frames before hello with not_authenticated and keeps waiting for hello', async () => {
    const fx = await fixture();
    const c = await open(fx);
    c.send({ type: 'ping', ref: 'p' });
    expect((await c.next('error')).code).toBe('not_authenticated');
    c.send({ type: 'hello', v: 1, token: fx.cast.agentA.token });
    expect((await c.next('welcome')).user.id).toBe(fx.cast.agentA.id);
  });

  it('rejects an unknown token with auth_failed and close code 4003', async () => {
    const fx = await fixture();
    const c = await open(fx);
    c.send({ type: 'hello', v: 1, token: 'ut1_not-a-real-token' });
    expect((await c.next('error')).code).toBe('auth_failed');
    expect(await c.waitClosed()).toBe(4003);
  });

  it('rejects an unsupported protocol version with close code 4002', async () => {
    const fx = await fixture();
    const c = await open(fx);
    c.send({ type: 'hello', v: 2, token: fx.cast.agentA.token });
    const error = await c.next('error');
    expect(error.code).toBe('unsupported_version');
    expect(error.message).toContain('version 1');
    expect(await c.waitClosed()).toBe(4002);
  });
});

describe('malformed input', () => {
  it('answers bad JSON, schema failures and binary frames with errors and keeps the connection', async () => {
    const fx = await fixture();
    const c = await connect(fx, fx.cast.supervisorA.token);
    c.sendRaw('{not json');
    expect((await c.next('error')).code).toBe('bad_json');
    c.send({ type: 'whisper', msgId: 'short', agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'shout', text: '' } as Record<string, unknown>);
    const invalid = await c.next('error');
    expect(invalid.code).toBe('invalid_frame');
    expect(invalid.message).toMatch(/msgId/);
    expect(invalid.message).toMatch(/kind/);
    expect(invalid.msgId).toBe('short');
    c.send({ type: 'teleport', ref: 'x' });
    expect((await c.next('error')).code).toBe('invalid_frame');
    c.sendRaw(Buffer.from([1, 2, 3]));
    expect((await c.next('error')).message).toMatch(/text/);
    c.send({ type: 'ping', ref: 'still-here' });
    expect((await c.next('pong')).ref).toBe('still-here');
    expect(c.closeCode).toBeNull();
  });

  it('closes with 1009 a frame over the size limit; nothing stored was lost', async () => {
    const fx = await fixture({ maxFrameBytes: 4096 });
    const sup = await connect(fx, fx.cast.supervisorA.token);
    const id = msgId();
    sup.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'before' });
    await sup.next('ack', (a) => a.msgId === id);
    sup.send({ type: 'whisper', msgId: msgId(), agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'x'.repeat(5000) });
    expect(await sup.waitClosed()).toBe(1009);
    expect((await rejections(fx)).too_large).toBe(1);
    const agent = await connect(fx, fx.cast.agentA.token);
    expect(agent.all('message').map((m) => m.message.text)).toEqual(['before']);
  });

  it('closes a connection that keeps sending invalid frames', async () => {
    const fx = await fixture({ maxInvalidPerMinute: 3 });
    const c = await connect(fx, fx.cast.agentA.token);
    for (let i = 0; i < 4; i++) c.sendRaw('nope');
    expect(await c.waitClosed()).toBe(4009);
    expect(c.all('error')).toHaveLength(4);
  });
});

describe('rate limit', () => {
  it('answers every frame over the rate with rate_limited and a retry delay, dropping none silently', async () => {
    const fx = await fixture({ ratePerSec: 2, rateBurst: 3 });
    // The clock stands still (Date only; timers and sockets run as usual): no token comes back while the burst is
    // sent, however slow the machine, and waiting as told is moving the clock on.
    const t0 = Date.now();
    vi.setSystemTime(t0);
    try {
      await burstThenResend(fx, t0);
    } finally {
      vi.useRealTimers();
    }
  });
});

/** Six pings and a whisper over the rate, then the whisper again once the clock moved on by the delay it was told. */
async function burstThenResend(fx: RelayFixture, t0: number): Promise<void> {
  const sup = await connect(fx, fx.cast.supervisorA.token);
  // hello took one token; two pings pass, the rest are refused explicitly.
  for (let i = 0; i < 6; i++) sup.send({ type: 'ping', ref: `p${i}` });
  const id = msgId();
  sup.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'hi' });
  const limited = await sup.next('error', (e) => e.msgId === id);
  expect(limited.code).toBe('rate_limited');
  expect(limited.retryAfterMs).toBeGreaterThan(0);
  const answered = sup.all('pong').length + sup.all('error').filter((e) => e.ref?.startsWith('p')).length;
  expect(answered).toBe(6);
  expect(sup.all('pong').length).toBe(2);
  // After waiting as told, the resend goes through.
  vi.setSystemTime(t0 + limited.retryAfterMs!);
  sup.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'hi' });
  expect((await sup.next('ack', (a) => a.msgId === id)).duplicate).toBe(false);
  expect((await rejections(fx)).rate_limited).toBe(5);
}

describe('slow consumers and heartbeats', () => {
  it('closes a listener that stops reading, while its durable messages wait for resume', async () => {
    const fx = await fixture({ maxSendBufferBytes: 64 * 1024, ratePerSec: 100_000, rateBurst: 100_000 });
    const agent = await connect(fx, fx.cast.agentA.token);
    const sup = await connect(fx, fx.cast.supervisorA.token);
    sup.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c' });
    await sup.next('ack');
    await agent.next('listeners');
    // Sam takes part in the thread, so later whispers into it are his to receive.
    const first = msgId();
    sup.send({ type: 'whisper', msgId: first, agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'first' });
    await sup.next('ack', (a) => a.msgId === first);
    const samSeq = (await sup.next('message')).seq;
    const other = await connect(fx, fx.cast.supervisorA2.token);
    // The listener stops reading its socket; the kernel buffers fill, then the relay's own buffer.
    (sup.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const text = 'y'.repeat(7_000);
    for (let i = 0; i < 3000; i++) {
      const events = Array.from({ length: 8 }, (_, j) => ({ id: `e${i}-${j}`, op: 'add' as const, author: 'customer' as const, text, at: null }));
      agent.send({ type: 'transcript', conversationKey: 'c', snapshot: false, events });
      if (i % 50 === 49) {
        await new Promise((r) => setTimeout(r, 5));
        if ((await rejections(fx)).slow_consumer !== undefined) break;
      }
    }
    expect((await rejections(fx)).slow_consumer).toBe(1);
    const id = msgId();
    other.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'for later' });
    await other.next('ack', (a) => a.msgId === id);
    sup.drop();
    const back = await connect(fx, fx.cast.supervisorA.token, samSeq);
    expect(back.all('message').map((m) => m.message.text)).toEqual(['for later']);
  });

  it('gives a consumer slow for more than 2 s the 4008 close once it reads again', async () => {
    // The default 4 MiB send buffer: more than the kernel's socket buffers take, so the close frame waits in the relay.
    const fx = await fixture({ ratePerSec: 100_000, rateBurst: 100_000 });
    const agent = await connect(fx, fx.cast.agentA.token);
    const sup = await connect(fx, fx.cast.supervisorA.token);
    sup.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c' });
    await sup.next('ack');
    await agent.next('listeners');
    const socket = (sup.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause();
    const text = 'z'.repeat(7_000);
    for (let i = 0; i < 3000; i++) {
      const events = Array.from({ length: 8 }, (_, j) => ({ id: `s${i}-${j}`, op: 'add' as const, author: 'customer' as const, text, at: null }));
      agent.send({ type: 'transcript', conversationKey: 'c', snapshot: false, events });
      if (i % 50 === 49) {
        await new Promise((r) => setTimeout(r, 5));
        if ((await rejections(fx)).slow_consumer !== undefined) break;
      }
    }
    expect((await rejections(fx)).slow_consumer).toBe(1);
    // Slow for longer than the close handshake's 2 s answer time, then reading again.
    await new Promise((r) => setTimeout(r, 2_500));
    socket.resume();
    expect(await sup.waitClosed(15_000)).toBe(4008);
  });

  it('closes with 1007 a text frame that is not valid UTF-8', async () => {
    const fx = await fixture();
    const c = await connect(fx, fx.cast.agentA.token);
    c.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await c.waitClosed()).toBe(1007);
  });

  it('closes an authenticated socket that stays silent for three heartbeat intervals', async () => {
    const fx = await fixture({ heartbeatMs: 100 });
    const c = await connect(fx, fx.cast.agentA.token);
    expect(await c.waitClosed(3_000)).toBe(4005);
  });
});

describe('token revocation', () => {
  it('closes live sockets of a revoked token with 4004 and refuses it afterwards', async () => {
    const fx = await fixture();
    const c = await connect(fx, fx.cast.agentA.token);
    const other = await connect(fx, fx.cast.agentA2.token);
    fx.relay.identities.revokeToken(fx.cast.agentA.tokenId);
    expect(await c.waitClosed(4_000)).toBe(4004);
    expect(other.closeCode).toBeNull();
    const again = await open(fx);
    again.send({ type: 'hello', v: 1, token: fx.cast.agentA.token });
    expect((await again.next('error')).code).toBe('auth_failed');
  });
});
