// The worked session of docs/protocol.md, run against a real in-process relay over real WebSockets:
// every frame both ways is validated against the protocol schemas and checked for type, fields and seq order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  CLOSE_CODES,
  PROTOCOL_VERSION,
  decodeRelayFrame,
  type ClientFrame,
  type ConversationState,
  type RelayFrame,
  type RelayFrameOf,
  type RelayFrameType,
} from '../../../lib/protocol/index.ts';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { startRelay, type Relay } from '../../../lib/relay/server.ts';

const FRAME_WAIT_MS = 5_000;

/** Every frame of the walk-through in order, for the documentation (written when UNDERTONE_PROTOCOL_TRANSCRIPT is set). */
const transcript: { peer: string; dir: '->' | '<-'; frame: unknown }[] = [];

/** One client socket that queues decoded relay frames and lets a test take them strictly in arrival order. */
class Peer {
  private readonly inbox: RelayFrame[] = [];
  private wake: (() => void) | null = null;
  private closeInfo: { code: number; reason: string } | null = null;

  private constructor(
    readonly name: string,
    private readonly ws: WebSocket,
  ) {
    ws.on('message', (data) => {
      const decoded = decodeRelayFrame(data.toString());
      if (!decoded.ok) throw new Error(`${name} got a frame outside the protocol: ${decoded.message}: ${data.toString()}`);
      transcript.push({ peer: name, dir: '<-', frame: decoded.frame });
      this.inbox.push(decoded.frame);
      this.wake?.();
    });
    ws.on('close', (code, reason) => {
      this.closeInfo = { code, reason: reason.toString() };
      this.wake?.();
    });
  }

