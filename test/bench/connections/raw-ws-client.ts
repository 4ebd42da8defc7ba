// A WebSocket client connection in a few hundred bytes, for holding very many on loopback: the HTTP upgrade,
// masked text frames out (an all-zero mask), text and close frames in. No extensions, no fragmentation.
import { connect, type Socket } from 'node:net';

const UPGRADE_KEY = 'dW5kZXJ0b25lLWJlbmNoIQ==';

export interface RawWsHandlers {
  onOpen(): void;
  onText(text: string): void;
  onClose(): void;
}

/** Opens `ws://127.0.0.1:port/path` from `localAddress`; calls the handlers; returns the socket. */
export function openRawWs(port: number, path: string, localAddress: string, handlers: RawWsHandlers): Socket {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  socket.setNoDelay(true);
  let upgraded = false;
  let pending: Buffer | null = null;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    handlers.onClose();
  };
  socket.on('connect', () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${UPGRADE_KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  });
  socket.on('data', (chunk: Buffer) => {
    let data = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = null;
    if (!upgraded) {
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) {
        pending = data;
        return;
      }
      if (!data.subarray(0, 12).toString().startsWith('HTTP/1.1 101')) {
        socket.destroy();
        return;
      }
      upgraded = true;
      data = data.subarray(end + 4);
      handlers.onOpen();
    }
    let offset = 0;
    while (data.length - offset >= 2) {
      const opcode = data[offset]! & 0x0f;
      let length = data[offset + 1]! & 0x7f;
      let header = 2;
      if (length === 126) {
        if (data.length - offset < 4) break;
        length = data.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (data.length - offset < 10) break;
        length = Number(data.readBigUInt64BE(offset + 2));
        header = 10;
      }
      if (data.length - offset < header + length) break;
      const payload = data.subarray(offset + header, offset + header + length);
      offset += header + length;
      if (opcode === 1) handlers.onText(payload.toString());
      else if (opcode === 9) socket.write(frame(0x8a, payload));
      else if (opcode === 8) socket.end();
    }
    if (offset < data.length) pending = Buffer.from(data.subarray(offset));
  });
  socket.on('error', () => {});
  socket.on('close', close);
  return socket;
}

/** A masked client frame with an all-zero mask (so the payload goes as is). */
export function frame(firstByte: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(6) : Buffer.alloc(8);
  header[0] = firstByte;
  if (length < 126) header[1] = 0x80 | length;
  else {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  }
  return Buffer.concat([header, payload]);
}

export function sendText(socket: Socket, text: string): void {
  if (!socket.destroyed) socket.write(frame(0x81, Buffer.from(text)));
}
