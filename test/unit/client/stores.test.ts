// The outbox and the thread cache in IndexedDB (fake-indexeddb): order, de-duplication, exactly-once stream entries.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  applyStreamFrame,
  applyThreadAnswer,
  enqueue,
  getThread,
  head,
  listOutbox,
  openClientDb,
  pruneThreads,
  allThreads,
  readLastSeq,
  removeFromOutbox,
  unreadMessages,
} from '../../../lib/client/index.ts';
import type { MessageFrame } from '../../../lib/protocol/index.ts';
import { whisperMessage } from './fake-socket.ts';

let dbCount = 0;
const freshDb = () => openClientDb(`stores-${dbCount++}`);
const reply = (msgId: string) => ({ type: 'reply' as const, msgId, conversationKey: 'conv-1', text: `reply ${msgId}` });

describe('outbox', () => {
  it('keeps frames in insertion order and ignores a second enqueue of the same msgId', async () => {
    const db = await freshDb();
    await enqueue(db, reply('msg-aaaaaaaa'));
    await enqueue(db, reply('msg-bbbbbbbb'));
    await enqueue(db, reply('msg-aaaaaaaa'));
    expect((await listOutbox(db)).map((e) => e.key)).toEqual(['msg-aaaaaaaa', 'msg-bbbbbbbb']);
    expect((await head(db))?.key).toBe('msg-aaaaaaaa');
    expect(await removeFromOutbox(db, 'msg-aaaaaaaa')).toBe(true);
    expect(await removeFromOutbox(db, 'msg-aaaaaaaa')).toBe(false);
    expect((await head(db))?.key).toBe('msg-bbbbbbbb');
  });

  it('keys read marks by their ref and refuses one without', async () => {
    const db = await freshDb();
    await enqueue(db, { type: 'read', ref: 'read-1', conversationKey: 'conv-1', messageIds: ['msg_1'] });
    expect((await head(db))?.key).toBe('read-1');
    await expect(enqueue(db, { type: 'read', conversationKey: 'conv-1', messageIds: ['msg_1'] })).rejects.toThrow(/ref/);
  });
});

