// The client side of the connections bench, its own process: holds one authenticated relay connection per user
// (raw sockets from several 127.0.0.x addresses), sends each a heartbeat ping once per heartbeat interval from
// one sweep, reconnects dropped ones with the extension's jittered backoff and resumes from their watermark.
// Talks to the bench over stdin/stdout, one JSON object per line.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { backoffDelay } from '../../../lib/client/backoff.ts';
import { PROTOCOL_VERSION } from '../../../lib/protocol/index.ts';
import { openRawWs, sendText } from './raw-ws-client.ts';

export interface FleetPlan {
  port: number;
  path: string;
  users: { id: string; token: string }[];
  sourceAddresses: string[];
  /** Connections being opened at once. */
  concurrency: number;
  heartbeatMs: number;
  /** Users (indices) whose received whispers are recorded. */
  watched: number;
  /** The fleet gives up after this long in total. */
  deadlineMs: number;
}

const plan = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as FleetPlan;
const n = plan.users.length;
const sockets: (Socket | null)[] = new Array<Socket | null>(n).fill(null);
const synced = new Uint8Array(n);
const watermark = new Float64Array(n);
const attempts = new Uint16Array(n);
const received = new Map<number, string[]>();
let syncedCount = 0;
let connecting = 0;
let nextToOpen = 0;
let failures = 0;
const startedAt = performance.now();
let stormStartedAt: number | null = null;

function emit(event: object): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function open(i: number): void {
  connecting++;
  const address = plan.sourceAddresses[i % plan.sourceAddresses.length]!;
  let opened = false;
  const socket = openRawWs(plan.port, plan.path, address, {
    onOpen() {
      opened = true;
      sendText(socket, JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, token: plan.users[i]!.token, lastSeq: watermark[i] }));
    },
    onText(text) {
      if (text.startsWith('{"type":"synced"')) {
        synced[i] = 1;
        syncedCount++;
        connecting--;
        attempts[i] = 0;
        pump();
        if (stormStartedAt !== null && syncedCount === n) {
          emit({ event: 'back', connected: syncedCount, seconds: (performance.now() - stormStartedAt) / 1000 });
          stormStartedAt = null;
        }
      } else if (text.startsWith('{"type":"message"')) {
        const frame = JSON.parse(text) as { seq: number; message: { msgId: string } };
        if (frame.seq > watermark[i]!) {
          watermark[i] = frame.seq;
          if (i < plan.watched) received.set(i, [...(received.get(i) ?? []), frame.message.msgId]);
        }
      }
    },
    onClose() {
      sockets[i] = null;
      if (synced[i]) {
        synced[i] = 0;
        syncedCount--;
        stormStartedAt ??= performance.now();
      } else {
        connecting--;
        failures++;
        if (!opened) pump();
      }
      const delay = backoffDelay(attempts[i]!);
      attempts[i] = attempts[i]! + 1;
      setTimeout(() => open(i), delay).unref();
    },
  });
  sockets[i] = socket;
}

/** Opens the next connections of the initial ramp, keeping `concurrency` in progress. */
function pump(): void {
  while (nextToOpen < n && connecting < plan.concurrency) open(nextToOpen++);
  if (nextToOpen === n && syncedCount === n && !rampReported) {
    rampReported = true;
    emit({ event: 'opened', connected: syncedCount, failures, seconds: (performance.now() - startedAt) / 1000 });
  }
}
let rampReported = false;

// One sweep a second pings the slice of connections whose turn it is, so each pings once per heartbeat interval.
const slots = Math.max(1, Math.round(plan.heartbeatMs / 1000));
let tick = 0;
setInterval(() => {
  const slot = tick++ % slots;
  for (let i = slot; i < n; i += slots) {
    const socket = sockets[i];
    if (socket && synced[i]) sendText(socket, '{"type":"ping"}');
  }
}, 1000);

setInterval(() => emit({ event: 'progress', connected: syncedCount, connecting, failures }), 5_000).unref();

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as { cmd: string };
  if (command.cmd === 'status') emit({ event: 'status', connected: syncedCount, connecting, failures });
  else if (command.cmd === 'received') {
    const byUser: Record<string, string[]> = {};
    for (const [i, ids] of received) byUser[plan.users[i]!.id] = ids;
    emit({ event: 'received', byUser });
  } else if (command.cmd === 'stop') process.exit(0);
});
process.stdin.on('end', () => process.exit(0));
setTimeout(() => {
  emit({ event: 'deadline', connected: syncedCount });
  process.exit(3);
}, plan.deadlineMs).unref();

pump();
