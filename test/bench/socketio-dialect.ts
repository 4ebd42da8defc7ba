// The load generator's side of the Socket.IO baseline: socket.io-client over the websocket transport only (no
// polling), the user's id in the handshake auth, and the bench frames as objects in `frame` events. (The server
// disables compression, so the client's offer of it is declined.)
import { io, type Socket } from 'socket.io-client';
import type { BenchSocket, OutgoingFrame } from './bench-socket.ts';
import type { Dialect } from './dialects.ts';
import { TRANSCRIPT_TEXT, WHISPER_TEXT } from './frame-text.ts';

const CONNECT_TIMEOUT_MS = 15_000;

interface ReceivedFrame {
  type?: unknown;
  events?: { id?: unknown }[];
}

class SocketIoBenchSocket implements BenchSocket {
  private readonly closeListeners = new Map<(reason: string) => void, (reason: string) => void>();

  constructor(private readonly socket: Socket) {}

  send(frame: OutgoingFrame): void {
    this.socket.emit('frame', frame);
  }

  onFrame(listener: (frame: unknown) => void): void {
    this.socket.on('frame', listener);
  }

  offFrame(listener: (frame: unknown) => void): void {
    this.socket.off('frame', listener);
  }

  onClose(listener: (reason: string) => void): void {
    const onDisconnect = (reason: string) => listener(reason);
    this.closeListeners.set(listener, onDisconnect);
    this.socket.on('disconnect', onDisconnect);
  }

  offClose(listener: (reason: string) => void): void {
    const onDisconnect = this.closeListeners.get(listener);
    if (onDisconnect) this.socket.off('disconnect', onDisconnect);
    this.closeListeners.delete(listener);
  }

  close(): void {
    this.socket.disconnect();
  }
}

function connect(url: string, id: string): Promise<BenchSocket> {
  const socket = io(url, {
    transports: ['websocket'],
    auth: { id },
    forceNew: true,
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.off('connect_error');
      resolve(new SocketIoBenchSocket(socket));
    });
    socket.once('connect_error', (error: Error) => {
      socket.disconnect();
      reject(new Error(`Socket.IO connection as ${id} failed: ${error.message}`));
    });
  });
}

export const socketIoDialect: Dialect = {
  // The server joins the user's room before it answers the handshake, so a connected socket is addressable.
  connect: (url, user) => connect(url, user.id),

  async startListening() {},

  transcriptFrame: (pair, conversationKey, seq) => ({
    type: 'transcript',
    to: pair.supervisor.id,
    conversationKey,
    snapshot: false,
    events: [{ id: `b-${seq}`, op: 'add', author: 'customer', text: TRANSCRIPT_TEXT, at: Date.now() }],
  }),

  // As with the bare forwarder: a whisper addressed to its own sender's room comes straight back, stored nowhere.
  whisperFrame: (pair, conversationKey, msgId) => ({ type: 'whisper', to: pair.supervisor.id, msgId, agentId: pair.agent.id, conversationKey, kind: 'whisper', text: WHISPER_TEXT }),

  transcriptSeq(frame) {
    const id = (frame as ReceivedFrame).events?.[0]?.id;
    return typeof id === 'string' && id.startsWith('b-') ? Number(id.slice(2)) : -1;
  },
  isWhisperAck: (frame) => (frame as ReceivedFrame).type === 'whisper',
  errorText: () => undefined,
};
