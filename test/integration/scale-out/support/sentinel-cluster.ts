// A real Redis Sentinel setup for tests: a primary and two replicas (redis-server, AOF fsynced on every write) and
// three redis-sentinel processes (quorum 2) with short timeouts, on free loopback ports in one temp directory.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, spawnUntilReady } from './redis-server.ts';

const REDIS_SERVER = '/usr/bin/redis-server';
const REDIS_SENTINEL = '/usr/bin/redis-sentinel';
export const SENTINEL_NAME = 'undertone-test';

export interface SentinelCluster {
  /** `host:port,...` of the sentinels, as `--redis-sentinel` takes it. */
  readonly sentinelList: string;
  readonly sentinels: { host: string; port: number }[];
  /** The port of the primary as the sentinels name it now. */
  primaryPort(): Promise<number>;
  /** SIGKILLs the redis-server on `port` (nothing flushed on the way down). */
  killServer(port: number): Promise<void>;
  /** Waits until the sentinels name a primary other than `oldPort`, and that primary has a replica online. */
  awaitFailover(oldPort: number, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startSentinelCluster(): Promise<SentinelCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'undertone-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const server = async (port: number, replicaOf?: number) => {
    const data = join(dir, `redis-${port}`);
    mkdirSync(data);
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', data, '--logfile', ''];
    if (replicaOf !== undefined) args.push('--replicaof', '127.0.0.1', String(replicaOf));
    children.set(port, await spawnUntilReady(REDIS_SERVER, args));
  };
  try {
    const primary = await freePort();
    await server(primary);
    for (let i = 0; i < 2; i++) await server(await freePort(), primary);
    const sentinels: { host: string; port: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const file = join(dir, `sentinel-${port}.conf`);
      // Short timeouts keep a failover within a few seconds (production keeps the defaults or so: docs/scaling.md).
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          'logfile ""',
          `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primary} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_NAME} 4000`,
          `sentinel parallel-syncs ${SENTINEL_NAME} 2`,
          '',
        ].join('\n'),
      );
      children.set(port, await spawnUntilReady(REDIS_SENTINEL, [file]));
      sentinels.push({ host: '127.0.0.1', port });
    }
    const ask = async <T,>(question: (client: Redis) => Promise<T>): Promise<T> => {
      const client = new Redis({ host: '127.0.0.1', port: sentinels[0]!.port, lazyConnect: true, maxRetriesPerRequest: 1 });
      client.on('error', () => {});
      try {
        await client.connect();
        return await question(client);
      } finally {
        client.disconnect();
      }
    };
    const primaryPort = async () => Number(((await ask((c) => c.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME))) as string[])[1]);
    // Wait until every sentinel knows both replicas and the other sentinels, so that a failover can happen.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const info = (await ask((c) => c.call('SENTINEL', 'master', SENTINEL_NAME))) as string[];
      const field = (name: string) => Number(info[info.indexOf(name) + 1]);
      if (field('num-slaves') === 2 && field('num-other-sentinels') === 2) break;
      if (Date.now() > deadline) throw new Error(`sentinels did not discover the replicas and each other: ${info.join(' ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      sentinelList: sentinels.map((s) => `${s.host}:${s.port}`).join(','),
      sentinels,
      primaryPort,
      async killServer(port) {
        const child = children.get(port);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      },
      async awaitFailover(oldPort, timeoutMs) {
        const until = Date.now() + timeoutMs;
        for (;;) {
          const port = await primaryPort().catch(() => oldPort);
          if (port !== oldPort) {
            const replicas = await replicasOnline(port).catch(() => 0);
            if (replicas > 0) return port;
          }
          if (Date.now() > until) throw new Error(`no failover within ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
      async stop() {
        await stopAll(children);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopAll(children);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Replicas connected to the server on `port`, from its INFO replication. */
async function replicasOnline(port: number): Promise<number> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    await client.connect();
    const info = await client.info('replication');
    return (info.match(/^slave\d+:.*state=online/gm) ?? []).length;
  } finally {
    client.disconnect();
  }
}

async function stopAll(children: Map<number, ChildProcess>): Promise<void> {
  await Promise.all(
    [...children.values()].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }),
  );
}
