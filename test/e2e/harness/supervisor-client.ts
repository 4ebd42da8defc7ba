// A supervisor in the test process: the extension's own relay client over `ws`, with an in-memory IndexedDB.
import 'fake-indexeddb/auto';
import WebSocket from 'ws';
import { RelayConnection, openClientDb, type StreamFrame, type WebSocketLike } from '../../../lib/client/index.ts';
import { poll } from './ui-page.ts';

let dbCount = 0;

export class SupervisorClient {
  readonly received: StreamFrame[] = [];
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
    });
    client = new SupervisorClient(connection);
    connection.start();
    await poll(async () => connection.status.synced, Boolean, 10_000, 'the supervisor to connect');
    return client;
  }

  whisper(agentId: string, conversationKey: string, text: string): Promise<void> {
    return this.connection.queue({ type: 'whisper', msgId: crypto.randomUUID(), agentId, conversationKey, kind: 'whisper', text });
  }

  /** Texts of the thread messages this supervisor's stream delivered. */
  texts(): string[] {
    return this.received.flatMap((f) => (f.type === 'message' ? [f.message.text] : []));
  }

  stop(): void {
    this.connection.stop();
  }
}
