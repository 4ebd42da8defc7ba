// Starts the real `undertone-relay serve` command as a child process for tests and benchmarks,
// waits for its "relay listening" log line, and stops or kills it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const RELAY_BIN = fileURLToPath(new URL('../../bin/undertone-relay.mjs', import.meta.url));

export interface RelayProcess {
  port: number;
  url: string;
  httpUrl: string;
  /** http://127.0.0.1:port of its metrics listener (started with --metrics-port 0). */
  metricsUrl: string;
  child: ChildProcess;
  /** Log lines the relay printed so far. */
  logs: string[];
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

export async function spawnRelay(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<RelayProcess> {
  const child = spawn(
    process.execPath,
    [RELAY_BIN, 'serve', '--port', String(options.port ?? 0), '--metrics-port', '0', '--data', options.dataDir, '--log-level', 'info'],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  createInterface({ input: child.stderr! }).on('line', (line) => logs.push(line));
  const { port, metricsUrl } = await new Promise<{ port: number; metricsUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start within 20 s:\n${logs.join('\n')}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      if (line.includes('"relay listening"')) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { port: number; metricsUrl: string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay exited with ${code} before listening:\n${logs.join('\n')}`));
    });
  });
  return {
    port,
    url: `ws://127.0.0.1:${port}/v1/ws`,
    httpUrl: `http://127.0.0.1:${port}`,
    metricsUrl,
    child,
    logs,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
