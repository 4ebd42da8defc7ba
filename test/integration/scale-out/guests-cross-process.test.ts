// Guests with two relay processes on one Redis: an invitation made on one process reaches a guest on the other,
// removal ends the guest's listen-in there at once, and a grant whose chat ended is ended once, not once per process.
import { describe, expect, it } from 'vitest';
import { conversation } from '../../support/relay-fixture.ts';
import { useRedisRelaysPerTest } from './support/redis-relays-per-test.ts';

const { relayPair, connect } = useRedisRelaysPerTest();

describe('guests across relay processes', () => {
  it('a guest on the other process is invited, listens, and stops listening at once when removed', async () => {
    const { one, two, cast } = await relayPair();
    const ann = await connect(one.url, cast.agentA.token);
    const bob = await connect(two.url, cast.supervisorB.token);
    ann.send({ type: 'invite', ref: 'i', conversationKey: 'c1', userId: cast.supervisorB.id });
    await ann.next('ack', (a) => a.ref === 'i');
    expect((await bob.next('guest_grants')).grants.map((g) => g.conversationKey)).toEqual(['c1']);
    bob.send({ type: 'listen_start', ref: 'l', agentId: cast.agentA.id, conversationKey: 'c1' });
    await bob.next('ack', (a) => a.ref === 'l');
    await ann.next('listeners', (l) => l.listeners.some((u) => u.id === cast.supervisorB.id));
    ann.send({ type: 'transcript', conversationKey: 'c1', snapshot: true, events: [{ id: 'e1', op: 'add', author: 'customer', text: 'hello', at: null }] });
    await bob.next('transcript');

    ann.send({ type: 'uninvite', ref: 'u', conversationKey: 'c1', userId: cast.supervisorB.id });
    await ann.next('ack', (a) => a.ref === 'u');
    await bob.next('guest_grants', (g) => g.grants.length === 0);
    await ann.next('listeners', (l) => l.listeners.length === 0);
    ann.send({ type: 'transcript', ref: 't2', conversationKey: 'c1', snapshot: true, events: [] });
    expect((await ann.next('error', (e) => e.ref === 't2')).code).toBe('not_listening');
    expect(bob.all('transcript')).toHaveLength(1);
  });

  it('ends a grant whose chat ended once, although both processes sweep', async () => {
    const { one, two, cast } = await relayPair({ guestChatGoneSeconds: 0.3 });
    const ann = await connect(one.url, cast.agentA.token);
    const annThere = await connect(two.url, cast.agentA.token);
    const bob = await connect(two.url, cast.supervisorB.token);
    ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c1', 'Carla')] });
    await ann.next('ack', (a) => a.ref === 's');
    ann.send({ type: 'invite', ref: 'i', conversationKey: 'c1', userId: cast.supervisorB.id });
    await bob.next('guest_grants');
    ann.send({ type: 'chat_state', ref: 's2', conversations: [] });
    await ann.next('ack', (a) => a.ref === 's2');
    const endedId = (await ann.next('guests', (g) => g.ended?.reason === 'chat_ended', 10_000)).ended!.grant.id;
    await annThere.next('guests', (g) => g.ended?.reason === 'chat_ended', 10_000);
    await bob.next('guest_grants', (g) => g.grants.length === 0);
    // A later invitation is a fresh grant: the old one is gone from the chat's guests on both processes.
    ann.send({ type: 'invite', ref: 'i2', conversationKey: 'c1', userId: cast.supervisorB.id });
    await ann.next('ack', (a) => a.ref === 'i2');
    await annThere.next('guests', (g) => g.guests.length === 1 && g.guests[0]!.id !== endedId);
    expect(ann.all('guests').filter((g) => g.ended !== undefined)).toHaveLength(1);
    expect(annThere.all('guests').filter((g) => g.ended !== undefined)).toHaveLength(1);
  });
});
