// The bench's peer baseline: a Socket.IO server doing the minimum job with a room per user. A connection joins
// the room named by its handshake `auth.id`; each `frame` event is emitted to the room named by its `to` field.
// Websocket transport only, no compression, no auth, checks or storage.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

interface ForwardedFrame {
  to?: unknown;
}

const http = createServer((_req, res) => res.writeHead(404).end());
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, serveClient: false, maxHttpBufferSize: 64 * 1024 });

io.on('connection', (socket) => {
  const id: unknown = (socket.handshake.auth as { id?: unknown }).id;
  if (typeof id !== 'string') {
    socket.disconnect(true);
    return;
  }
  void socket.join(id);
  socket.on('frame', (frame: ForwardedFrame) => {
    if (typeof frame?.to === 'string') io.to(frame.to).emit('frame', frame);
  });
});

const port = Number(process.argv[2] ?? 0);
http.listen(port, '127.0.0.1', () => {
  const address = http.address() as AddressInfo;
  console.log(JSON.stringify({ msg: 'socket.io forwarder listening', port: address.port }));
});

process.once('SIGTERM', () => {
  setTimeout(() => process.exit(0), 2_000).unref();
  void io.close(() => process.exit(0));
});
