// `npm run bench:connections`: how many idle authenticated connections one relay process (SQLite) holds and
// what they cost: RSS per connection, time to accept them all, CPU at rest with heartbeats; then a reconnect
// storm (the relay SIGKILLed with whispers in flight and restarted, every client back with jittered backoff):
// time until all are back, and whether any acknowledged whisper was lost. Loopback only, bounded, stops itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { DEFAULT_LIMITS, WS_PATH } from '../../../lib/protocol/index.ts';
import { cpuSeconds, machineBusySeconds, rssKB } from '../proc-stats.ts';
import { provisionRelay } from '../provision.ts';
import { RELAY_BENCH_ENV } from '../server-process.ts';
import type { FleetPlan } from './client-fleet.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100000' },
    addresses: { type: 'string', default: '6' },
    'rest-seconds': { type: 'string', default: '20' },
    whispers: { type: 'string', default: '400' },
    json: { type: 'string' },
  },
});
const REQUESTED = Number(values.connections);
/** Descriptors the relay and the client fleet need besides the connections. */
const FD_MARGIN = 1_000;
const HARD_FILE_LIMIT = hardFileLimit();
/**
 * The bench raises each child's soft limit on open files; the hard limit can only be raised with
 * CAP_SYS_RESOURCE. Where that is missing, it measures as many connections as the hard limit allows.
 */
const CONNECTIONS = Math.min(REQUESTED, HARD_FILE_LIMIT - FD_MARGIN);
const ADDRESSES = Number(values.addresses);
const REST_SECONDS = Number(values['rest-seconds']);
const WHISPERS = Number(values.whispers);
/** Agents whose received whispers the fleet records (the whispers' recipients). */
const WATCHED = 200;
const FILE_LIMIT = Math.min(HARD_FILE_LIMIT, Math.max(REQUESTED + FD_MARGIN, 65_536));

