// Colleagues brought into one chat, over real sockets: the org-scoped directory search, an invitation across teams,
// what the guest may do in that chat and nowhere else (refusals read like unknown ids), removal, the end of a chat
// and the relay's maximum, each taking effect on live sockets at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientFrame } from '../../../lib/protocol/index.ts';
import type { RelayConfigInput } from '../../../lib/relay/config.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { conversation, msgId, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

let fx: RelayFixture;
const clients: RelayTestClient[] = [];
async function start(overrides: RelayConfigInput = {}): Promise<void> {
  fx = await startRelayFixture(overrides);
}
async function connect(token: string): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(fx.url, token);
  clients.push(c);
  return c;
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await fx?.close();
});

/** Sends a frame and returns the error it caused (failing when it was accepted). */
async function rejection(client: RelayTestClient, frame: ClientFrame): Promise<{ code: string; message: string }> {
  client.send(frame);
  const ref = 'ref' in frame ? frame.ref : undefined;
  const id = 'msgId' in frame ? frame.msgId : undefined;
  const error = await client.next('error', (e) => (ref !== undefined && e.ref === ref) || (id !== undefined && e.msgId === id));
  return { code: error.code, message: error.message };
}

/** Ann (Billing) brings Bob, a supervisor of Returns, into her chat `c1`; both sides are told. */
async function annInvitesBob(): Promise<{ ann: RelayTestClient; bob: RelayTestClient }> {
  const ann = await connect(fx.cast.agentA.token);
  const bob = await connect(fx.cast.supervisorB.token);
  ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c1', 'Carla'), conversation('c2', 'Dev')] });
  await ann.next('ack', (a) => a.ref === 's');
  ann.send({ type: 'invite', ref: 'i1', conversationKey: 'c1', userId: fx.cast.supervisorB.id });
  await ann.next('ack', (a) => a.ref === 'i1');
  const grants = await bob.next('guest_grants');
  expect(grants.grants.map((g) => [g.agentId, g.conversationKey])).toEqual([[fx.cast.agentA.id, 'c1']]);
  return { ann, bob };
}

describe('the directory search', () => {
  it('finds colleagues of the own organisation by name or team, never oneself or another organisation', async () => {
    await start();
    const ann = await connect(fx.cast.agentA.token);
    ann.send({ type: 'directory_search', ref: 'd1', query: 'returns' });
    const byTeam = await ann.next('directory', (d) => d.ref === 'd1');
    expect(byTeam.users.map((u) => u.name)).toEqual(['Bea Agent', 'Bob Supervisor']);
    expect(byTeam.users[0]!.teams).toEqual([{ id: fx.cast.teamB, name: 'Returns' }]);
    ann.send({ type: 'directory_search', ref: 'd2', query: 'AGENT' });
    const byName = await ann.next('directory', (d) => d.ref === 'd2');
    expect(byName.users.map((u) => u.name)).toEqual(['Abe Agent', 'Bea Agent']);
    ann.send({ type: 'directory_search', ref: 'd3', query: 'olga' });
    expect((await ann.next('directory', (d) => d.ref === 'd3')).users).toEqual([]);
    expect((await rejection(ann, { type: 'directory_search', ref: 'd4', query: '   ' })).code).toBe('invalid_frame');
  });
});

