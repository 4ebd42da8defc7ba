// Routes over real sockets: live board, listen-in with transcripts, whispers and suggestions, replies,
// help requests, read receipts, threads, and several supervisors on one chat.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RelayTestClient } from '../../support/relay-client.ts';
import { conversation, msgId, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

let fx: RelayFixture;
const clients: RelayTestClient[] = [];
async function connect(token: string, lastSeq?: number): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(fx.url, token, lastSeq);
  clients.push(c);
  return c;
}

beforeEach(async () => {
  fx = await startRelayFixture();
});
afterEach(async () => {
  for (const c of clients.splice(0)) {
    expect(c.malformed).toEqual([]);
    c.drop();
  }
  await fx.close();
});

describe('welcome', () => {
  it('names the user, org and teams and announces limits', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const welcome = agent.all('welcome')[0]!;
    expect(welcome.user).toMatchObject({ id: fx.cast.agentA.id, name: 'Ann Agent', role: 'agent', orgId: fx.cast.orgId, orgName: 'Acme Support' });
    expect(welcome.user.teams).toEqual([{ id: fx.cast.teamA, name: 'Billing' }]);
    expect(welcome.headSeq).toBe(0);
    expect(welcome.limits.maxFrameBytes).toBe(65536);
  });
});

describe('live board', () => {
  it('gives a supervisor a snapshot, then coalesced deltas of their teams only', async () => {
    const agentA = await connect(fx.cast.agentA.token);
    const agentB = await connect(fx.cast.agentB.token);
    agentA.send({ type: 'chat_state', ref: 's1', conversations: [conversation('c-1', 'Carla Customer')] });
    agentB.send({ type: 'chat_state', ref: 's2', conversations: [conversation('c-9', 'Other team customer')] });
    await agentA.next('ack', (f) => f.ref === 's1');
    await agentB.next('ack', (f) => f.ref === 's2');

    const sup = await connect(fx.cast.supervisorA.token);
    sup.send({ type: 'board_subscribe', ref: 'b' });
    const snapshot = await sup.next('board_snapshot');
    expect(snapshot.ref).toBe('b');
    expect(snapshot.teams.map((t) => t.id)).toEqual([fx.cast.teamA]);
    expect(snapshot.chats.map((c) => [c.agentId, c.key, c.customer, c.agentName])).toEqual([[fx.cast.agentA.id, 'c-1', 'Carla Customer', 'Ann Agent']]);
    expect(snapshot.agents.map((a) => a.id)).toEqual([fx.cast.agentA.id]);

    // A mood change and a new chat arrive as one delta; the other team's change never does.
    agentA.send({
      type: 'chat_state',
      conversations: [
        conversation('c-1', 'Carla Customer', { mood: { score: -0.8, level: 'angry', reasons: ['asks for a refund'] } }),
        conversation('c-2', 'Dan Customer', { active: false }),
      ],
    });
    agentB.send({ type: 'chat_state', ref: 'b-empty', conversations: [] });
    await agentB.next('ack', (a) => a.ref === 'b-empty');
    // (A delta gathered before the subscription may repeat c-1 first; upserts are idempotent.)
    const delta = await sup.next('board_delta', (d) => d.upsert.some((c) => c.key === 'c-2'));
    expect(delta.upsert.map((c) => c.key).sort()).toEqual(['c-1', 'c-2']);
    expect(delta.upsert.find((c) => c.key === 'c-1')!.mood.level).toBe('angry');

    agentA.send({ type: 'chat_state', conversations: [conversation('c-2', 'Dan Customer')] });
    const removal = await sup.next('board_delta', (d) => d.remove.length > 0);
    expect(removal.remove).toEqual([{ agentId: fx.cast.agentA.id, conversationKey: 'c-1' }]);
    // Agent B's change was acknowledged before agent A's, so any delta about it came before this removal.
    for (const d of sup.all('board_delta')) {
      expect([...d.upsert.map((c) => c.agentId), ...d.remove.map((r) => r.agentId)]).not.toContain(fx.cast.agentB.id);
    }
  });

  it('shows an admin every team of the org and nothing of another org', async () => {
    const agentA = await connect(fx.cast.agentA.token);
    const agentB = await connect(fx.cast.agentB.token);
    const other = await connect(fx.cast.otherAgent.token);
    for (const [c, key] of [[agentA, 'a'], [agentB, 'b'], [other, 'o']] as const) {
      c.send({ type: 'chat_state', ref: key, conversations: [conversation(key, `customer ${key}`)] });
      await c.next('ack', (f) => f.ref === key);
    }
    const admin = await connect(fx.cast.admin.token);
    admin.send({ type: 'board_subscribe' });
    const snapshot = await admin.next('board_snapshot');
    expect(snapshot.chats.map((c) => c.key).sort()).toEqual(['a', 'b']);
  });

  it('drops an agent\'s chats after the grace period once their socket is gone', async () => {
    await fx.close();
    fx = await startRelayFixture({ boardGraceMs: 100 });
    const agent = await connect(fx.cast.agentA.token);
    agent.send({ type: 'chat_state', ref: 'x', conversations: [conversation('c-1', 'Carla')] });
    await agent.next('ack');
    const sup = await connect(fx.cast.supervisorA.token);
    sup.send({ type: 'board_subscribe' });
    await sup.next('board_snapshot');
    agent.drop();
    const offline = await sup.next('board_delta', (d) => d.agents.some((a) => !a.online));
    expect(offline.agents[0]!.id).toBe(fx.cast.agentA.id);
    const gone = await sup.next('board_delta', (d) => d.remove.length > 0);
    expect(gone.remove).toEqual([{ agentId: fx.cast.agentA.id, conversationKey: 'c-1' }]);
    expect(gone.agentsGone).toEqual([fx.cast.agentA.id]);
    // A board opened now shows neither the agent nor their chats.
    const late = await connect(fx.cast.supervisorA2.token);
    late.send({ type: 'board_subscribe' });
    expect(await late.next('board_snapshot')).toMatchObject({ agents: [], chats: [] });
  });
});