function hardFileLimit(): number {
  const match = /^Max open files\s+\S+\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !match || match[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(match[1]);
}
/** The whole run stops after this long, whatever happens. */
const DEADLINE_MS = 15 * 60_000;

function progress(message: string): void {
  process.stderr.write(`[connections] ${message}\n`);
}

/** Runs `node ARGS` with its open-file limit raised (as root the hard limit can be raised too). */
function spawnNode(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawn('bash', ['-c', `ulimit -n ${FILE_LIMIT} && exec "$@"`, 'bash', process.execPath, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

interface RelayChild {
  child: ChildProcess;
  port: number;
  exited: Promise<void>;
}

async function startRelay(dataDir: string, port: number): Promise<RelayChild> {
  // A small young generation, as in the bench's idle_memory scenario: RSS then counts what the connections
  // retain rather than how much short-lived garbage the handshakes left before the next scavenge.
  const child = spawnNode(['--max-semi-space-size=1', resolve(ROOT, 'bin/undertone-relay.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir, '--log-level', 'warn'], RELAY_BENCH_ENV);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const lines: string[] = [];
  child.stderr!.on('data', (c: Buffer) => lines.push(c.toString()));
  const found = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${lines.join('')}`)), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"relay listening"')) {
        clearTimeout(timer);
        resolvePort((JSON.parse(line) as { port: number }).port);
      } else if (lines.length < 200) lines.push(line);
    });
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}:\n${lines.join('')}`)));
  });
  return { child, port: found, exited };
}

class Fleet {
  private readonly waiters: { event: string; resolve: (value: Record<string, unknown>) => void }[] = [];
  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as Record<string, unknown> & { event: string };
      if (event.event === 'progress') progress(`clients: ${JSON.stringify(event)}`);
      const index = this.waiters.findIndex((w) => w.event === event.event);
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(event);
      if (event.event === 'deadline') progress('the client fleet reached its deadline');
    });
    child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
  }
  next(event: string, timeoutMs: number): Promise<Record<string, unknown>> {
    return new Promise((resolveEvent, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} from the client fleet within ${timeoutMs / 1000} s`)), timeoutMs);
      this.waiters.push({ event, resolve: (v) => (clearTimeout(timer), resolveEvent(v)) });
    });
  }
  send(command: object): void {
    this.child.stdin!.write(`${JSON.stringify(command)}\n`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function steadyRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(300);
    readings.push(rssKB(pid));
  }
  return readings.sort((a, b) => a - b)[1]!;
}

/** A supervisor sends whispers to the watched agents; resolves with the acknowledged msgIds as they come. */
function whisperLoad(url: string, token: string, agents: string[], count: number, acked: Set<string>): { done: Promise<void>; socket: WebSocket } {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const done = new Promise<void>((resolveDone) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, token })));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; msgId?: string };
      if (frame.type === 'synced') {
        // Paced a little, so that the relay is killed with whispers both acknowledged and in flight.
        let sent = 0;
        const timer = setInterval(() => {
          for (let k = 0; k < 20 && sent < count; k++, sent++) {
            socket.send(JSON.stringify({ type: 'whisper', msgId: `bench-${sent}`, agentId: agents[sent % agents.length], conversationKey: 'c-1', kind: 'whisper', text: `whisper ${sent}` }));
          }
          if (sent >= count) clearInterval(timer);
        }, 10);
      } else if (frame.type === 'ack' && frame.msgId) acked.add(frame.msgId);
    });
    socket.on('close', () => resolveDone());
    socket.on('error', () => {});
  });
  return { done, socket };
}

async function main(): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), 'undertone-connections-'));
  const children: ChildProcess[] = [];
  const killer = setTimeout(() => {
    progress('deadline reached: stopping');
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  }, DEADLINE_MS);
  killer.unref();
  try {
    if (CONNECTIONS < REQUESTED) {
      progress(`the hard limit on open files is ${HARD_FILE_LIMIT} and cannot be raised here (needs CAP_SYS_RESOURCE): measuring ${CONNECTIONS} connections instead of ${REQUESTED}`);
    }
    const dataDir = join(workDir, 'data');
    progress(`provisioning ${CONNECTIONS} agents with device tokens ...`);
    const provisioned = provisionRelay(dataDir, 1, CONNECTIONS);
    let relay = await startRelay(dataDir, 0);
    children.push(relay.child);
    const port = relay.port;
    await sleep(1_500);
    const rssBefore = await steadyRss(relay.child.pid!);

    const planFile = join(workDir, 'fleet.json');
    const plan: FleetPlan = {
      port,
      path: WS_PATH,
      users: provisioned.idle,
      sourceAddresses: Array.from({ length: ADDRESSES }, (_, i) => `127.0.0.${i + 2}`),
      concurrency: 256,
      heartbeatMs: DEFAULT_LIMITS.heartbeatMs,
      watched: WATCHED,
      deadlineMs: DEADLINE_MS,
    };
    writeFileSync(planFile, JSON.stringify(plan));
    progress(`opening ${CONNECTIONS} connections from ${ADDRESSES} loopback addresses ...`);
    const fleetChild = spawnNode(['--max-old-space-size=4096', resolve(ROOT, 'bin/run-ts.mjs'), resolve(ROOT, 'test/bench/connections/client-fleet.ts'), planFile]);
    children.push(fleetChild);
    const fleet = new Fleet(fleetChild);
    const relayCpuBeforeOpen = cpuSeconds(relay.child.pid!);
    const opened = await fleet.next('opened', 10 * 60_000);
    const acceptCpu = cpuSeconds(relay.child.pid!) - relayCpuBeforeOpen;
    progress(`all connected: ${JSON.stringify(opened)}`);
    await sleep(3_000);
    const rssAfter = await steadyRss(relay.child.pid!);

    progress(`measuring the relay at rest for ${REST_SECONDS} s (heartbeats only) ...`);
    const cpu0 = cpuSeconds(relay.child.pid!);
    const machine0 = machineBusySeconds();
    const t0 = performance.now();
    await sleep(REST_SECONDS * 1000);
    const restSeconds = (performance.now() - t0) / 1000;
    const restCpuPercent = (100 * (cpuSeconds(relay.child.pid!) - cpu0)) / restSeconds;
    const machinePercent = (100 * (machineBusySeconds() - machine0)) / restSeconds;

    progress(`reconnect storm: ${WHISPERS} whispers in flight, relay SIGKILLed and restarted ...`);
    const acked = new Set<string>();
    const agents = provisioned.idle.slice(0, WATCHED).map((u) => u.id);
    const url = `ws://127.0.0.1:${port}${WS_PATH}`;
    const load = whisperLoad(url, provisioned.pairs[0]!.supervisor.token, agents, WHISPERS, acked);
    const ackDeadline = Date.now() + 20_000;
    while (acked.size < WHISPERS / 2 && Date.now() < ackDeadline) await sleep(5);
    relay.child.kill('SIGKILL');
    await relay.exited;
    const ackedBeforeKill = new Set(acked);
    load.socket.terminate();
    relay = await startRelay(dataDir, port);
    children.push(relay.child);
    const back = await fleet.next('back', 5 * 60_000);
    progress(`all back: ${JSON.stringify(back)}`);
    await sleep(2_000);
    fleet.send({ cmd: 'received' });
    const received = (await fleet.next('received', 30_000)).byUser as Record<string, string[]>;
    const delivered = new Set(Object.values(received).flat());
    const lost = [...ackedBeforeKill].filter((id) => !delivered.has(id));
    const duplicates = Object.values(received).reduce((sum, ids) => sum + ids.length - new Set(ids).size, 0);
    fleet.send({ cmd: 'stop' });

    const connected = Number(opened.connected);
    const result = {
      connections: connected,
      requested: REQUESTED,
      hardFileLimit: HARD_FILE_LIMIT,
      sourceAddresses: ADDRESSES,
      acceptSeconds: round(Number(opened.seconds)),
      acceptPerSecond: Math.round(connected / Number(opened.seconds)),
      acceptCpuSeconds: round(acceptCpu),
      connectFailuresDuringRamp: opened.failures,
      rssBeforeMB: round(rssBefore / 1024),
      rssAfterMB: round(rssAfter / 1024),
      kbPerConnection: round((rssAfter - rssBefore) / connected),
      restCpuPercentOfCore: round(restCpuPercent, 1),
      heartbeatsPerSecond: Math.round(connected / (DEFAULT_LIMITS.heartbeatMs / 1000)),
      machineBusyPercentDuringRest: round(machinePercent, 0),
      stormBackSeconds: round(Number(back.seconds)),
      whispersAckedBeforeKill: ackedBeforeKill.size,
      ackedWhispersLost: lost.length,
      duplicateDeliveries: duplicates,
      machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
    };
    console.log(JSON.stringify(result, null, 2));
    if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  }
}

function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`connections bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
