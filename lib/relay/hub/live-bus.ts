// The contract between the hub and a bus that links several relay processes: the live changes one process
// tells the others (presence, chats, help flags, listeners), transcripts addressed to one process, and
// committed stream entries published for every process. A single process runs without a bus.
import type { ConversationState, UserRef } from '../../protocol/index.ts';
import type { GrantChange } from '../guests/guest-desk.ts';

/** The live state one process owns: agents with sockets on it, and its listening sockets. */
export interface ProcessLiveState {
  agents: { agentId: string; name: string; teamIds: string[]; sessions: number; conversations: ConversationState[]; help: string[] }[];
  listeners: { key: string; sessionId: string; user: UserRef }[];
}

/** Changes that one process publishes and every other process applies to its mirror. */
export type LiveEvent =
  | { t: 'presence'; agentId: string; name: string; teamIds: string[]; sessions: number }
  | { t: 'chats'; agentId: string; conversations: ConversationState[] }
  | { t: 'help'; agentId: string; conversationKey: string; open: boolean }
  | { t: 'listen_add'; key: string; sessionId: string; user: UserRef }
  | { t: 'listen_remove'; key: string; sessionId: string }
  /** The guests of a chat changed: each process updates its own sockets. */
  | { t: 'grants'; change: GrantChange }
  /** A user of this organisation reported a change of adapter health: each process tells its boards. */
  | { t: 'health'; orgId: string };

/** What the hub offers the bus: applying other processes' changes and delivering to local sockets. */
export interface LiveSink {
  applyRemote(processId: string, event: LiveEvent): void;
  /** Replaces everything known about another process with its full state. */
  replaceProcess(processId: string, state: ProcessLiveState): void;
  /** Forgets another process (it stopped, or its heartbeats stopped). */
  dropProcess(processId: string): void;
  localState(): ProcessLiveState;
  /** A transcript frame for the local listeners of `key`, as the UTF-8 bytes of its text. */
  deliverTranscript(key: string, text: Buffer): void;
  /** Committed stream entries, published by the store: `pairs` of user and seq share one payload. */
  deliverStream(kind: 'message' | 'read' | 'customer_send', pairs: [string, number][], payloadJson: string): void;
  /** The link to the other processes was lost and is back: stream entries may have been missed. */
  resync(): void;
  /** Users with a socket on this process. */
  heldUsers(): Iterable<string>;
}

export interface LiveBus {
  readonly processId: string;
  publish(event: LiveEvent): void;
  sendTranscript(processId: string, key: string, text: string): void;
  attach(sink: LiveSink): void;
  /**
   * Records that this process holds a socket of `userId`, so that stream entries for that user are published to
   * it; resolves once recorded (before the socket's replay reads the stream, so nothing falls in between).
   */
  holdUser(userId: string): Promise<void>;
  /** This process holds no socket of `userId` any more. */
  releaseUser(userId: string): void;
}