describe('listen-in', () => {
  it('tells the agent who listens and relays transcripts only to listeners', async () => {
    const agent = await connect(fx.cast.agentA.token);
    agent.send({ type: 'chat_state', ref: 's', conversations: [conversation('c-1', 'Carla'), conversation('c-2', 'Dan', { active: false })] });
    await agent.next('ack');
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);

    // Without listeners the agent is told its transcript went nowhere.
    agent.send({ type: 'transcript', ref: 't0', conversationKey: 'c-1', snapshot: true, events: [] });
    expect((await agent.next('error', (e) => e.ref === 't0')).code).toBe('not_listening');

    sam.send({ type: 'listen_start', ref: 'l1', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
    await sam.next('ack', (a) => a.ref === 'l1');
    const told = await agent.next('listeners', (l) => l.conversationKey === 'c-1');
    expect(told.listeners).toEqual([{ id: fx.cast.supervisorA.id, name: 'Sam Supervisor', role: 'supervisor' }]);

    const event = { id: 'p-1', op: 'add' as const, author: 'customer' as const, text: 'My card was charged twice!', at: 1_700_000_100_000 };
    agent.send({ type: 'transcript', ref: 't1', conversationKey: 'c-1', snapshot: true, events: [event] });
    const relayed = await sam.next('transcript');
    expect(relayed).toMatchObject({ agentId: fx.cast.agentA.id, conversationKey: 'c-1', snapshot: true, events: [event] });

    // A second supervisor joins: both see both; the agent is told.
    sue.send({ type: 'listen_start', ref: 'l2', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
    const both = await agent.next('listeners', (l) => l.listeners.length === 2);
    expect(both.listeners.map((l) => l.name)).toEqual(['Sam Supervisor', 'Sue Supervisor']);
    expect((await sam.next('listeners', (l) => l.listeners.length === 2)).listeners.map((l) => l.id)).toContain(fx.cast.supervisorA2.id);

    agent.send({ type: 'transcript', ref: 't2', conversationKey: 'c-1', snapshot: false, events: [{ ...event, id: 'p-2', text: 'Hello?' }] });
    await sue.next('transcript', (t) => t.events[0]?.id === 'p-2');
    await sam.next('transcript', (t) => t.events[0]?.id === 'p-2');

    // Another conversation of the same agent is not mirrored to them.
    agent.send({ type: 'transcript', ref: 't3', conversationKey: 'c-2', snapshot: true, events: [] });
    expect((await agent.next('error', (e) => e.ref === 't3')).code).toBe('not_listening');

    // Stopping, and a closed socket, both update the listener list.
    sam.send({ type: 'listen_stop', ref: 'x', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
    const afterStop = await agent.next('listeners', (l) => l.listeners.length === 1);
    expect(afterStop.listeners[0]!.id).toBe(fx.cast.supervisorA2.id);
    sue.drop();
    const none = await agent.next('listeners', (l) => l.listeners.length === 0);
    expect(none.conversationKey).toBe('c-1');
    expect(sam.all('transcript').filter((t) => t.conversationKey === 'c-2')).toEqual([]);
  });

  it('shows listeners on the board and re-announces them to an agent that reconnects', async () => {
    const agent = await connect(fx.cast.agentA.token);
    agent.send({ type: 'chat_state', ref: 's', conversations: [conversation('c-1', 'Carla')] });
    await agent.next('ack');
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    sue.send({ type: 'board_subscribe' });
    await sue.next('board_snapshot');
    sam.send({ type: 'listen_start', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
    const delta = await sue.next('board_delta', (d) => d.upsert.some((c) => c.listeners.length > 0));
    expect(delta.upsert[0]!.listeners.map((l) => l.name)).toEqual(['Sam Supervisor']);

    agent.drop();
    const again = await connect(fx.cast.agentA.token);
    const listeners = await again.next('listeners');
    expect(listeners).toMatchObject({ conversationKey: 'c-1', listeners: [{ id: fx.cast.supervisorA.id }] });
  });
});

describe('whispers and the coaching thread', () => {
  it('delivers a whisper to the agent, the sender and other listeners, with an ack after commit', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    sue.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
    await sue.next('ack');

    const id = msgId();
    sam.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'Offer the refund now.' });
    const ack = await sam.next('ack', (a) => a.msgId === id);
    expect(ack.duplicate).toBe(false);
    for (const c of [agent, sam, sue]) {
      const m = await c.next('message', (f) => f.message.msgId === id);
      expect(m.message).toMatchObject({ id: ack.id, kind: 'whisper', agentId: fx.cast.agentA.id, conversationKey: 'c-1', text: 'Offer the refund now.', from: { id: fx.cast.supervisorA.id, role: 'supervisor' } });
      expect(m.seq).toBe(1);
    }
  });

  it('routes a suggestion, the agent\'s reply and read receipts between the people involved', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    const suggestion = msgId();
    sam.send({ type: 'whisper', msgId: suggestion, agentId: fx.cast.agentA.id, conversationKey: 'c-1', kind: 'suggestion', text: 'I have refunded the second charge.' });
    const delivered = await agent.next('message', (m) => m.message.msgId === suggestion);
    expect(delivered.message.kind).toBe('suggestion');

    const reply = msgId();
    agent.send({ type: 'reply', msgId: reply, conversationKey: 'c-1', text: 'Done, thanks!' });
    await agent.next('ack', (a) => a.msgId === reply);
    const got = await sam.next('message', (m) => m.message.msgId === reply);
    expect(got.message).toMatchObject({ kind: 'reply', from: { id: fx.cast.agentA.id, role: 'agent' }, conversationKey: 'c-1' });
    // Sue never took part in this thread and does not listen: she does not get the reply (it was delivered before
    // the agent's ack, so it would be on her socket before her barrier's pong).
    await sue.barrier();
    expect(sue.all('message')).toEqual([]);

    agent.send({ type: 'read', ref: 'r', conversationKey: 'c-1', messageIds: [delivered.message.id] });
    await agent.next('ack', (a) => a.ref === 'r');
    const receipt = await sam.next('read');
    expect(receipt.receipt).toMatchObject({ agentId: fx.cast.agentA.id, conversationKey: 'c-1', messageIds: [delivered.message.id], by: { id: fx.cast.agentA.id } });

    // Reading again adds nothing.
    agent.send({ type: 'read', ref: 'r2', conversationKey: 'c-1', messageIds: [delivered.message.id] });
    await agent.next('ack', (a) => a.ref === 'r2');
    await sam.barrier();
    expect(sam.all('read')).toHaveLength(1);

    // The thread can be fetched by the agent (after a page reload) and by the supervisor, with read state.
    agent.send({ type: 'thread_get', ref: 'th', conversationKey: 'c-1' });
    const thread = await agent.next('thread', (t) => t.ref === 'th');
    expect(thread.messages.map((m) => [m.kind, m.text])).toEqual([
      ['suggestion', 'I have refunded the second charge.'],
      ['reply', 'Done, thanks!'],
    ]);
    expect(thread.messages[0]!.readBy).toEqual([fx.cast.agentA.id]);
    sam.send({ type: 'thread_get', ref: 'th2', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
    expect((await sam.next('thread', (t) => t.ref === 'th2')).messages).toHaveLength(2);
  });

  it('sends a reply with nobody involved yet to the team\'s supervisors', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const bob = await connect(fx.cast.supervisorB.token);
    const id = msgId();
    agent.send({ type: 'reply', msgId: id, conversationKey: 'c-7', text: 'Can someone check this chat?' });
    await sam.next('message', (m) => m.message.msgId === id);
    await agent.next('ack', (a) => a.msgId === id);
    await bob.barrier();
    expect(bob.all('message')).toEqual([]);
  });

  it('raises a hand to the team\'s supervisors, flags the board, and a whisper clears the flag', async () => {
    const agent = await connect(fx.cast.agentA.token);
    agent.send({ type: 'chat_state', ref: 's', conversations: [conversation('c-1', 'Carla')] });
    await agent.next('ack');
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    const bob = await connect(fx.cast.supervisorB.token);
    sam.send({ type: 'board_subscribe' });
    await sam.next('board_snapshot');

    const id = msgId();
    agent.send({ type: 'help', msgId: id, conversationKey: 'c-1', reason: 'Customer wants a manager' });
    for (const s of [sam, sue]) {
      const m = await s.next('message', (f) => f.message.msgId === id);
      expect(m.message).toMatchObject({ kind: 'help', text: 'Customer wants a manager', conversationKey: 'c-1' });
    }
    const flagged = await sam.next('board_delta', (d) => d.upsert.some((c) => c.helpRequested));
    expect(flagged.upsert[0]!.key).toBe('c-1');
    sam.send({ type: 'whisper', msgId: msgId(), agentId: fx.cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'On my way.' });
    await sam.next('board_delta', (d) => d.upsert.some((c) => c.key === 'c-1' && !c.helpRequested));
    await bob.barrier();
    expect(bob.all('message')).toEqual([]);
  });

  it('lets several supervisors whisper into one chat, each seeing the others', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    for (const s of [sam, sue]) {
      s.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c-1' });
      await s.next('ack', (a) => a.ref === 'l');
    }
    const one = msgId();
    const two = msgId();
    sam.send({ type: 'whisper', msgId: one, agentId: fx.cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'from Sam' });
    await sam.next('ack', (a) => a.msgId === one);
    sue.send({ type: 'whisper', msgId: two, agentId: fx.cast.agentA.id, conversationKey: 'c-1', kind: 'whisper', text: 'from Sue' });
    await sue.next('ack', (a) => a.msgId === two);
    for (const c of [agent, sam, sue]) {
      await c.next('message', (m) => m.message.msgId === two);
      expect(c.all('message').map((m) => m.message.text)).toEqual(['from Sam', 'from Sue']);
    }
  });
});
