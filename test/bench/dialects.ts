// How the load generator speaks to each measured server: connecting and authenticating, starting to listen,
// the routed frames (transcripts, whispers) and reading what comes back. The relay (on SQLite or on Redis) gets
// its real wire protocol; the bare forwarder the same frames plus a `to` field naming the destination
// connection; Socket.IO the same objects as `frame` events (see socketio-dialect.ts).
import { PROTOCOL_VERSION, type ClientFrameOf } from '../../lib/protocol/index.ts';
import { openWebSocket, waitForFrame, wsText, type BenchSocket, type OutgoingFrame } from './bench-socket.ts';
import { TRANSCRIPT_TEXT, WHISPER_TEXT } from './frame-text.ts';
import type { BenchPair, BenchUser, ServerKind } from './plan.ts';
import { socketIoDialect } from './socketio-dialect.ts';

export interface Dialect {
  /** Opens a connection and authenticates as `user`; resolves once the server has welcomed it. */
  connect(url: string, user: BenchUser): Promise<BenchSocket>;
  /** Makes the supervisor a listener of the agent's conversation; resolves when the agent has been told. */
  startListening(pair: BenchPair, agent: BenchSocket, supervisor: BenchSocket, conversationKey: string): Promise<void>;
  /** A transcript frame with one ~200 character event whose id is `b-<seq>`. */
  transcriptFrame(pair: BenchPair, conversationKey: string, seq: number): OutgoingFrame;
  /** A durable whisper from the pair's supervisor with a unique msgId. */
  whisperFrame(pair: BenchPair, conversationKey: string, msgId: string): OutgoingFrame;
  /** Sequence number of the transcript event (`b-<seq>`) in a received frame, or -1. */
  transcriptSeq(frame: unknown): number;
  /** Whether a frame the whispering supervisor receives is the acknowledgement of one whisper. */
  isWhisperAck(frame: unknown): boolean;
  /** The frame as text when the server answered with an error, else undefined. */
  errorText(frame: unknown): string | undefined;
}

/** Sequence number of a transcript event id (`"id":"b-<seq>"`) in relayed JSON text, or -1. */
function transcriptSeqInText(text: string): number {
  const match = /"id":"b-(\d+)"/.exec(text);
  return match ? Number(match[1]) : -1;
}

function wsErrorText(frame: unknown): string | undefined {
  const text = wsText(frame);
  return text.startsWith('{"type":"error"') ? text : undefined;
}

/** Throws with the relay's words when it answered with an error frame. */
function failOnError(frame: unknown, step: string): void {
  const error = wsErrorText(frame);
  if (error !== undefined) throw new Error(`${step}: relay answered ${error}`);
}

const relayDialect: Dialect = {
  async connect(url, user) {
    const socket = await openWebSocket(url);
    const synced = waitForFrame(socket, 'welcome and synced', (frame) => {
      failOnError(frame, 'hello');
      return wsText(frame).startsWith('{"type":"synced"') ? true : undefined;
    });
    const hello: ClientFrameOf<'hello'> = { type: 'hello', v: PROTOCOL_VERSION, token: user.token, client: { name: 'undertone-bench', version: '1' } };
    socket.send(JSON.stringify(hello));
    await synced;
    return socket;
  },

  async startListening(pair, agent, supervisor, conversationKey) {
    const told = waitForFrame(agent, `listeners of ${conversationKey}`, (frame) => {
      const text = wsText(frame);
      if (!text.startsWith('{"type":"listeners"')) return undefined;
      const parsed = JSON.parse(text) as { conversationKey: string; listeners: { id: string }[] };
      return parsed.conversationKey === conversationKey && parsed.listeners.some((l) => l.id === pair.supervisor.id) ? true : undefined;
    });
    const acked = waitForFrame(supervisor, 'listen_start ack', (frame) => {
      failOnError(frame, 'listen_start');
      return wsText(frame).startsWith('{"type":"ack"') ? true : undefined;
    });
    const start: ClientFrameOf<'listen_start'> = { type: 'listen_start', ref: 'listen', agentId: pair.agent.id, conversationKey };
    supervisor.send(JSON.stringify(start));
    await Promise.all([told, acked]);
  },

  transcriptFrame(_pair, conversationKey, seq) {
    const frame: ClientFrameOf<'transcript'> = {
      type: 'transcript',
      conversationKey,
      snapshot: false,
      events: [{ id: `b-${seq}`, op: 'add', author: 'customer', text: TRANSCRIPT_TEXT, at: Date.now() }],
    };
    return JSON.stringify(frame);
  },

  whisperFrame(pair, conversationKey, msgId) {
    const frame: ClientFrameOf<'whisper'> = { type: 'whisper', msgId, agentId: pair.agent.id, conversationKey, kind: 'whisper', text: WHISPER_TEXT };
    return JSON.stringify(frame);
  },

  transcriptSeq: (frame) => transcriptSeqInText(wsText(frame)),
  isWhisperAck: (frame) => wsText(frame).startsWith('{"type":"ack"'),
  errorText: wsErrorText,
};

const forwarderDialect: Dialect = {
  async connect(url, user) {
    const socket = await openWebSocket(url);
    const welcomed = waitForFrame(socket, 'welcome', (frame) => (wsText(frame).startsWith('{"type":"welcome"') ? true : undefined));
    socket.send(JSON.stringify({ type: 'hello', id: user.id }));
    await welcomed;
    return socket;
  },

  async startListening() {},

  transcriptFrame(pair, conversationKey, seq) {
    return JSON.stringify({
      type: 'transcript',
      to: pair.supervisor.id,
      conversationKey,
      snapshot: false,
      events: [{ id: `b-${seq}`, op: 'add', author: 'customer', text: TRANSCRIPT_TEXT, at: Date.now() }],
    });
  },

  // The forwarder stores nothing: a whisper addressed to its own sender comes straight back, the ceiling
  // of a round trip through a server with no durability at all.
  whisperFrame(pair, conversationKey, msgId) {
    return JSON.stringify({ type: 'whisper', to: pair.supervisor.id, msgId, agentId: pair.agent.id, conversationKey, kind: 'whisper', text: WHISPER_TEXT });
  },

  transcriptSeq: (frame) => transcriptSeqInText(wsText(frame)),
  isWhisperAck: (frame) => wsText(frame).startsWith('{"type":"whisper"'),
  errorText: () => undefined,
};

export const DIALECTS: Record<ServerKind, Dialect> = { relay: relayDialect, relay_redis: relayDialect, forwarder: forwarderDialect, socketio: socketIoDialect };
