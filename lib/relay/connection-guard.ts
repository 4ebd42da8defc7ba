// The relay's TCP edge: every new connection must send its request or upgrade headers within the handshake
// deadline, and one client address holds at most `maxPerAddress` connections (the peer's address, or behind a
// trusted proxy the address it forwarded, counted on WebSocket upgrades).
import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientAddress } from './client-address.ts';

export interface GuardOptions {
  maxPerAddress: number;
  handshakeTimeoutMs: number;
  trustProxy: boolean;
  /** Called for each connection cut or refused, with the reason ('handshake_timeout' or 'too_many_connections'). */
  onRefused(reason: 'handshake_timeout' | 'too_many_connections', address: string): void;
}

export type Admission = { ok: true } | { ok: false; message: string };

export interface ConnectionGuard {
  /** Whether a request or upgrade on this socket may go on; a refusal is answered with 429 by the caller. */
  admit(req: IncomingMessage, upgrade: boolean): Admission;
  /** Open connections per address, for health and tests. */
  count(address: string): number;
}

export function guardConnections(http: Server, options: GuardOptions): ConnectionGuard {
  const open = new Map<string, number>();
  const over = new WeakSet<Socket>();
  const started = new WeakSet<Socket>();
  const cap = options.maxPerAddress;

  const hold = (address: string, socket: Socket): void => {
    open.set(address, (open.get(address) ?? 0) + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  };

  http.on('connection', (socket: Socket) => {
    const peer = socket.remoteAddress ?? 'unknown';
    // Half-open connections (a TCP connect, then nothing or a part of the headers) are cut at the deadline.
    const deadline = setTimeout(() => {
      if (started.has(socket) || socket.destroyed) return;
      options.onRefused('handshake_timeout', peer);
      socket.destroy();
    }, options.handshakeTimeoutMs);
    deadline.unref();
    socket.once('close', () => clearTimeout(deadline));
    if (cap === 0 || options.trustProxy) return;
    if ((open.get(peer) ?? 0) >= cap) over.add(socket);
    else hold(peer, socket);
  });

  const refuse = (address: string): Admission => {
    options.onRefused('too_many_connections', address);
    return { ok: false, message: `more than ${cap} open connections from ${address}; close some and retry` };
  };

  return {
    admit(req, upgrade) {
      const socket = req.socket;
      started.add(socket);
      if (cap === 0) return { ok: true };
      if (!options.trustProxy) return over.has(socket) ? refuse(socket.remoteAddress ?? 'unknown') : { ok: true };
      // Behind a proxy every connection comes from the proxy: WebSockets, the long-lived ones, count per
      // forwarded address; short HTTP requests pass.
      if (!upgrade) return { ok: true };
      const address = clientAddress(req, true);
      if ((open.get(address) ?? 0) >= cap) return refuse(address);
      hold(address, socket);
      return { ok: true };
    },
    count: (address) => open.get(address) ?? 0,
  };
}
