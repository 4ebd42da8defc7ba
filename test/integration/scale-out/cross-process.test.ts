// Two relay processes on one Redis: whispers, acks and resume across processes, listen-in and transcripts
// with the supervisor on one process and the agent on the other, the shared board, a relay that dies, and the
// admin CLI on Redis.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, msgId } from '../../support/relay-fixture.ts';
import type { RelayProcess } from '../../support/relay-process.ts';
import { freshPrefix, provisionCastIn, spawnRedisRelay } from './support/redis-relay-fixture.ts';
import { useRedisRelaysPerTest } from './support/redis-relays-per-test.ts';

const redis = useRedisRelaysPerTest();
const { relayPair, connect } = redis;

describe('durable messages across processes', () => {
  it('delivers a whisper to an agent on the other process; the sender sees its copy before the ack', async () => {
    const { one, two, cast } = await relayPair();
    const sam = await connect(one.url, cast.supervisorA.token);
    const ann = await connect(two.url, cast.agentA.token);
    const id = msgId();
    sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'Offer the refund now.' });
    const ack = await sam.next('ack', (a) => a.msgId === id);
    expect(ack.duplicate).toBe(false);
    const types = sam.frames.map((f) => f.type);
    expect(types.indexOf('message')).toBeLessThan(types.indexOf('ack'));
    const got = await ann.next('message', (m) => m.message.msgId === id);
    expect(got).toMatchObject({ seq: 1, message: { id: ack.id, text: 'Offer the refund now.', from: { id: cast.supervisorA.id } } });

    // A resend through the other process is a duplicate with the same id, delivered nowhere again.
    const samThere = await connect(two.url, cast.supervisorA.token, sam.lastSeq);
    samThere.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'Offer the refund now.' });
    expect(await samThere.next('ack', (a) => a.msgId === id)).toMatchObject({ id: ack.id, duplicate: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(ann.all('message')).toHaveLength(1);
  });

  it('resumes a client on the other process exactly where it left off', async () => {
    const { one, two, cast } = await relayPair();
    const sam = await connect(one.url, cast.supervisorA.token);
    const ann = await connect(one.url, cast.agentA.token);
    for (const text of ['one', 'two']) {
      const id = msgId();
      sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text });
      await sam.next('ack', (a) => a.msgId === id);
    }
    await ann.next('message', (m) => m.message.text === 'two');
    const lastSeq = ann.lastSeq;
    ann.drop();
    for (const text of ['three', 'four']) {
      const id = msgId();
      sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text });
      await sam.next('ack', (a) => a.msgId === id);
    }
    const back = await connect(two.url, cast.agentA.token, lastSeq);
    expect(back.all('welcome')[0]).toMatchObject({ resumed: true, headSeq: 4 });
    expect(back.all('message').map((m) => [m.seq, m.message.text])).toEqual([[3, 'three'], [4, 'four']]);
    // Replies and read receipts flow back to the supervisor on the first process.
    const reply = msgId();
    back.send({ type: 'reply', msgId: reply, conversationKey: 'c-1', text: 'Done.' });
    await back.next('ack', (a) => a.msgId === reply);
    expect((await sam.next('message', (m) => m.message.msgId === reply)).message.kind).toBe('reply');
    const firstId = back.all('message')[0]!.message.id;
    back.send({ type: 'read', ref: 'r', conversationKey: 'c-1', messageIds: [firstId] });
    await back.next('ack', (a) => a.ref === 'r');
    expect((await sam.next('read')).receipt.messageIds).toEqual([firstId]);
    sam.send({ type: 'thread_get', ref: 't', agentId: cast.agentA.id, conversationKey: 'c-1' });
    const thread = await sam.next('thread');
    expect(thread.messages.map((m) => m.text)).toEqual(['one', 'two', 'three', 'four', 'Done.']);
    expect(thread.messages[2]!.readBy).toEqual([cast.agentA.id]);
  });

  it('keeps every user\'s stream gap-free and in order when both processes send at once', async () => {
    const { one, two, cast } = await relayPair({ ratePerSec: 100_000, rateBurst: 100_000 });
    const sam = await connect(one.url, cast.supervisorA.token);
    const sue = await connect(two.url, cast.supervisorA2.token);
    const annOne = await connect(one.url, cast.agentA.token);
    const annTwo = await connect(two.url, cast.agentA.token);
    const per = 100;
    for (let i = 0; i < per; i++) {
      sam.send({ type: 'whisper', msgId: `sam-${i}-${msgId()}`, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: `sam ${i}` });
      sue.send({ type: 'whisper', msgId: `sue-${i}-${msgId()}`, agentId: cast.agentA.id, conversationKey: 'c-2', kind: 'whisper', text: `sue ${i}` });
    }
    for (const ann of [annOne, annTwo]) {
      await ann.next('message', (m) => m.seq === 2 * per, 10_000);
      const seqs = ann.all('message').map((m) => m.seq);
      expect(seqs).toEqual(Array.from({ length: 2 * per }, (_, i) => i + 1));
      const texts = ann.all('message').map((m) => m.message.text);
      expect(texts.filter((t) => t.startsWith('sam'))).toEqual(Array.from({ length: per }, (_, i) => `sam ${i}`));
      expect(texts.filter((t) => t.startsWith('sue'))).toEqual(Array.from({ length: per }, (_, i) => `sue ${i}`));
    }
  });
});

