// A supervisor in the test process: the extension's own relay client over `ws`, with an in-memory IndexedDB; it
// records every frame it gets, so tests can follow the board, listen-in and transcripts at the relay level.
import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { RelayConnection, openClientDb, type StreamFrame, type WebSocketLike } from '../../../lib/client/index.ts';
import type { BoardChat, ClientFrame, RelayFrame, RelayFrameOf, TranscriptEvent } from '../../../lib/protocol/index.ts';
import { poll } from './ui-page.ts';

let dbCount = 0;

export class SupervisorClient {
  readonly received: StreamFrame[] = [];
  /** Every other frame (board, listeners, transcripts, errors), in arrival order. */
  readonly frames: RelayFrame[] = [];
  private constructor(readonly connection: RelayConnection) {}

  static async connect(relayUrl: string, token: string): Promise<SupervisorClient> {
    const db = await openClientDb(`e2e-supervisor-${process.pid}-${dbCount++}`);
    let client: SupervisorClient | null = null;
    const connection = new RelayConnection({
      relayUrl,
      token,
      db,
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      backoff: { baseMs: 100, capMs: 500 },
      onStreamEntry: (frame) => client?.received.push(frame),
      onFrame: (frame) => client?.frames.push(frame),
    });
    client = new SupervisorClient(connection);
    connection.start();
    await poll(async () => connection.status.synced, Boolean, 10_000, 'the supervisor to connect');
    return client;
  }

  whisper(agentId: string, conversationKey: string, text: string): Promise<void> {
    return this.connection.queue({ type: 'whisper', msgId: crypto.randomUUID(), agentId, conversationKey, kind: 'whisper', text });
  }

  send(frame: ClientFrame): void {
    if (!this.connection.send(frame)) throw new Error(`the supervisor client is not connected (sending ${frame.type})`);
  }

  /** The board as the snapshot and deltas received so far make it. */
  board(): BoardChat[] {
    const chats = new Map<string, BoardChat>();
    for (const frame of this.frames) {
      if (frame.type === 'board_snapshot') {
        chats.clear();
        for (const chat of frame.chats) chats.set(`${chat.agentId}/${chat.key}`, chat);
      } else if (frame.type === 'board_delta') {
        for (const gone of frame.remove) chats.delete(`${gone.agentId}/${gone.conversationKey}`);
        for (const chat of frame.upsert) chats.set(`${chat.agentId}/${chat.key}`, chat);
      }
    }
    return [...chats.values()];
  }

  transcripts(conversationKey: string): RelayFrameOf<'transcript'>[] {
    return this.frames.filter((f): f is RelayFrameOf<'transcript'> => f.type === 'transcript' && f.conversationKey === conversationKey);
  }

  /** The transcript a listener shows after applying every frame received (snapshot replaces, events update). */
  shownTranscript(conversationKey: string): TranscriptEvent[] {
    let shown: TranscriptEvent[] = [];
    for (const frame of this.transcripts(conversationKey)) {
      if (frame.snapshot) shown = [];
      for (const event of frame.events) {
        const at = shown.findIndex((e) => e.id === event.id);
        if (event.op === 'remove') {
          if (at >= 0) shown.splice(at, 1);
        } else if (at >= 0) shown[at] = event;
        else shown.push(event);
      }
    }
    return shown;
  }

  /** Texts of the thread messages this supervisor's stream delivered. */
  texts(): string[] {
    return this.received.flatMap((f) => (f.type === 'message' ? [f.message.text] : []));
  }

  stop(): void {
    this.connection.stop();
  }
}
