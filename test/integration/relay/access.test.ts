// Role rules over real sockets: agents cannot coach, supervisors reach only their teams (other agents read as unknown
// ids), nobody crosses an org, and another org's ids answer exactly like ids that do not exist.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientFrame } from '../../../lib/protocol/index.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { msgId, startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

let fx: RelayFixture;
const clients: RelayTestClient[] = [];
async function connect(token: string): Promise<RelayTestClient> {
  const c = await RelayTestClient.connect(fx.url, token);
  clients.push(c);
  return c;
}
beforeEach(async () => {
  fx = await startRelayFixture();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.drop();
  await fx.close();
});

/** Sends a frame and returns the error it caused (failing when it was accepted). */
async function rejection(client: RelayTestClient, frame: ClientFrame): Promise<{ code: string; message: string }> {
  client.send(frame);
  const ref = 'ref' in frame ? frame.ref : undefined;
  const id = 'msgId' in frame ? frame.msgId : undefined;
  const error = await client.next('error', (e) => (ref !== undefined && e.ref === ref) || (id !== undefined && e.msgId === id));
  return { code: error.code, message: error.message };
}

describe('agents', () => {
  it('cannot whisper, listen, follow the board or read another agent\'s thread', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const target = fx.cast.agentA2.id;
    // Another agent reads like an unknown id: only a guest grant opens one of its chats.
    expect(await rejection(agent, { type: 'whisper', msgId: msgId(), agentId: target, conversationKey: 'c', kind: 'whisper', text: 'hi' })).toEqual({ code: 'not_found', message: `no agent ${target}` });
    expect(await rejection(agent, { type: 'listen_start', ref: 'l', agentId: target, conversationKey: 'c' })).toEqual({ code: 'not_found', message: `no agent ${target}` });
    expect((await rejection(agent, { type: 'whisper', msgId: msgId(), agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'hi' })).code).toBe('forbidden');
    expect((await rejection(agent, { type: 'board_subscribe', ref: 'b' })).code).toBe('forbidden');
    expect((await rejection(agent, { type: 'thread_get', ref: 't', agentId: target, conversationKey: 'c' })).code).toBe('not_found');
    expect((await rejection(agent, { type: 'read', ref: 'r', agentId: target, conversationKey: 'c', messageIds: ['msg_x'] })).code).toBe('not_found');
  });

  it('cannot pass a transcript off as another agent\'s or smuggle extra fields to listeners', async () => {
    const agent = await connect(fx.cast.agentA.token);
    const sam = await connect(fx.cast.supervisorA.token);
    sam.send({ type: 'listen_start', ref: 'l', agentId: fx.cast.agentA.id, conversationKey: 'c' });
    await agent.next('listeners');
    const event = { id: 'e1', op: 'add', author: 'customer', text: 'hi', at: null };
    agent.sendRaw(JSON.stringify({ agentId: fx.cast.agentA2.id, type: 'transcript', conversationKey: 'c', snapshot: true, events: [event] }));
    expect((await agent.next('error')).code).toBe('invalid_frame');
    agent.sendRaw(JSON.stringify({ type: 'transcript', conversationKey: 'c', snapshot: true, events: [{ ...event, html: '<b>x</b>' }] }));
    expect((await agent.next('error')).message).toContain('html');
    agent.sendRaw(JSON.stringify({ type: 'transcript', conversationKey: 'c', snapshot: true, events: [event] }));
    const relayed = await sam.next('transcript');
    expect(relayed).toEqual({ type: 'transcript', agentId: fx.cast.agentA.id, conversationKey: 'c', snapshot: true, events: [event] });
    expect(sam.all('transcript')).toHaveLength(1);
  });
});

