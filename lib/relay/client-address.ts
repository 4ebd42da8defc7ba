// The address a request comes from, for per-client limits: the connecting peer, or behind a trusted proxy
// (--trust-proxy) the address that proxy appended to X-Forwarded-For.
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && forwarded) {
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',');
    const last = list[list.length - 1]?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