describe('live state across processes', () => {
  it('tells an agent on one process about a listener on the other, and relays its transcript there', async () => {
    const { one, two, cast } = await relayPair();
    const ann = await connect(two.url, cast.agentA.token);
    ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c-1', 'Carla')] });
    await ann.next('ack', (a) => a.ref === 's');
    const sam = await connect(one.url, cast.supervisorA.token);
    const sue = await connect(two.url, cast.supervisorA2.token);
    sam.send({ type: 'listen_start', ref: 'l', agentId: cast.agentA.id, conversationKey: 'c-1' });
    await sam.next('ack', (a) => a.ref === 'l');
    expect((await ann.next('listeners', (l) => l.listeners.length === 1)).listeners).toEqual([{ id: cast.supervisorA.id, name: 'Sam Supervisor', role: 'supervisor' }]);

    const event = { id: 'p-1', op: 'add' as const, author: 'customer' as const, text: 'Charged twice!', at: 1_700_000_100_000 };
    ann.send({ type: 'transcript', ref: 't1', conversationKey: 'c-1', snapshot: true, events: [event] });
    await ann.next('ack', (a) => a.ref === 't1');
    expect(await sam.next('transcript')).toMatchObject({ agentId: cast.agentA.id, conversationKey: 'c-1', snapshot: true, events: [event] });

    // A second listener on the agent's own process: both get the next event; both learn of each other.
    sue.send({ type: 'listen_start', ref: 'l2', agentId: cast.agentA.id, conversationKey: 'c-1' });
    await ann.next('listeners', (l) => l.listeners.length === 2);
    await sam.next('listeners', (l) => l.listeners.length === 2);
    ann.send({ type: 'transcript', conversationKey: 'c-1', snapshot: false, events: [{ ...event, id: 'p-2' }] });
    await sam.next('transcript', (t) => t.events[0]?.id === 'p-2');
    await sue.next('transcript', (t) => t.events[0]?.id === 'p-2');

    // The agent reconnecting to the other process is told who listens.
    ann.drop();
    const again = await connect(one.url, cast.agentA.token);
    expect((await again.next('listeners')).listeners.map((l) => l.id)).toEqual([cast.supervisorA.id, cast.supervisorA2.id]);

    sam.send({ type: 'listen_stop', ref: 'x', agentId: cast.agentA.id, conversationKey: 'c-1' });
    expect((await again.next('listeners', (l) => l.listeners.length === 1)).listeners[0]!.id).toBe(cast.supervisorA2.id);
    sue.drop();
    await again.next('listeners', (l) => l.listeners.length === 0);
    again.send({ type: 'transcript', ref: 't9', conversationKey: 'c-1', snapshot: true, events: [] });
    expect((await again.next('error', (e) => e.ref === 't9')).code).toBe('not_listening');
  });

  it('shares the board: chats, help flags and presence of agents on the other process', async () => {
    const { one, two, cast } = await relayPair({ boardGraceMs: 200 });
    const ann = await connect(two.url, cast.agentA.token);
    ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c-1', 'Carla')] });
    await ann.next('ack', (a) => a.ref === 's');
    const sam = await connect(one.url, cast.supervisorA.token);
    sam.send({ type: 'board_subscribe', ref: 'b' });
    const snapshot = await sam.next('board_snapshot');
    expect(snapshot.chats.map((c) => [c.agentId, c.key])).toEqual([[cast.agentA.id, 'c-1']]);
    expect(snapshot.agents).toEqual([{ id: cast.agentA.id, name: 'Ann Agent', teamIds: [cast.teamA], online: true }]);

    ann.send({ type: 'chat_state', conversations: [conversation('c-1', 'Carla'), conversation('c-2', 'Dan')] });
    await sam.next('board_delta', (d) => d.upsert.some((c) => c.key === 'c-2'));
    const help = msgId();
    ann.send({ type: 'help', msgId: help, conversationKey: 'c-2', reason: 'Wants a manager' });
    await sam.next('message', (m) => m.message.msgId === help);
    await sam.next('board_delta', (d) => d.upsert.some((c) => c.key === 'c-2' && c.helpRequested));
    sam.send({ type: 'whisper', msgId: msgId(), agentId: cast.agentA.id, conversationKey: 'c-2', kind: 'whisper', text: 'Coming.' });
    await sam.next('board_delta', (d) => d.upsert.some((c) => c.key === 'c-2' && !c.helpRequested));

    ann.drop();
    await sam.next('board_delta', (d) => d.agents.some((a) => a.id === cast.agentA.id && !a.online));
    const gone = await sam.next('board_delta', (d) => d.agentsGone.length > 0);
    expect(gone.agentsGone).toEqual([cast.agentA.id]);
    expect(gone.remove.map((r) => r.conversationKey).sort()).toEqual(['c-1', 'c-2']);
  });

  it('closes a revoked token\'s socket on whichever process holds it', async () => {
    const { two, cast, one } = await relayPair();
    const ann = await connect(two.url, cast.agentA.token);
    await one.identities.revokeToken(cast.agentA.tokenId);
    expect(await ann.waitClosed(4_000)).toBe(4004);
  });
});

