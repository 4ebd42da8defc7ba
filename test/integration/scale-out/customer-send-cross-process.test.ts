// Send to customer with two relay processes on one Redis: the customer send mode and a customer whisper cross from
// one process to the other, the agent's outcome reaches the sender (in its stream) and a guest listening (live)
// on the other process, and a repeat on either process is recorded once.
import { describe, expect, it } from 'vitest';
import { conversation, msgId } from '../../support/relay-fixture.ts';
import { useRedisRelaysPerTest } from './support/redis-relays-per-test.ts';

const { relayPair, connect } = useRedisRelaysPerTest();

describe('send to customer across relay processes', () => {
  it('delivers the message and the first outcome across processes, once', async () => {
    const { one, two, cast } = await relayPair();
    const ann = await connect(one.url, cast.agentA.token);
    const annThere = await connect(two.url, cast.agentA.token);
    const sam = await connect(two.url, cast.supervisorA.token);
    const bob = await connect(two.url, cast.supervisorB.token);
    ann.send({ type: 'invite', ref: 'i', conversationKey: 'c1', userId: cast.supervisorB.id });
    await bob.next('guest_grants', (g) => g.grants.length === 1);
    bob.send({ type: 'listen_start', ref: 'l', agentId: cast.agentA.id, conversationKey: 'c1' });
    await bob.next('ack', (a) => a.ref === 'l');

    // The agent's word about the chat is published on one process and heard by the guest on the other.
    ann.send({ type: 'chat_state', ref: 's', conversations: [conversation('c1', 'Carla', { customerSend: 'allowed' })] });
    await ann.next('ack', (a) => a.ref === 's');
    expect((await bob.next('customer_send_mode')).customerSend).toBe('allowed');

    // The supervisor's board on process two shows it too, once that process mirrored the agent's chat_state.
    sam.send({ type: 'board_subscribe', ref: 'b' });
    const snapshot = await sam.next('board_snapshot', (b) => b.ref === 'b');
    if (!snapshot.chats.some((c) => c.key === 'c1' && c.customerSend === 'allowed')) {
      await sam.next('board_delta', (d) => d.upsert.some((c) => c.key === 'c1' && c.customerSend === 'allowed'));
    }
    const id = msgId();
    sam.send({ type: 'whisper', msgId: id, agentId: cast.agentA.id, conversationKey: 'c1', kind: 'customer', text: 'Your order ships today.' });
    const messageId = (await sam.next('ack', (a) => a.msgId === id)).id!;
    expect((await ann.next('message', (m) => m.message.id === messageId)).message.kind).toBe('customer');

    ann.send({ type: 'customer_send_result', ref: 'r', messageId, outcome: 'sent' });
    await ann.next('ack', (a) => a.ref === 'r');
    const toSam = await sam.next('customer_send_result');
    expect(toSam).toMatchObject({ messageId, outcome: 'sent' });
    expect(toSam.seq).toBeGreaterThan(0);
    expect((await annThere.next('customer_send_result')).seq).toBeGreaterThan(0);
    expect((await bob.next('customer_send_result')).seq).toBeUndefined();

    // The other socket of the agent, on the other process, reports too: the first outcome stands.
    annThere.send({ type: 'customer_send_result', ref: 'r2', messageId, outcome: 'not_sent', reason: 'not_confirmed' });
    await annThere.next('ack', (a) => a.ref === 'r2');
    for (const c of [sam, bob, ann, annThere]) await c.barrier();
    expect(sam.all('customer_send_result')).toHaveLength(1);
    expect(bob.all('customer_send_result')).toHaveLength(1);
    sam.send({ type: 'thread_get', ref: 't', agentId: cast.agentA.id, conversationKey: 'c1' });
    expect((await sam.next('thread', (t) => t.ref === 't')).messages[0]!.customerSend).toMatchObject({ outcome: 'sent' });
  });
});