describe('thread cache', () => {
  it('applies each stream seq once and advances the stored position with it', async () => {
    const db = await freshDb();
    expect(await applyStreamFrame(db, whisperMessage(1, 'm1') as MessageFrame)).toBe(true);
    expect(await applyStreamFrame(db, whisperMessage(2, 'm2') as MessageFrame)).toBe(true);
    expect(await applyStreamFrame(db, whisperMessage(2, 'm2') as MessageFrame)).toBe(false);
    expect(await applyStreamFrame(db, whisperMessage(1, 'm1') as MessageFrame)).toBe(false);
    expect(await readLastSeq(db)).toBe(2);
    const thread = await getThread(db, 'usr_agent', 'conv-1');
    expect(thread?.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
  });

  it('records the first send outcome of a customer message as a stream entry, once', async () => {
    const db = await freshDb();
    await applyStreamFrame(db, whisperMessage(1, 'm1') as MessageFrame);
    const result = { type: 'customer_send_result' as const, agentId: 'usr_agent', conversationKey: 'conv-1', messageId: 'm1', msgId: 'msg-m1-xxxxxxxx', at: 5 };
    expect(await applyStreamFrame(db, { ...result, seq: 2, outcome: 'not_sent', reason: 'agent_typing' })).toBe(true);
    expect(await applyStreamFrame(db, { ...result, seq: 2, outcome: 'not_sent', reason: 'agent_typing' })).toBe(false);
    expect(await applyStreamFrame(db, { ...result, seq: 3, outcome: 'sent' })).toBe(true);
    expect(await readLastSeq(db)).toBe(3);
    expect((await getThread(db, 'usr_agent', 'conv-1'))?.messages[0]?.customerSend).toEqual({ outcome: 'not_sent', reason: 'agent_typing', at: 5 });
  });

  it('keys send outcomes in the outbox by their ref', async () => {
    const db = await freshDb();
    await enqueue(db, { type: 'customer_send_result', ref: 'cs_m1', messageId: 'm1', outcome: 'sent' });
    await enqueue(db, { type: 'customer_send_result', ref: 'cs_m1', messageId: 'm1', outcome: 'sent' });
    expect((await listOutbox(db)).map((e) => e.key)).toEqual(['cs_m1']);
  });

  it('marks messages read from receipts and counts what is unread for a user', async () => {
    const db = await freshDb();
    await applyStreamFrame(db, whisperMessage(1, 'm1') as MessageFrame);
    await applyStreamFrame(db, whisperMessage(2, 'm2') as MessageFrame);
    expect((await unreadMessages(db, 'usr_agent')).map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(await unreadMessages(db, 'usr_sup')).toEqual([]);
    await applyStreamFrame(db, {
      type: 'read',
      seq: 3,
      receipt: { agentId: 'usr_agent', conversationKey: 'conv-1', messageIds: ['m1'], by: { id: 'usr_agent', name: 'Alice', role: 'agent' }, at: 1 },
    });
    expect((await unreadMessages(db, 'usr_agent')).map((m) => m.id)).toEqual(['m2']);
  });

  it('sets a customer message\'s first outcome from the stream, keeps it through later copies, and advances the position', async () => {
    const db = await freshDb();
    await applyStreamFrame(db, whisperMessage(1, 'm1') as MessageFrame);
    const outcome = { type: 'customer_send_result' as const, agentId: 'usr_agent', conversationKey: 'conv-1', messageId: 'm1', msgId: 'abcdefgh', outcome: 'not_sent' as const, reason: 'agent_typing' as const, at: 7 };
    expect(await applyStreamFrame(db, { ...outcome, seq: 2 })).toBe(true);
    expect(await applyStreamFrame(db, { ...outcome, outcome: 'sent', reason: undefined, seq: 3 })).toBe(true);
    expect(await readLastSeq(db)).toBe(3);
    // A replayed copy of the message (which carries no outcome) and a thread answer leave the first outcome.
    await applyThreadAnswer(db, { type: 'thread', agentId: 'usr_agent', conversationKey: 'conv-1', messages: [(whisperMessage(1, 'm1') as MessageFrame).message] });
    expect((await getThread(db, 'usr_agent', 'conv-1'))?.messages[0]!.customerSend).toEqual({ outcome: 'not_sent', reason: 'agent_typing', at: 7 });
  });

  it('merges a fetched thread without doubling messages it already has', async () => {
    const db = await freshDb();
    const first = whisperMessage(1, 'm1') as MessageFrame;
    const second = whisperMessage(2, 'm2') as MessageFrame;
    await applyStreamFrame(db, first);
    const merged = await applyThreadAnswer(db, {
      type: 'thread',
      agentId: 'usr_agent',
      conversationKey: 'conv-1',
      messages: [{ ...first.message, readBy: ['usr_sup'] }, second.message],
    });
    expect(merged.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(merged.messages[0]?.readBy).toEqual(['usr_sup']);
  });

  it('prunes messages created before the cut-off and deletes threads left empty, keeping the rest untouched', async () => {
    const db = await freshDb();
    const at = (seq: number, id: string, conversationKey: string) => {
      const frame = whisperMessage(seq, id) as MessageFrame;
      return { ...frame, message: { ...frame.message, conversationKey } };
    };
    await applyStreamFrame(db, at(1, 'a-old', 'conv-a'));
    await applyStreamFrame(db, at(2, 'b-old', 'conv-b'));
    await applyStreamFrame(db, at(5, 'a-new', 'conv-a'));
    // whisperMessage dates each message 1_700_000_000_000 + seq.
    expect(await pruneThreads(db, 1_700_000_000_003)).toBe(2);
    expect((await allThreads(db)).map((t) => [t.conversationKey, t.messages.map((m) => m.id)])).toEqual([['conv-a', ['a-new']]]);
    expect(await readLastSeq(db)).toBe(5);
    expect(await pruneThreads(db, 1_700_000_000_003)).toBe(0);
  });
});
