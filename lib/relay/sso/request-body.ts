// Reads a small JSON request body, answering 413 for one that is too large and 400 for one that is not JSON.
import type { IncomingMessage } from 'node:http';

export type BodyOutcome = { ok: true; body: unknown } | { ok: false; status: 400 | 413; message: string };

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        resolve({ ok: false, status: 413, message: `the request body must be at most ${maxBytes} bytes` });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, status: 400, message: 'the request body could not be read' });
      done = true;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      try {
        resolve({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      } catch {
        resolve({ ok: false, status: 400, message: 'the request body must be JSON' });
      }
    });
  });
}
