// One client connection of the load generator, whatever the library under it (a `ws` socket or a Socket.IO
// client): send a frame, listen for frames, notice the close, close. Scenarios only see this surface.
import { WebSocket, type RawData } from 'ws';

/** What a dialect sends: JSON text on a plain WebSocket, an object for Socket.IO to encode. */
export type OutgoingFrame = string | object;

export interface BenchSocket {
  send(frame: OutgoingFrame): void;
  /** Incoming frames as the library delivers them (a Buffer from `ws`, a decoded value from Socket.IO). */
  onFrame(listener: (frame: unknown) => void): void;
  offFrame(listener: (frame: unknown) => void): void;
  /** Called once when the connection closes or fails, with the reason in words. */
  onClose(listener: (reason: string) => void): void;
  offClose(listener: (reason: string) => void): void;
  /** Drops the connection at once. */
  close(): void;
}

const STEP_TIMEOUT_MS = 15_000;

/** Resolves with the first frame `accept` returns a value for; rejects on close or timeout. */
export function waitForFrame<T>(socket: BenchSocket, what: string, accept: (frame: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      socket.offFrame(onFrame);
      socket.offClose(onClose);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${what} within ${STEP_TIMEOUT_MS / 1000} s`));
    }, STEP_TIMEOUT_MS);
    const onFrame = (frame: unknown) => {
      let value: T | undefined;
      try {
        value = accept(frame);
      } catch (error) {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (value === undefined) return;
      cleanup();
      resolve(value);
    };
    const onClose = (reason: string) => {
      cleanup();
      reject(new Error(`connection closed (${reason}) while waiting for ${what}`));
    };
    socket.onFrame(onFrame);
    socket.onClose(onClose);
  });
}

/**
 * Client socket options for the load: no compression (the servers disable it too), no UTF-8 check of
 * frames we only count, and an all-zero mask, which `ws` skips applying. All three keep the generator's
 * own CPU cost per frame low so that the measured server, not the generator, is the bottleneck.
 */
const WS_CLIENT_OPTIONS = {
  perMessageDeflate: false,
  skipUTF8Validation: true,
  generateMask: (mask: Buffer) => void mask.fill(0),
} as const;

/** A plain `ws` connection; frames arrive as RawData (Buffers), decoded only where a scenario looks inside. */
class WsBenchSocket implements BenchSocket {
  private readonly closeListeners = new Map<(reason: string) => void, (code: number, reason: Buffer) => void>();
  private readonly errorListeners = new Map<(reason: string) => void, (error: Error) => void>();

  constructor(private readonly ws: WebSocket) {}

  send(frame: OutgoingFrame): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  onFrame(listener: (frame: unknown) => void): void {
    this.ws.on('message', listener as (data: RawData) => void);
  }

  offFrame(listener: (frame: unknown) => void): void {
    this.ws.off('message', listener as (data: RawData) => void);
  }

  onClose(listener: (reason: string) => void): void {
    const onClose = (code: number, reason: Buffer) => listener(`${code} ${reason.toString()}`);
    const onError = (error: Error) => listener(error.message);
    this.closeListeners.set(listener, onClose);
    this.errorListeners.set(listener, onError);
    this.ws.on('close', onClose);
    this.ws.on('error', onError);
  }

  offClose(listener: (reason: string) => void): void {
    const onClose = this.closeListeners.get(listener);
    const onError = this.errorListeners.get(listener);
    if (onClose) this.ws.off('close', onClose);
    if (onError) this.ws.off('error', onError);
    this.closeListeners.delete(listener);
    this.errorListeners.delete(listener);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Opens a plain WebSocket with the generator's low-cost options. */
export function openWebSocket(url: string): Promise<BenchSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, WS_CLIENT_OPTIONS);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`connecting to ${url} took over ${STEP_TIMEOUT_MS / 1000} s`));
    }, STEP_TIMEOUT_MS);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(new WsBenchSocket(ws));
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The text of a frame received on a plain WebSocket. */
export function wsText(frame: unknown): string {
  return (frame as RawData).toString();
}