describe('a relay process that dies', () => {
  let child: RelayProcess | undefined;
  afterEach(async () => {
    await child?.kill();
    child = undefined;
  });

  it('disappears from the board and the listener lists of the other process', async () => {
    const prefix = freshPrefix();
    const one = await redis.startRelay(prefix, { boardCoalesceMs: 10, boardGraceMs: 300 });
    const cast = await provisionCastIn(one.identities);
    child = await spawnRedisRelay(redis.redisUrl, prefix);
    const ann = await connect(child.url, cast.agentA.token);
    ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c-1', 'Carla')] });
    await ann.next('ack', (a) => a.ref === 's');
    const sam = await connect(one.url, cast.supervisorA.token);
    sam.send({ type: 'board_subscribe' });
    expect((await sam.next('board_snapshot')).chats.map((c) => c.key)).toEqual(['c-1']);

    // And a listener on the dying process: the agent (on the surviving one) is told it is gone.
    const bob = await connect(one.url, cast.agentA2.token);
    const sue = await connect(child.url, cast.supervisorA2.token);
    sue.send({ type: 'listen_start', ref: 'l', agentId: cast.agentA2.id, conversationKey: 'k' });
    await bob.next('listeners', (l) => l.listeners.length === 1);

    await child.kill();
    await sam.next('board_delta', (d) => d.agents.some((a) => a.id === cast.agentA.id && !a.online), 10_000);
    await sam.next('board_delta', (d) => d.agentsGone.includes(cast.agentA.id), 5_000);
    await bob.next('listeners', (l) => l.listeners.length === 0, 5_000);
  });
});