describe('supervisors', () => {
  it('cannot publish chat state, send transcripts, reply or raise a hand', async () => {
    const sup = await connect(fx.cast.supervisorA.token);
    expect((await rejection(sup, { type: 'chat_state', ref: 'c', conversations: [] })).code).toBe('forbidden');
    expect((await rejection(sup, { type: 'transcript', ref: 't', conversationKey: 'c', snapshot: true, events: [] })).code).toBe('forbidden');
    expect((await rejection(sup, { type: 'reply', msgId: msgId(), conversationKey: 'c', text: 'x' })).code).toBe('forbidden');
    expect((await rejection(sup, { type: 'help', msgId: msgId(), conversationKey: null, reason: 'x' })).code).toBe('forbidden');
  });

  it('cannot reach an agent of another team, nor follow that team\'s board', async () => {
    const sam = await connect(fx.cast.supervisorA.token);
    const other = fx.cast.agentB.id;
    const whisper = await rejection(sam, { type: 'whisper', msgId: msgId(), agentId: other, conversationKey: 'c', kind: 'whisper', text: 'hi' });
    // Another team's agent reads like an unknown id: only a guest grant opens one of its chats.
    expect(whisper).toEqual({ code: 'not_found', message: `no agent ${other}` });
    expect(await rejection(sam, { type: 'listen_start', ref: 'l', agentId: other, conversationKey: 'c' })).toEqual({ code: 'not_found', message: `no agent ${other}` });
    expect(await rejection(sam, { type: 'thread_get', ref: 't', agentId: other, conversationKey: 'c' })).toEqual({ code: 'not_found', message: `no agent ${other}` });
    expect((await rejection(sam, { type: 'board_subscribe', ref: 'b', teamIds: [fx.cast.teamB] })).code).toBe('forbidden');
    // Nothing reached the other team's agent.
    const bea = await connect(fx.cast.agentB.token);
    expect(bea.all('message')).toEqual([]);
  });

  it('cannot whisper to another supervisor', async () => {
    const sam = await connect(fx.cast.supervisorA.token);
    const result = await rejection(sam, { type: 'whisper', msgId: msgId(), agentId: fx.cast.supervisorA2.id, conversationKey: 'c', kind: 'whisper', text: 'x' });
    expect(result.code).toBe('forbidden');
  });
});

describe('admins', () => {
  it('coach any agent of their org', async () => {
    const admin = await connect(fx.cast.admin.token);
    const bea = await connect(fx.cast.agentB.token);
    const id = msgId();
    admin.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentB.id, conversationKey: 'c', kind: 'whisper', text: 'Well handled.' });
    await admin.next('ack', (a) => a.msgId === id);
    expect((await bea.next('message')).message.from.role).toBe('admin');
  });
});

describe('organisations', () => {
  it('answer another org\'s ids exactly like ids that do not exist', async () => {
    const admin = await connect(fx.cast.admin.token);
    const foreign = fx.cast.otherAgent.id;
    const missing = 'usr_doesnotexist000';
    const frames = (agentId: string): ClientFrame[] => [
      { type: 'whisper', msgId: msgId(), agentId, conversationKey: 'c', kind: 'whisper', text: 'hi' },
      { type: 'listen_start', ref: 'l', agentId, conversationKey: 'c' },
      { type: 'thread_get', ref: 't', agentId, conversationKey: 'c' },
      { type: 'read', ref: 'r', agentId, conversationKey: 'c', messageIds: ['msg_x'] },
    ];
    const foreignErrors = [];
    for (const f of frames(foreign)) foreignErrors.push(await rejection(admin, f));
    const missingErrors = [];
    for (const f of frames(missing)) missingErrors.push(await rejection(admin, f));
    expect(foreignErrors.map((e) => e.code)).toEqual(['not_found', 'not_found', 'not_found', 'not_found']);
    expect(foreignErrors.map((e) => e.message.replace(foreign, 'ID'))).toEqual(missingErrors.map((e) => e.message.replace(missing, 'ID')));
    expect((await rejection(admin, { type: 'board_subscribe', ref: 'b', teamIds: ['team_foreign'] })).code).toBe('not_found');

    const olga = await connect(fx.cast.otherAgent.token);
    await olga.barrier();
    expect(olga.all('message')).toEqual([]);
  });

  it('never show one org\'s message to another org\'s supervisor, even with a known message id', async () => {
    const sam = await connect(fx.cast.supervisorA.token);
    const id = msgId();
    sam.send({ type: 'whisper', msgId: id, agentId: fx.cast.agentA.id, conversationKey: 'c', kind: 'whisper', text: 'secret' });
    const ack = await sam.next('ack', (a) => a.msgId === id);
    const oscar = await connect(fx.cast.otherSupervisor.token);
    const result = await rejection(oscar, { type: 'read', ref: 'r', agentId: fx.cast.agentA.id, conversationKey: 'c', messageIds: [ack.id!] });
    expect(result.code).toBe('not_found');
    expect(JSON.stringify(oscar.frames)).not.toContain('secret');
  });
});
