// How the load generator speaks to each measured server: connecting and authenticating, starting to listen,
// and the routed frames (transcripts, whispers). The relay gets its real wire protocol; the forwarder the
// same frames plus a `to` field naming the destination connection.
import { WebSocket, type RawData } from 'ws';
import { PROTOCOL_VERSION, type ClientFrameOf } from '../../lib/protocol/index.ts';
import type { BenchPair, BenchUser, ServerKind } from './plan.ts';

const STEP_TIMEOUT_MS = 15_000;
/** About 200 characters of customer text, the size of a typical chat message. */
const TRANSCRIPT_TEXT = 'Hello, I ordered a blue kettle two weeks ago and it still has not arrived. The tracking page says it left the depot on Monday, but nothing since then. Can you tell me where it is?';
const WHISPER_TEXT = 'Apologise for the delay, then offer the express reshipment; we can cover the cost.';

/**
 * Client socket options for the load: no compression (the relay disables it too), no UTF-8 check of
 * frames we only count, and an all-zero mask, which `ws` skips applying. All three keep the generator's
 * own CPU cost per frame low so that the measured server, not the generator, is the bottleneck.
 */
const CLIENT_OPTIONS = {
  perMessageDeflate: false,
  skipUTF8Validation: true,
  generateMask: (mask: Buffer) => void mask.fill(0),
} as const;

export interface Dialect {
  /** Opens a socket and authenticates as `user`; resolves once the server has welcomed it. */
  connect(url: string, user: BenchUser): Promise<WebSocket>;
  /** Makes the supervisor a listener of the agent's conversation; resolves when the agent has been told. */
  startListening(pair: BenchPair, agent: WebSocket, supervisor: WebSocket, conversationKey: string): Promise<void>;
  /** A transcript frame with one ~200 character event whose id is `b-<seq>`. */
  transcriptFrame(pair: BenchPair, conversationKey: string, seq: number): string;
  /** A durable whisper from the pair's supervisor with a unique msgId. */
  whisperFrame(pair: BenchPair, conversationKey: string, msgId: string): string;
  /** Whether a frame the whispering supervisor receives is the acknowledgement of one whisper. */
  isWhisperAck(text: string): boolean;
}

/** Sequence number of a transcript event id (`"id":"b-<seq>"`) in a relayed frame, or -1. */
export function transcriptSeq(text: string): number {
  const match = /"id":"b-(\d+)"/.exec(text);
  return match ? Number(match[1]) : -1;
}

export function isErrorFrame(text: string): boolean {
  return text.startsWith('{"type":"error"');
}

/** Resolves with the first frame `accept` returns a value for; rejects on close, socket error or timeout. */
export function waitForFrame<T>(ws: WebSocket, what: string, accept: (text: string) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      ws.off('error', onError);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${what} within ${STEP_TIMEOUT_MS / 1000} s`));
    }, STEP_TIMEOUT_MS);
    const onMessage = (data: RawData) => {
      const text = data.toString();
      let value: T | undefined;
      try {
        value = accept(text);
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const onClose = (code: number, reason: Buffer) => {
      cleanup();
      reject(new Error(`socket closed (${code} ${reason.toString()}) while waiting for ${what}`));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.on('error', onError);
  });
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, CLIENT_OPTIONS);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`connecting to ${url} took over ${STEP_TIMEOUT_MS / 1000} s`));
    }, STEP_TIMEOUT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Throws with the relay's words when it answered with an error frame. */
function failOnError(text: string, step: string): void {
  if (isErrorFrame(text)) throw new Error(`${step}: relay answered ${text}`);
}

const relayDialect: Dialect = {
  async connect(url, user) {
    const ws = await open(url);
    const synced = waitForFrame(ws, 'welcome and synced', (text) => {
      failOnError(text, 'hello');
      return text.startsWith('{"type":"synced"') ? true : undefined;
    });
    const hello: ClientFrameOf<'hello'> = { type: 'hello', v: PROTOCOL_VERSION, token: user.token, client: { name: 'undertone-bench', version: '1' } };
    ws.send(JSON.stringify(hello));
    await synced;
    return ws;
  },

  async startListening(pair, agent, supervisor, conversationKey) {
    const told = waitForFrame(agent, `listeners of ${conversationKey}`, (text) => {
      if (!text.startsWith('{"type":"listeners"')) return undefined;
      const frame = JSON.parse(text) as { conversationKey: string; listeners: { id: string }[] };
      return frame.conversationKey === conversationKey && frame.listeners.some((l) => l.id === pair.supervisor.id) ? true : undefined;
    });
    const acked = waitForFrame(supervisor, 'listen_start ack', (text) => {
      failOnError(text, 'listen_start');
      return text.startsWith('{"type":"ack"') ? true : undefined;
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

  isWhisperAck: (text) => text.startsWith('{"type":"ack"'),
};

const forwarderDialect: Dialect = {
  async connect(url, user) {
    const ws = await open(url);
    const welcomed = waitForFrame(ws, 'welcome', (text) => (text.startsWith('{"type":"welcome"') ? true : undefined));
    ws.send(JSON.stringify({ type: 'hello', id: user.id }));
    await welcomed;
    return ws;
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

  isWhisperAck: (text) => text.startsWith('{"type":"whisper"'),
};

export const DIALECTS: Record<ServerKind, Dialect> = { relay: relayDialect, forwarder: forwarderDialect };
