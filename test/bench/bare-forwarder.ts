// The bench's baseline server: a bare `ws` forwarder doing only the minimum a relay must do per frame
// (JSON.parse, look up the destination socket by the frame's `to` field, send). No auth, checks or storage.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

interface ForwarderFrame {
  type?: unknown;
  id?: unknown;
  to?: unknown;
}

const socketsById = new Map<string, WebSocket>();
const http = createServer((_req, res) => res.writeHead(404).end());
const wss = new WebSocketServer({ server: http, path: '/v1/ws', perMessageDeflate: false, maxPayload: 64 * 1024 });

wss.on('connection', (ws) => {
  let ownId: string | undefined;
  ws.on('message', (data) => {
    const text = data.toString();
    let frame: ForwarderFrame;
    try {
      frame = JSON.parse(text) as ForwarderFrame;
    } catch {
      return;
    }
    if (frame.type === 'hello' && typeof frame.id === 'string') {
      ownId = frame.id;
      socketsById.set(ownId, ws);
      ws.send('{"type":"welcome"}');
      return;
    }
    const destination = typeof frame.to === 'string' ? socketsById.get(frame.to) : undefined;
    destination?.send(text);
  });
  ws.on('close', () => {
    if (ownId !== undefined && socketsById.get(ownId) === ws) socketsById.delete(ownId);
  });
  ws.on('error', () => {});
});

const port = Number(process.argv[2] ?? 0);
http.listen(port, '127.0.0.1', () => {
  const address = http.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'forwarder listening', port: address.port }));
});

process.once('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
  http.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