describe('history in Redis', () => {
  it('keeps threads across relay restarts and prunes what is past retention', async () => {
    const prefix = freshPrefix();
    let relay = await redis.startRelay(prefix, { retentionDays: 30 });
    const cast = await provisionCastIn(relay.identities);
    const sam = await connect(relay.url, cast.supervisorA.token);
    const id = msgId();
    sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'kept across restarts' });
    await sam.next('ack', (a) => a.msgId === id);
    sam.drop();
    await relay.stop();

    relay = await redis.startRelay(prefix, { retentionDays: 30 });
    const ann = await connect(relay.url, cast.agentA.token);
    // The welcome announces the configured retention in Redis mode too.
    expect(ann.all('welcome')[0]).toMatchObject({ retentionDays: 30 });
    ann.send({ type: 'thread_get', ref: 't', conversationKey: 'c-1' });
    expect((await ann.next('thread')).messages.map((m) => m.text)).toEqual(['kept across restarts']);
    ann.drop();
    await relay.stop();

    await new Promise((r) => setTimeout(r, 1_100));
    // Retention of about 0.86 s: everything above is past it and is pruned at start.
    relay = await redis.startRelay(prefix, { retentionDays: 0.00001 });
    const later = await connect(relay.url, cast.agentA.token, 0);
    expect(later.all('welcome')[0]).toMatchObject({ resumed: false, headSeq: 1 });
    expect(later.all('message')).toEqual([]);
    later.send({ type: 'thread_get', ref: 't', conversationKey: 'c-1' });
    expect((await later.next('thread')).messages).toEqual([]);
    // A resend of the pruned message's msgId is stored again, like on SQLite.
    const samAgain = await connect(relay.url, cast.supervisorA.token, 0);
    samAgain.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'kept across restarts' });
    expect((await samAgain.next('ack', (a) => a.msgId === id)).duplicate).toBe(false);
  });
});

describe('admin CLI on Redis', () => {
  it('provisions organisations, users and tokens that every relay process accepts', async () => {
    const run = promisify(execFile);
    const bin = fileURLToPath(new URL('../../../bin/undertone-relay.mjs', import.meta.url));
    const prefix = freshPrefix();
    const cli = async (...args: string[]) => JSON.parse((await run(process.execPath, [bin, ...args, '--redis', redis.redisUrl, '--redis-prefix', prefix, '--json'])).stdout) as Record<string, string>;
    const org = await cli('org', 'add', '--name', 'Acme Support');
    const team = await cli('team', 'add', '--org', org.id!, '--name', 'Billing');
    const agent = await cli('user', 'add', '--org', org.id!, '--name', 'Ann Agent', '--role', 'agent', '--team', team.id!);
    expect(await cli('user', 'list', '--org', org.id!)).toEqual([{ id: agent.id, orgId: org.id, name: 'Ann Agent', role: 'agent', teamIds: [team.id], helpdeskNames: [] }]);
    const token = await cli('token', 'issue', '--user', agent.id!);
    const enrollment = await cli('enroll', '--user', agent.id!);

    const relay = await redis.startRelay(prefix);
    const ann = await connect(relay.url, token.token!);
    expect(ann.all('welcome')[0]!.user).toMatchObject({ id: agent.id, orgName: 'Acme Support', teams: [{ id: team.id, name: 'Billing' }] });
    const enrolled = await fetch(`http://127.0.0.1:${relay.port}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: enrollment.code }) });
    expect(enrolled.status).toBe(200);
    const again = await fetch(`http://127.0.0.1:${relay.port}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: enrollment.code }) });
    expect(((await again.json()) as { error: string }).error).toBe('code_used');

    await cli('token', 'revoke', '--token-id', token.tokenId!);
    expect(await ann.waitClosed(4_000)).toBe(4004);
  });
});
