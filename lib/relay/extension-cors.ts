// CORS for the HTTP routes the extension calls from its pages and background (enrollment's rule, shared): the
// extension and admin-listed web origins get it, a web page's Origin is refused, preflights are answered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { judgeOrigin, originAllowed } from './origin-policy.ts';

/** Returns true when it answered the request itself (refused origin or preflight). */
export function answerCrossOrigin(
  req: IncomingMessage,
  res: ServerResponse,
  options: { allowedOrigins: readonly string[]; methods: string; headers: string },
): boolean {
  const verdict = judgeOrigin(req.headers.origin, options.allowedOrigins);
  if (!originAllowed(verdict)) {
    res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ error: 'forbidden', message: 'this origin may not call the relay; use the Undertone extension' }));
    return true;
  }
  if (verdict !== 'absent') {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin as string);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Methods': options.methods, 'Access-Control-Allow-Headers': options.headers, 'Access-Control-Max-Age': '600' });
    res.end();
    return true;
  }
  return false;
}