describe('a guest', () => {
  it('is shown to everyone in the chat with its teams, and listens, whispers and reads in that chat', async () => {
    await start();
    const sam = await connect(fx.cast.supervisorA.token);
    sam.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    await sam.next('ack', (a) => a.ref === 'l');
    const { ann, bob } = await annInvitesBob();
    for (const told of [ann, sam]) {
      const guests = await told.next('guests', (g) => g.guests.length === 1);
      expect(guests.conversationKey).toBe('c1');
      expect(guests.guests[0]!.guest).toMatchObject({ name: 'Bob Supervisor', teams: [{ name: 'Returns' }] });
      expect(guests.guests[0]!.invitedBy.name).toBe('Ann Agent');
    }

    bob.send({ type: 'listen_start', ref: 'bl', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    await bob.next('ack', (a) => a.ref === 'bl');
    await ann.next('listeners', (l) => l.listeners.some((u) => u.id === fx.cast.supervisorB.id));
    ann.send({ type: 'transcript', conversationKey: 'c1', snapshot: true, events: [{ id: 'e1', op: 'add', author: 'customer', text: 'My invoice is wrong', at: null }] });
    expect((await bob.next('transcript')).events[0]!.text).toBe('My invoice is wrong');

    const id = msgId();
    bob.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'suggestion', text: 'Offer a corrected invoice today.' });
    await bob.next('ack', (a) => a.msgId === id);
    expect((await ann.next('message', (m) => m.message.msgId === id)).message.from.name).toBe('Bob Supervisor');
    bob.send({ type: 'thread_get', ref: 't', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    expect((await bob.next('thread', (t) => t.ref === 't')).messages.map((m) => m.msgId)).toEqual([id]);

    // A guest who connects later learns its grants after `synced`; the agent learns its guests.
    const bob2 = await connect(fx.cast.supervisorB.token);
    expect((await bob2.next('guest_grants')).grants).toHaveLength(1);
    const ann2 = await connect(fx.cast.agentA.token);
    expect((await ann2.next('guests')).guests.map((g) => g.guest.id)).toEqual([fx.cast.supervisorB.id]);
  });

  it('may be an agent of another team, who then coaches that one chat', async () => {
    await start();
    const ann = await connect(fx.cast.agentA.token);
    const bea = await connect(fx.cast.agentB.token);
    ann.send({ type: 'invite', ref: 'i', conversationKey: 'c1', userId: fx.cast.agentB.id });
    await ann.next('ack', (a) => a.ref === 'i');
    await bea.next('guest_grants');
    const id = msgId();
    bea.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'whisper', text: 'The refund form is under Billing > Credits.' });
    await bea.next('ack', (a) => a.msgId === id);
    expect((await ann.next('message', (m) => m.message.msgId === id)).message.text).toContain('Credits');
    bea.send({ type: 'thread_get', ref: 't', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    expect((await bea.next('thread', (t) => t.ref === 't')).messages).toHaveLength(1);
    const other = await rejection(bea, { type: 'thread_get', ref: 't2', agentId: fx.cast.agentA.id, conversationKey: 'c2' });
    expect(other).toEqual({ code: 'not_found', message: `no thread of ${fx.cast.agentA.id} for you` });
  });

  it('reaching any other chat of that agent or team, or inviting others, is answered like an unknown id', async () => {
    await start();
    const { bob } = await annInvitesBob();
    const missing = 'usr_doesnotexist000';
    const frames = (agentId: string, key: string): ClientFrame[] => [
      { type: 'whisper', msgId: msgId(), agentId, conversationKey: key, kind: 'whisper', text: 'hi' },
      { type: 'listen_start', ref: 'l', agentId, conversationKey: key },
      { type: 'thread_get', ref: 't', agentId, conversationKey: key },
      { type: 'read', ref: 'r', agentId, conversationKey: key, messageIds: ['msg_x'] },
      { type: 'invite', ref: 'i', agentId, conversationKey: key, userId: fx.cast.agentB.id },
    ];
    const answers = async (agentId: string, key: string) => {
      const out = [];
      for (const f of frames(agentId, key)) out.push(await rejection(bob, f));
      return out.map((e) => ({ code: e.code, message: e.message.replace(agentId, 'ID') }));
    };
    const unknown = await answers(missing, 'c1');
    expect(unknown.every((e) => e.code === 'not_found')).toBe(true);
    expect(await answers(fx.cast.agentA.id, 'c2')).toEqual(unknown);
    expect(await answers(fx.cast.agentA2.id, 'c1')).toEqual(unknown);
    // Inviting into the very chat it is a guest of: the same answer, unless the relay allows guests to invite.
    const own = await rejection(bob, { type: 'invite', ref: 'i2', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.agentB.id });
    expect(own).toEqual({ code: 'not_found', message: `no agent ${fx.cast.agentA.id}` });
  });

  it('may invite others when the relay allows it', async () => {
    await start({ guestsMayInvite: true });
    const { ann, bob } = await annInvitesBob();
    const bea = await connect(fx.cast.agentB.token);
    bob.send({ type: 'invite', ref: 'i2', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.agentB.id });
    await bob.next('ack', (a) => a.ref === 'i2');
    expect((await bea.next('guest_grants')).grants[0]!.invitedBy.name).toBe('Bob Supervisor');
    expect((await ann.next('guests', (g) => g.guests.length === 2)).guests.map((g) => g.guest.name)).toEqual(['Bob Supervisor', 'Bea Agent']);
  });

  it('loses everything at once when the agent removes it: listening, whispers, the thread, later replies', async () => {
    await start();
    const { ann, bob } = await annInvitesBob();
    bob.send({ type: 'listen_start', ref: 'bl', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    await bob.next('ack', (a) => a.ref === 'bl');
    await ann.next('listeners', (l) => l.listeners.length === 1);
    const before = msgId();
    bob.send({ type: 'whisper', msgId: before, agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'whisper', text: 'Check the VAT line.' });
    await bob.next('ack', (a) => a.msgId === before);

    ann.send({ type: 'uninvite', ref: 'u', conversationKey: 'c1', userId: fx.cast.supervisorB.id });
    await ann.next('ack', (a) => a.ref === 'u');
    const ended = await ann.next('guests', (g) => g.ended !== undefined);
    expect(ended).toMatchObject({ guests: [], ended: { reason: 'removed', grant: { guest: { id: fx.cast.supervisorB.id } } } });
    expect((await ann.next('listeners', (l) => l.listeners.length === 0)).listeners).toEqual([]);
    expect((await bob.next('guest_grants', (g) => g.grants.length === 0)).grants).toEqual([]);

    // Nobody listens any more: the agent's transcript goes nowhere.
    ann.send({ type: 'transcript', ref: 'tr', conversationKey: 'c1', snapshot: true, events: [] });
    expect((await ann.next('error', (e) => e.ref === 'tr')).code).toBe('not_listening');
    const refused = [
      await rejection(bob, { type: 'whisper', msgId: msgId(), agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'whisper', text: 'hi' }),
      await rejection(bob, { type: 'listen_start', ref: 'l2', agentId: fx.cast.agentA.id, conversationKey: 'c1' }),
      await rejection(bob, { type: 'thread_get', ref: 't2', agentId: fx.cast.agentA.id, conversationKey: 'c1' }),
      await rejection(bob, { type: 'uninvite', ref: 'u2', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.supervisorB.id }),
    ];
    expect(refused).toEqual(refused.map(() => ({ code: 'not_found', message: `no agent ${fx.cast.agentA.id}` })));

    // Ann's later reply is not in Bob's stream, although he whispered into the thread before.
    const headBefore = (await connect(fx.cast.supervisorB.token)).frames.find((f) => f.type === 'welcome');
    const reply = msgId();
    ann.send({ type: 'reply', msgId: reply, conversationKey: 'c1', text: 'Thanks, fixed.' });
    await ann.next('ack', (a) => a.msgId === reply);
    const headAfter = (await connect(fx.cast.supervisorB.token)).frames.find((f) => f.type === 'welcome');
    expect(headAfter).toMatchObject({ headSeq: (headBefore as { headSeq: number }).headSeq });
  });

  it('may leave by itself; removing someone who is not a guest answers not_found', async () => {
    await start();
    const { ann, bob } = await annInvitesBob();
    bob.send({ type: 'uninvite', ref: 'u', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.supervisorB.id });
    await bob.next('ack', (a) => a.ref === 'u');
    expect((await ann.next('guests', (g) => g.ended !== undefined)).guests).toEqual([]);
    expect(await rejection(ann, { type: 'uninvite', ref: 'u2', conversationKey: 'c1', userId: fx.cast.supervisorB.id })).toEqual({
      code: 'not_found',
      message: `no guest ${fx.cast.supervisorB.id} in this chat`,
    });
  });
});

describe('invitations', () => {
  it('never cross organisations: another org\'s user reads like an unknown user, another org\'s agent like an unknown agent', async () => {
    await start();
    const ann = await connect(fx.cast.agentA.token);
    const foreign = await rejection(ann, { type: 'invite', ref: 'i1', conversationKey: 'c1', userId: fx.cast.otherSupervisor.id });
    const missing = await rejection(ann, { type: 'invite', ref: 'i2', conversationKey: 'c1', userId: 'usr_doesnotexist000' });
    expect(foreign.code).toBe('not_found');
    expect(foreign.message.replace(fx.cast.otherSupervisor.id, 'ID')).toBe(missing.message.replace('usr_doesnotexist000', 'ID'));
    const oscar = await connect(fx.cast.otherSupervisor.token);
    const into = await rejection(oscar, { type: 'invite', ref: 'i3', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.otherAgent.id });
    expect(into).toEqual({ code: 'not_found', message: `no agent ${fx.cast.agentA.id}` });
    // The foreign user received nothing.
    oscar.send({ type: 'ping', ref: 'p' });
    await oscar.next('pong');
    expect(oscar.all('guest_grants')).toEqual([]);
  });

  it('by a supervisor of the chat name the agent; the same guest twice is one grant', async () => {
    await start();
    const sam = await connect(fx.cast.supervisorA.token);
    const bea = await connect(fx.cast.agentB.token);
    expect((await rejection(sam, { type: 'invite', ref: 'i0', conversationKey: 'c1', userId: fx.cast.agentB.id })).code).toBe('invalid_frame');
    sam.send({ type: 'invite', ref: 'i1', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.agentB.id });
    await sam.next('ack', (a) => a.ref === 'i1');
    sam.send({ type: 'invite', ref: 'i2', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.agentB.id });
    await sam.next('ack', (a) => a.ref === 'i2');
    await bea.next('guest_grants');
    bea.send({ type: 'ping', ref: 'p' });
    await bea.next('pong');
    expect(bea.all('guest_grants')).toHaveLength(1);
    expect((await rejection(sam, { type: 'invite', ref: 'i3', agentId: fx.cast.agentA.id, conversationKey: 'c1', userId: fx.cast.agentA.id })).code).toBe('forbidden');
  });
});

describe('a grant ends by itself', () => {
  it('when its chat has been gone from the agent\'s chat state for the configured time', async () => {
    await start({ guestChatGoneSeconds: 0.4 });
    const { ann, bob } = await annInvitesBob();
    bob.send({ type: 'listen_start', ref: 'bl', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    await bob.next('ack', (a) => a.ref === 'bl');
    ann.send({ type: 'chat_state', ref: 's2', conversations: [conversation('c2', 'Dev')] });
    await ann.next('ack', (a) => a.ref === 's2');
    expect((await ann.next('guests', (g) => g.ended !== undefined, 10_000)).ended!.reason).toBe('chat_ended');
    expect((await bob.next('guest_grants', (g) => g.grants.length === 0)).grants).toEqual([]);
    expect((await ann.next('listeners', (l) => l.listeners.length === 0)).listeners).toEqual([]);
  });

  it('after the relay\'s maximum, even while the chat goes on', async () => {
    await start({ guestMaxSeconds: 0.5 });
    const { ann, bob } = await annInvitesBob();
    expect((await ann.next('guests', (g) => g.ended !== undefined, 10_000)).ended!.reason).toBe('expired');
    await bob.next('guest_grants', (g) => g.grants.length === 0);
    expect(await rejection(bob, { type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c1' })).toEqual({
      code: 'not_found',
      message: `no agent ${fx.cast.agentA.id}`,
    });
  });
});
