// Starts a measured server as its own child process (the real relay on SQLite or on Redis, the bare forwarder or
// the Socket.IO forwarder), learns its port from the "listening" log line, and stops it (SIGTERM, then SIGKILL).
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ServerKind } from './plan.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 8_000;

/** A bearer token for the relay's /metrics on its public port (test/bench/relay-metrics.ts reads with it). */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-not-secret';

/**
 * Relay limits raised far above the bench's load, so no frame is rate limited; no per-address cap, as every
 * simulated browser connects from loopback.
 */
export const RELAY_BENCH_ENV = {
  UNDERTONE_RATE_PER_SEC: '1000000',
  UNDERTONE_RATE_BURST: '1000000',
  UNDERTONE_MAX_CONNECTIONS_PER_ADDRESS: '0',
  UNDERTONE_METRICS_TOKEN: BENCH_METRICS_TOKEN,
};

export interface ServerOptions {
  kind: ServerKind;
  /** The relay's data directory (already provisioned), on SQLite. */
  dataDir?: string;
  /** The relay's Redis and key prefix (already provisioned), in Redis mode. */
  redis?: { url: string; prefix: string };
  /** When set, the server runs with `node --cpu-prof` and writes its profile here on exit. */
  cpuProfileDir?: string;
  /** Extra V8/Node flags for the server process. */
  nodeFlags?: string[];
}

function serverArgs(options: ServerOptions): string[] {
  const serve = [resolve(ROOT, 'bin/undertone-relay.mjs'), 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'info'];
  switch (options.kind) {
    case 'relay':
      return [...serve, '--data', options.dataDir!];
    case 'relay_redis':
      return [...serve, '--redis', options.redis!.url, '--redis-prefix', options.redis!.prefix];
    case 'forwarder':
      return [resolve(ROOT, 'bin/run-ts.mjs'), resolve(ROOT, 'test/bench/bare-forwarder.ts'), '0'];
    case 'socketio':
      return [resolve(ROOT, 'bin/run-ts.mjs'), resolve(ROOT, 'test/bench/socketio-forwarder.ts'), '0'];
  }
}

export class ServerProcess {
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly kind: ServerKind,
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly logs: string[],
  ) {
    this.exited = new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
      else child.once('exit', (code) => done(code));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Where clients connect: the WebSocket endpoint, or for Socket.IO the server's origin. */
  get url(): string {
    return this.kind === 'socketio' ? `http://127.0.0.1:${this.port}` : `ws://127.0.0.1:${this.port}/v1/ws`;
  }

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const nodeArgs = [...(options.nodeFlags ?? []), ...(options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [])];
    const args = serverArgs(options);
    const child = spawn(process.execPath, [...nodeArgs, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...RELAY_BENCH_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    const remember = (line: string) => {
      logs.push(line);
      if (logs.length > 50) logs.shift();
    };
    createInterface({ input: child.stderr! }).on('line', remember);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', remember);
    const port = await new Promise<number>((resolvePort, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${options.kind} did not start within ${START_TIMEOUT_MS / 1000} s:\n${logs.join('\n')}`));
      }, START_TIMEOUT_MS);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${options.kind} exited with ${code} before listening:\n${logs.join('\n')}`));
      });
      lines.on('line', (line) => {
        if (!line.includes('listening')) return;
        try {
          const parsed = JSON.parse(line) as { port?: unknown };
          if (typeof parsed.port === 'number') {
            clearTimeout(timer);
            resolvePort(parsed.port);
          }
        } catch {}
      });
    });
    return new ServerProcess(options.kind, child, port, logs);
  }

  /** The server's recent log lines, for error messages. */
  recentLogs(): string {
    return this.logs.join('\n');
  }

  /** SIGTERM, then SIGKILL after a deadline; resolves with the exit code (null when killed). */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}