  static async connect(url: string, name: string): Promise<Peer> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Peer(name, ws);
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    transcript.push({ peer: this.name, dir: '->', frame });
    this.ws.send(JSON.stringify(frame));
  }

  /** The next frame, which must be of `type`. */
  async expect<T extends RelayFrameType>(type: T): Promise<RelayFrameOf<T>> {
    const frame = await this.next();
    expect(frame.type, `${this.name} expected ${type}, got ${JSON.stringify(frame)}`).toBe(type);
    return frame as RelayFrameOf<T>;
  }

  async next(): Promise<RelayFrame> {
    const deadline = Date.now() + FRAME_WAIT_MS;
    while (this.inbox.length === 0) {
      if (this.closeInfo) throw new Error(`${this.name} closed (${this.closeInfo.code} ${this.closeInfo.reason}) while a frame was expected`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.name}: no frame within ${FRAME_WAIT_MS} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
    return this.inbox.shift()!;
  }

  /** Proves nothing else was queued: a ping's pong must be the very next frame. */
  async expectNothingElse(ref: string): Promise<void> {
    this.send({ type: 'ping', ref });
    const pong = await this.expect('pong');
    expect(pong.ref).toBe(ref);
  }

  /** Resolves with the close code and reason once the relay closes the socket. */
  async closed(): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + FRAME_WAIT_MS;
    while (!this.closeInfo) {
      if (Date.now() > deadline) throw new Error(`${this.name}: socket still open after ${FRAME_WAIT_MS} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.closeInfo;
  }

  async close(): Promise<void> {
    if (this.closeInfo) return;
    this.ws.close(1000, 'done');
    await this.closed();
  }
}

describe('wire protocol walk-through (docs/protocol.md)', () => {
  let dataDir: string;
  let relay: Relay;
  let org: { id: string; name: string };
  let team: { id: string; name: string };
  let agent: { id: string; name: string };
  let supervisor: { id: string; name: string };
  let agentToken: string;
  let supervisorToken: string;
  const peers: Peer[] = [];
  const aliases = new Map<string, string>();

  const connect = async (name: string): Promise<Peer> => {
    const peer = await Peer.connect(relay.url, name);
    peers.push(peer);
    return peer;
  };

  const conversation: ConversationState = {
    key: 'ticket-4711',
    customer: 'Dana Customer',
    startedAt: 1_767_000_000_000,
    lastCustomerAt: 1_767_000_060_000,
    waitingSince: 1_767_000_060_000,
    mood: { score: -0.4, level: 'at_risk', reasons: ['asked twice about the refund'] },
    active: true,
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'undertone-protocol-'));
    relay = await startRelay(resolveConfig({ port: 0, dataDir, logLevel: 'silent' }));
    const ids = relay.identities;
    org = ids.addOrg('Acme Support');
    team = ids.addTeam(org.id, 'Tier 1');
    agent = ids.addUser({ orgId: org.id, name: 'Ada Agent', role: 'agent', teamIds: [team.id] });
    supervisor = ids.addUser({ orgId: org.id, name: 'Sam Supervisor', role: 'supervisor', teamIds: [team.id] });
    agentToken = ids.issueToken(agent.id, 'ada-laptop').token;
    supervisorToken = ids.issueToken(supervisor.id, 'sam-laptop').token;
    aliases.set(org.id, 'org_acme').set(team.id, 'team_t1').set(agent.id, 'usr_ada').set(supervisor.id, 'usr_sam');
    aliases.set(agentToken, 'ut1_ada…').set(supervisorToken, 'ut1_sam…');
  });

  afterAll(async () => {
    for (const peer of peers) await peer.close().catch(() => {});
    await relay?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    const out = process.env.UNDERTONE_PROTOCOL_TRANSCRIPT;
    if (out) {
      let text = transcript.map((t) => `${t.peer} ${t.dir} ${JSON.stringify(t.frame)}`).join('\n');
      for (const [real, alias] of aliases) text = text.split(real).join(alias);
      writeFileSync(out, `${text}\n`);
    }
  });

  it('runs a coaching session: board, listen-in, transcript, help, whisper, reply, receipts, thread, resume', async () => {
    const key = conversation.key;

    // --- handshake: supervisor, then board subscription, then agent ---
    const sam = await connect('sam');
    sam.send({ type: 'hello', v: PROTOCOL_VERSION, token: supervisorToken, client: { name: 'undertone-extension', version: '0.1.0' } });
    const samWelcome = await sam.expect('welcome');
    aliases.set(samWelcome.sessionId, 'ses_sam1');
    expect(samWelcome.user).toEqual({
      id: supervisor.id,
      name: 'Sam Supervisor',
      role: 'supervisor',
      orgId: org.id,
      orgName: 'Acme Support',
      teams: [{ id: team.id, name: 'Tier 1' }],
    });
    expect(samWelcome.headSeq).toBe(0);
    expect(samWelcome.resumed).toBe(true);
    expect(samWelcome.limits).toEqual({ maxFrameBytes: 65536, ratePerSec: 100, rateBurst: 200, heartbeatMs: 20000 });
    // The relay's default retention, so the client prunes its thread cache to match.
    expect(samWelcome.retentionDays).toBe(30);
    expect(await sam.expect('synced')).toEqual({ type: 'synced', seq: 0 });

    sam.send({ type: 'board_subscribe', ref: 'b1' });
    expect(await sam.expect('board_snapshot')).toEqual({
      type: 'board_snapshot',
      ref: 'b1',
      teams: [{ id: team.id, name: 'Tier 1' }],
      agents: [],
      chats: [],
    });
    // Which agents of the board's teams have a helpdesk page that is not recognised (none yet).
    expect(await sam.expect('page_health')).toEqual({ type: 'page_health', agents: [] });

    const ada = await connect('ada');
    ada.send({ type: 'hello', v: PROTOCOL_VERSION, token: agentToken });
    const adaWelcome = await ada.expect('welcome');
    aliases.set(adaWelcome.sessionId, 'ses_ada1');
    expect(adaWelcome.user.role).toBe('agent');
    expect(adaWelcome.headSeq).toBe(0);
    expect(await ada.expect('synced')).toEqual({ type: 'synced', seq: 0 });
    expect(await sam.expect('board_delta')).toEqual({
      type: 'board_delta', agentsGone: [],
      agents: [{ id: agent.id, name: 'Ada Agent', teamIds: [team.id], online: true }],
      upsert: [],
      remove: [],
    });

    // --- live chat state reaches the board ---
    ada.send({ type: 'chat_state', ref: 'c1', conversations: [conversation] });
    expect(await ada.expect('ack')).toEqual({ type: 'ack', ref: 'c1' });
    const boardChat = { ...conversation, agentId: agent.id, agentName: 'Ada Agent', teamIds: [team.id], listeners: [], helpRequested: false };
    expect(await sam.expect('board_delta')).toEqual({ type: 'board_delta', agentsGone: [], agents: [], upsert: [boardChat], remove: [] });

    // --- without listeners, transcripts are refused ---
    ada.send({ type: 'transcript', ref: 't0', conversationKey: key, snapshot: true, events: [] });
    const notListening = await ada.expect('error');
    expect(notListening).toMatchObject({ code: 'not_listening', ref: 't0' });

    // --- listen-in: ack, listeners to both sides, board upsert ---
    sam.send({ type: 'listen_start', ref: 'l1', agentId: agent.id, conversationKey: key });
    expect(await sam.expect('ack')).toEqual({ type: 'ack', ref: 'l1' });
    const samRef = { id: supervisor.id, name: 'Sam Supervisor', role: 'supervisor' };
    const listeners = { type: 'listeners', agentId: agent.id, conversationKey: key, listeners: [samRef] };
    expect(await sam.expect('listeners')).toEqual(listeners);
    expect(await ada.expect('listeners')).toEqual(listeners);
    expect(await sam.expect('board_delta')).toEqual({ type: 'board_delta', agentsGone: [], agents: [], upsert: [{ ...boardChat, listeners: [samRef] }], remove: [] });

    // --- transcript: a snapshot, then an incremental event ---
    const opening = [
      { id: 'm1', op: 'add', author: 'customer', text: 'Where is my refund?', at: 1_767_000_000_000 },
      { id: 'm2', op: 'add', author: 'agent', text: 'Let me check that for you.', at: 1_767_000_030_000 },
    ] as const;
    ada.send({ type: 'transcript', ref: 't1', conversationKey: key, snapshot: true, events: [...opening] });
    expect(await ada.expect('ack')).toEqual({ type: 'ack', ref: 't1' });
    expect(await sam.expect('transcript')).toEqual({ type: 'transcript', agentId: agent.id, conversationKey: key, snapshot: true, events: opening });
    const followUp = { id: 'm3', op: 'add', author: 'customer', text: 'I asked twice already.', at: 1_767_000_060_000 } as const;
    ada.send({ type: 'transcript', conversationKey: key, snapshot: false, events: [followUp] });
    expect(await sam.expect('transcript')).toEqual({ type: 'transcript', agentId: agent.id, conversationKey: key, snapshot: false, events: [followUp] });
    await ada.expectNothingElse('p-ada-1'); // no ack without a ref

    // --- help request: durable, to the agent and the team's supervisors; flags the board chat ---
    ada.send({ type: 'help', msgId: 'ada-help-0001', conversationKey: key, reason: 'Customer wants a refund outside policy' });
    const helpAtAda = await ada.expect('message');
    const helpAck = await ada.expect('ack');
    expect(helpAck).toEqual({ type: 'ack', msgId: 'ada-help-0001', id: helpAtAda.message.id, duplicate: false });
    aliases.set(helpAtAda.message.id, 'msg_help');
    expect(helpAtAda.seq).toBe(1);
    expect(helpAtAda.message).toMatchObject({
      msgId: 'ada-help-0001',
      kind: 'help',
      agentId: agent.id,
      conversationKey: key,
      from: { id: agent.id, name: 'Ada Agent', role: 'agent' },
      text: 'Customer wants a refund outside policy',
      readBy: [],
    });
    const helpAtSam = await sam.expect('message');
    expect(helpAtSam).toEqual({ type: 'message', seq: 1, message: helpAtAda.message });
    expect(await sam.expect('board_delta')).toEqual({
      type: 'board_delta', agentsGone: [],
      agents: [],
      upsert: [{ ...boardChat, listeners: [samRef], helpRequested: true }],
      remove: [],
    });

    // --- whisper: message to both streams, ack after commit; clears the help flag ---
    const whisper = { type: 'whisper', msgId: 'sam-whisper-0001', agentId: agent.id, conversationKey: key, kind: 'suggestion', text: 'Offer a goodwill voucher instead.' } as const;
    sam.send(whisper);
    const whisperAtSam = await sam.expect('message');
    expect(whisperAtSam.seq).toBe(2);
    expect(await sam.expect('ack')).toEqual({ type: 'ack', msgId: 'sam-whisper-0001', id: whisperAtSam.message.id, duplicate: false });
    aliases.set(whisperAtSam.message.id, 'msg_whisper');
    const whisperAtAda = await ada.expect('message');
    expect(whisperAtAda).toEqual({ type: 'message', seq: 2, message: whisperAtSam.message });
    expect(whisperAtAda.message).toMatchObject({ kind: 'suggestion', from: samRef, text: 'Offer a goodwill voucher instead.', readBy: [] });
    expect(await sam.expect('board_delta')).toEqual({
      type: 'board_delta', agentsGone: [],
      agents: [],
      upsert: [{ ...boardChat, listeners: [samRef], helpRequested: false }],
      remove: [],
    });

    // --- resending the same msgId: acknowledged as a duplicate, not stored or delivered again ---
    sam.send(whisper);
    expect(await sam.expect('ack')).toEqual({ type: 'ack', msgId: 'sam-whisper-0001', id: whisperAtSam.message.id, duplicate: true });
    await sam.expectNothingElse('p-sam-1');
    await ada.expectNothingElse('p-ada-2');
    // The same msgId with other content is a conflict.
    sam.send({ ...whisper, text: 'Something else entirely.' });
    expect(await sam.expect('error')).toMatchObject({ code: 'conflict', msgId: 'sam-whisper-0001' });

    // --- agent reply: to the agent and the conversation's listeners and whisperers ---
    ada.send({ type: 'reply', msgId: 'ada-reply-0001', conversationKey: key, text: 'Done, voucher sent.' });
    const replyAtAda = await ada.expect('message');
    expect(await ada.expect('ack')).toEqual({ type: 'ack', msgId: 'ada-reply-0001', id: replyAtAda.message.id, duplicate: false });
    aliases.set(replyAtAda.message.id, 'msg_reply');
    expect(replyAtAda.seq).toBe(3);
    expect(replyAtAda.message).toMatchObject({ kind: 'reply', agentId: agent.id, conversationKey: key, from: { id: agent.id } });
    expect(await sam.expect('message')).toEqual({ type: 'message', seq: 3, message: replyAtAda.message });

    // --- read receipts: to the reader and the senders of the newly read messages ---
    ada.send({ type: 'read', ref: 'r1', conversationKey: key, messageIds: [whisperAtAda.message.id, replyAtAda.message.id] });
    const adaRead = await ada.expect('read');
    expect(await ada.expect('ack')).toEqual({ type: 'ack', ref: 'r1' });
    expect(adaRead.seq).toBe(4);
    // The agent's own reply is skipped: one cannot "read" one's own message.
    expect(adaRead.receipt).toMatchObject({ agentId: agent.id, conversationKey: key, messageIds: [whisperAtAda.message.id], by: { id: agent.id, name: 'Ada Agent', role: 'agent' } });
    expect(await sam.expect('read')).toEqual({ type: 'read', seq: 4, receipt: adaRead.receipt });
    // Reading again changes nothing: just the ack.
    ada.send({ type: 'read', ref: 'r2', conversationKey: key, messageIds: [whisperAtAda.message.id] });
    expect(await ada.expect('ack')).toEqual({ type: 'ack', ref: 'r2' });

    sam.send({ type: 'read', ref: 'r3', agentId: agent.id, conversationKey: key, messageIds: [helpAtSam.message.id, replyAtAda.message.id] });
    const samRead = await sam.expect('read');
    expect(await sam.expect('ack')).toEqual({ type: 'ack', ref: 'r3' });
    expect(samRead.seq).toBe(5);
    expect(samRead.receipt).toMatchObject({ messageIds: [helpAtSam.message.id, replyAtAda.message.id], by: samRef });
    expect(await ada.expect('read')).toEqual({ type: 'read', seq: 5, receipt: samRead.receipt });

    // --- thread_get: stored thread, oldest first, with readBy ---
    sam.send({ type: 'thread_get', ref: 'g1', agentId: agent.id, conversationKey: key });
    const thread = await sam.expect('thread');
    expect(thread).toMatchObject({ ref: 'g1', agentId: agent.id, conversationKey: key });
    expect(thread.messages.map((m) => [m.kind, m.readBy])).toEqual([
      ['help', [supervisor.id]],
      ['suggestion', [agent.id]],
      ['reply', [supervisor.id]],
    ]);
    ada.send({ type: 'thread_get', ref: 'g2', conversationKey: key, limit: 1 });
    const lastOnly = await ada.expect('thread');
    expect(lastOnly.agentId).toBe(agent.id);
    expect(lastOnly.messages.map((m) => m.id)).toEqual([replyAtAda.message.id]);

    // --- resume: the agent drops, misses a whisper, and reconnects with lastSeq ---
    await ada.close();
    expect(await sam.expect('board_delta')).toEqual({
      type: 'board_delta', agentsGone: [],
      agents: [{ id: agent.id, name: 'Ada Agent', teamIds: [team.id], online: false }],
      upsert: [],
      remove: [],
    });
    sam.send({ type: 'whisper', msgId: 'sam-whisper-0002', agentId: agent.id, conversationKey: key, kind: 'whisper', text: 'Nice save.' });
    const missed = await sam.expect('message');
    expect(missed.seq).toBe(6);
    expect(await sam.expect('ack')).toMatchObject({ msgId: 'sam-whisper-0002', duplicate: false });
    aliases.set(missed.message.id, 'msg_whisper2');

    const ada2 = await connect('ada');
    ada2.send({ type: 'hello', v: PROTOCOL_VERSION, token: agentToken, lastSeq: 5 });
    const resumedWelcome = await ada2.expect('welcome');
    aliases.set(resumedWelcome.sessionId, 'ses_ada2');
    expect(resumedWelcome).toMatchObject({ headSeq: 6, resumed: true });
    expect(await ada2.expect('message')).toEqual({ type: 'message', seq: 6, message: missed.message });
    expect(await ada2.expect('synced')).toEqual({ type: 'synced', seq: 6 });
    // Conversations already listened to are announced on connect.
    expect(await ada2.expect('listeners')).toEqual(listeners);
    expect(await sam.expect('board_delta')).toEqual({
      type: 'board_delta', agentsGone: [],
      agents: [{ id: agent.id, name: 'Ada Agent', teamIds: [team.id], online: true }],
      upsert: [],
      remove: [],
    });

    // --- listen_stop: the agent learns the list is empty and stops sending transcripts ---
    sam.send({ type: 'listen_stop', ref: 'l2', agentId: agent.id, conversationKey: key });
    expect(await sam.expect('ack')).toEqual({ type: 'ack', ref: 'l2' });
    expect(await ada2.expect('listeners')).toEqual({ ...listeners, listeners: [] });
    expect(await sam.expect('board_delta')).toEqual({ type: 'board_delta', agentsGone: [], agents: [], upsert: [{ ...boardChat, listeners: [] }], remove: [] });

    // --- the conversation closes: chat_state without it removes it from the board ---
    ada2.send({ type: 'chat_state', conversations: [] });
    expect(await sam.expect('board_delta')).toEqual({ type: 'board_delta', agentsGone: [], agents: [], upsert: [], remove: [{ agentId: agent.id, conversationKey: key }] });

    sam.send({ type: 'ping', ref: 'p1', t: 1_767_000_100_000 });
    expect(await sam.expect('pong')).toEqual({ type: 'pong', ref: 'p1', t: 1_767_000_100_000 });
    await ada2.close();
    await sam.close();
  });

  it('replays the whole stream with resumed:false when lastSeq is ahead of what the relay has', async () => {
    const ada = await connect('ada-fresh');
    ada.send({ type: 'hello', v: PROTOCOL_VERSION, token: agentToken, lastSeq: 99 });
    const welcome = await ada.expect('welcome');
    expect(welcome).toMatchObject({ headSeq: 6, resumed: false });
    const seqs: number[] = [];
    for (;;) {
      const frame = await ada.next();
      if (frame.type === 'synced') {
        expect(frame.seq).toBe(6);
        break;
      }
      expect(['message', 'read']).toContain(frame.type);
      if (frame.type === 'message' || frame.type === 'read') seqs.push(frame.seq);
    }
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6]);
    await ada.close();
  });

  it('answers role and id rules with forbidden and not_found; another org reads like an unknown id', async () => {
    const ids = relay.identities;
    const otherOrg = ids.addOrg('Other Corp');
    const otherTeam = ids.addTeam(otherOrg.id, 'Tier 1');
    const stranger = ids.addUser({ orgId: otherOrg.id, name: 'Olga Other', role: 'agent', teamIds: [otherTeam.id] });
    const team2 = ids.addTeam(org.id, 'Tier 2');
    const agent2 = ids.addUser({ orgId: org.id, name: 'Ben Agent', role: 'agent', teamIds: [team2.id] });

    const sam = await connect('sam-rules');
    sam.send({ type: 'hello', v: PROTOCOL_VERSION, token: supervisorToken, lastSeq: 6 });
    await sam.expect('welcome');
    await sam.expect('synced');

    const listenTo = (agentId: string, ref: string) => sam.send({ type: 'listen_start', ref, agentId, conversationKey: 'x' });
    listenTo(stranger.id, 'e1');
    const crossOrg = await sam.expect('error');
    listenTo('usr_doesNotExist0000000', 'e2');
    const unknown = await sam.expect('error');
    expect(crossOrg).toEqual({ type: 'error', code: 'not_found', message: `no agent ${stranger.id}`, ref: 'e1' });
    expect(unknown).toEqual({ type: 'error', code: 'not_found', message: 'no agent usr_doesNotExist0000000', ref: 'e2' });

    listenTo(agent2.id, 'e3');
    // An agent of a team Sam does not supervise reads like an unknown id (as it does for a guest of another chat).
    expect(await sam.expect('error')).toMatchObject({ code: 'not_found', message: `no agent ${agent2.id}`, ref: 'e3' });
    listenTo(supervisor.id, 'e4');
    expect(await sam.expect('error')).toMatchObject({ code: 'forbidden', ref: 'e4' });
    sam.send({ type: 'board_subscribe', ref: 'e5', teamIds: [team2.id] });
    expect(await sam.expect('error')).toMatchObject({ code: 'forbidden', ref: 'e5' });
    sam.send({ type: 'board_subscribe', ref: 'e6', teamIds: [otherTeam.id] });
    expect(await sam.expect('error')).toMatchObject({ code: 'not_found', ref: 'e6' });
    sam.send({ type: 'thread_get', ref: 'e7', conversationKey: 'x' });
    expect(await sam.expect('error')).toMatchObject({ code: 'invalid_frame', ref: 'e7' });
    sam.send({ type: 'reply', msgId: 'sam-reply-0001', conversationKey: 'x', text: 'hi' });
    expect(await sam.expect('error')).toMatchObject({ code: 'forbidden', msgId: 'sam-reply-0001' });
    sam.send({ type: 'whisper', msgId: 'bad', agentId: agent.id, conversationKey: 'x', kind: 'whisper', text: 'hi' });
    expect(await sam.expect('error')).toMatchObject({ code: 'invalid_frame', msgId: 'bad' });
    sam.send({ type: 'hello', v: PROTOCOL_VERSION, token: supervisorToken });
    expect(await sam.expect('error')).toMatchObject({ code: 'already_authenticated' });

    const ada = await connect('ada-rules');
    ada.send({ type: 'hello', v: PROTOCOL_VERSION, token: agentToken, lastSeq: 6 });
    await ada.expect('welcome');
    await ada.expect('synced');
    ada.send({ type: 'board_subscribe', ref: 'e8' });
    expect(await ada.expect('error')).toMatchObject({ code: 'forbidden', ref: 'e8' });
    ada.send({ type: 'thread_get', ref: 'e9', agentId: agent2.id, conversationKey: 'x' });
    expect(await ada.expect('error')).toMatchObject({ code: 'not_found', ref: 'e9' });
    ada.send({ type: 'whisper', msgId: 'ada-whisper-01', agentId: agent.id, conversationKey: 'x', kind: 'whisper', text: 'hi' });
    expect(await ada.expect('error')).toMatchObject({ code: 'forbidden', msgId: 'ada-whisper-01' });
    await ada.close();
    await sam.close();
  });

  it('refuses bad handshakes with an error frame and the documented close code', async () => {
    const early = await connect('early');
    early.send({ type: 'ping', ref: 'x' });
    expect(await early.expect('error')).toMatchObject({ code: 'not_authenticated' });
    early.send({ type: 'hello', v: PROTOCOL_VERSION, token: 'ut1_not-a-real-token' });
    expect(await early.expect('error')).toMatchObject({ code: 'auth_failed' });
    expect((await early.closed()).code).toBe(CLOSE_CODES.authFailed);

    const future = await connect('future');
    future.send({ type: 'hello', v: 2, token: agentToken });
    expect(await future.expect('error')).toMatchObject({ code: 'unsupported_version' });
    expect((await future.closed()).code).toBe(CLOSE_CODES.unsupportedVersion);

    const garbled = await connect('garbled');
    garbled.send({ type: 'nonsense', ref: 'q1' });
    expect(await garbled.expect('error')).toMatchObject({ code: 'invalid_frame', ref: 'q1' });
    await garbled.close();
  });
});
