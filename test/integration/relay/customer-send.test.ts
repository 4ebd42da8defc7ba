// Send to customer over real sockets: a `customer` whisper only where the agent's latest chat_state allows it, from
// those who may whisper into that chat; the agent's outcome recorded once, to the sender and the agent in their
// streams, live to listeners, in thread answers. Also run on Redis (scale-out/customer-send-on-redis.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import type { ClientFrame, CustomerSendMode } from '../../../lib/protocol/index.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { conversation, msgId, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

let fx: RelayFixture;
const clients: RelayTestClient[] = [];
async function connect(token: string, lastSeq?: number): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(fx.url, token, lastSeq);
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

let stateRefs = 0;
/** Ann publishes her chats c1 (with the given customerSend, none when undefined) and c2 ('allowed'). */
async function annSays(ann: RelayTestClient, mode: CustomerSendMode | undefined): Promise<void> {
  const ref = `s${++stateRefs}`;
  const c1 = conversation('c1', 'Carla', mode === undefined ? {} : { customerSend: mode });
  ann.send({ type: 'chat_state', ref, conversations: [c1, conversation('c2', 'Dev', { customerSend: 'allowed' })] });
  await ann.next('ack', (a) => a.ref === ref);
}

/** A customer whisper into Ann's chat; resolves with the relay's id once acknowledged. */
async function sendToCustomer(from: RelayTestClient, agentId: string, text: string, key = 'c1'): Promise<{ id: string; msgId: string }> {
  const id = msgId();
  from.send({ type: 'whisper', msgId: id, agentId, conversationKey: key, kind: 'customer', text });
  const ack = await from.next('ack', (a) => a.msgId === id);
  return { id: ack.id!, msgId: id };
}

describe('a customer whisper', () => {
  it('goes to the agent where allowed; the first outcome reaches the sender and the agent in their streams, listeners live', async () => {
    fx = await startRelayFixture();
    const ann = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    await annSays(ann, 'allowed');
    sue.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    await sue.next('ack', (a) => a.ref === 'l');
    expect((await sue.next('customer_send_mode')).customerSend).toBe('allowed');

    const sent = await sendToCustomer(sam, fx.cast.agentA.id, 'Your refund is on its way.');
    const delivered = await ann.next('message', (m) => m.message.id === sent.id);
    expect(delivered.message).toMatchObject({ kind: 'customer', text: 'Your refund is on its way.', from: { id: fx.cast.supervisorA.id } });

    ann.send({ type: 'customer_send_result', ref: 'r1', messageId: sent.id, outcome: 'sent' });
    await ann.next('ack', (a) => a.ref === 'r1');
    const toSam = await sam.next('customer_send_result');
    expect(toSam).toMatchObject({ agentId: fx.cast.agentA.id, conversationKey: 'c1', messageId: sent.id, msgId: sent.msgId, outcome: 'sent' });
    expect(toSam.seq).toBeGreaterThan((await sam.next('message', (m) => m.message.id === sent.id)).seq);
    expect((await ann.next('customer_send_result')).seq).toBeGreaterThan(delivered.seq);
    const live = await sue.next('customer_send_result');
    expect(live.seq).toBeUndefined();
    expect(live.outcome).toBe('sent');

    sam.send({ type: 'thread_get', ref: 't', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    const thread = await sam.next('thread', (t) => t.ref === 't');
    expect(thread.messages[0]!.customerSend).toEqual({ outcome: 'sent', at: toSam.at });

    // A reconnecting sender finds the outcome in its stream.
    const samAgain = await connect(fx.cast.supervisorA.token, 0);
    expect((await samAgain.next('customer_send_result')).seq).toBe(toSam.seq);
  });

  it('keeps the first outcome: a repeat or a different later one is acknowledged and announced to nobody', async () => {
    fx = await startRelayFixture();
    const ann = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    await annSays(ann, 'allowed');
    const sent = await sendToCustomer(sam, fx.cast.agentA.id, 'We have extended your warranty.');
    ann.send({ type: 'customer_send_result', ref: 'r1', messageId: sent.id, outcome: 'not_sent', reason: 'agent_typing' });
    await ann.next('ack', (a) => a.ref === 'r1');
    expect(await sam.next('customer_send_result')).toMatchObject({ outcome: 'not_sent', reason: 'agent_typing' });
    ann.send({ type: 'customer_send_result', ref: 'r2', messageId: sent.id, outcome: 'not_sent', reason: 'agent_typing' });
    ann.send({ type: 'customer_send_result', ref: 'r3', messageId: sent.id, outcome: 'sent' });
    await ann.next('ack', (a) => a.ref === 'r2');
    await ann.next('ack', (a) => a.ref === 'r3');
    await sam.barrier();
    await ann.barrier();
    expect(sam.all('customer_send_result')).toHaveLength(1);
    expect(ann.all('customer_send_result')).toHaveLength(1);
    sam.send({ type: 'thread_get', ref: 't', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    expect((await sam.next('thread', (t) => t.ref === 't')).messages[0]!.customerSend).toMatchObject({ outcome: 'not_sent', reason: 'agent_typing' });
  });

  it('is refused in words under "off", "ask" or no word at all, and listeners hear each change of the chat', async () => {
    fx = await startRelayFixture();
    const ann = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const sue = await connect(fx.cast.supervisorA2.token);
    sue.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c1' });
    await sue.next('ack', (a) => a.ref === 'l');
    const customer = (): ClientFrame => ({ type: 'whisper', msgId: msgId(), agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'customer', text: 'Hello' });

    await annSays(ann, undefined);
    const absent = await rejection(sam, customer());
    expect(absent.code).toBe('not_allowed');
    expect(absent.message).toContain('off');
    await annSays(ann, 'off');
    expect((await rejection(sam, customer())).code).toBe('not_allowed');
    await annSays(ann, 'ask');
    expect(await sue.next('customer_send_mode')).toMatchObject({ conversationKey: 'c1', customerSend: 'ask' });
    const ask = await rejection(sam, customer());
    expect(ask).toEqual({ code: 'not_allowed', message: 'Ann Agent has not allowed replies to the customer in this chat; ask them to allow it' });
    await annSays(ann, 'allowed');
    expect((await sue.next('customer_send_mode')).customerSend).toBe('allowed');
    await sendToCustomer(sam, fx.cast.agentA.id, 'Now it goes.');
    // Taken back, then the chat closes: each change is told, and a send is refused again.
    await annSays(ann, 'ask');
    expect((await sue.next('customer_send_mode')).customerSend).toBe('ask');
    ann.send({ type: 'chat_state', ref: 'gone', conversations: [] });
    await ann.next('ack', (a) => a.ref === 'gone');
    expect((await sue.next('customer_send_mode')).customerSend).toBe('off');
    expect((await rejection(sam, customer())).code).toBe('not_allowed');
    // Nothing refused reached the agent.
    await ann.barrier();
    expect(ann.all('message').map((m) => m.message.text)).toEqual(['Now it goes.']);
  });

  it('from a guest: allowed in its own chat, answered like an unknown id elsewhere, after removal and across organisations', async () => {
    fx = await startRelayFixture();
    const ann = await connect(fx.cast.agentA.token);
    const abe = await connect(fx.cast.agentA2.token);
    const bob = await connect(fx.cast.supervisorB.token);
    const olga = await connect(fx.cast.otherSupervisor.token);
    await annSays(ann, 'allowed');
    abe.send({ type: 'chat_state', ref: 'a', conversations: [conversation('c1', 'Cody', { customerSend: 'allowed' })] });
    await abe.next('ack', (a) => a.ref === 'a');
    ann.send({ type: 'invite', ref: 'i', conversationKey: 'c1', userId: fx.cast.supervisorB.id });
    await bob.next('guest_grants', (g) => g.grants.length === 1);

    const mine = await sendToCustomer(bob, fx.cast.agentA.id, 'John from Accounts here: the credit is applied.');
    expect((await ann.next('message', (m) => m.message.id === mine.id)).message.kind).toBe('customer');
    const unknown = { code: 'not_found', message: `no agent ${fx.cast.agentA.id}` };
    const customer = (agentId: string, key: string): ClientFrame => ({ type: 'whisper', msgId: msgId(), agentId, conversationKey: key, kind: 'customer', text: 'hi' });
    expect(await rejection(bob, customer(fx.cast.agentA.id, 'c2'))).toEqual(unknown);
    expect(await rejection(bob, customer(fx.cast.agentA2.id, 'c1'))).toEqual({ code: 'not_found', message: `no agent ${fx.cast.agentA2.id}` });
    expect(await rejection(olga, customer(fx.cast.agentA.id, 'c1'))).toEqual(unknown);

    ann.send({ type: 'uninvite', ref: 'u', conversationKey: 'c1', userId: fx.cast.supervisorB.id });
    await bob.next('guest_grants', (g) => g.grants.length === 0);
    expect(await rejection(bob, customer(fx.cast.agentA.id, 'c1'))).toEqual(unknown);
    // The outcome of its earlier message no longer reaches the former guest.
    ann.send({ type: 'customer_send_result', ref: 'r', messageId: mine.id, outcome: 'sent' });
    await ann.next('ack', (a) => a.ref === 'r');
    await ann.next('customer_send_result');
    await bob.barrier();
    expect(bob.all('customer_send_result')).toEqual([]);
  });

  it('takes an outcome only from the agent it was for; every other report reads like an unknown message', async () => {
    fx = await startRelayFixture();
    const ann = await connect(fx.cast.agentA.token);
    const abe = await connect(fx.cast.agentA2.token);
    const sam = await connect(fx.cast.supervisorA.token);
    const olga = await connect(fx.cast.otherAgent.token);
    await annSays(ann, 'allowed');
    const sent = await sendToCustomer(sam, fx.cast.agentA.id, 'Thanks for waiting.');
    const plain = msgId();
    sam.send({ type: 'whisper', msgId: plain, agentId: fx.cast.agentA.id, conversationKey: 'c1', kind: 'whisper', text: 'Just a whisper' });
    const plainId = (await sam.next('ack', (a) => a.msgId === plain)).id!;
    const report = (ref: string, messageId: string): ClientFrame => ({ type: 'customer_send_result', ref, messageId, outcome: 'sent' });
    const unknownMessage = (id: string) => ({ code: 'not_found', message: `no customer message ${id}` });
    expect(await rejection(abe, report('a', sent.id))).toEqual(unknownMessage(sent.id));
    expect(await rejection(sam, report('s', sent.id))).toEqual(unknownMessage(sent.id));
    expect(await rejection(olga, report('o', sent.id))).toEqual(unknownMessage(sent.id));
    expect(await rejection(ann, report('w', plainId))).toEqual(unknownMessage(plainId));
    expect(await rejection(ann, report('x', 'msg_doesnotexist'))).toEqual(unknownMessage('msg_doesnotexist'));
    expect((await rejection(ann, { type: 'customer_send_result', ref: 'bad', messageId: sent.id, outcome: 'sent', reason: 'bored' } as unknown as ClientFrame)).code).toBe('invalid_frame');
    await sam.barrier();
    expect(sam.all('customer_send_result')).toEqual([]);
    // The right agent's report still counts as the first.
    ann.send(report('ok', sent.id));
    await ann.next('ack', (a) => a.ref === 'ok');
    expect((await sam.next('customer_send_result')).messageId).toBe(sent.id);
  });
});
