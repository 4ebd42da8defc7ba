// What one measured server consists of, started fresh for one scenario and stopped after it: the relay on SQLite
// (one process on a provisioned data directory), the relay on Redis (a throwaway redis-server and two relay
// processes, agents on the first and supervisors on the second), the bare forwarder, or the Socket.IO forwarder.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { startRedisServer, type RedisServer } from '../integration/scale-out/support/redis-server.ts';
import type { ScenarioName, ServerKind } from './plan.ts';
import { forwarderIdentities, provisionRedisRelay, provisionRelay, type Provisioned } from './provision.ts';
import { ServerProcess } from './server-process.ts';

export interface DeploymentOptions {
  scenario: ScenarioName;
  pairs: number;
  idleConnections: number;
  workDir: string;
  /** `node --cpu-prof` output directory for the relay process(es). */
  cpuProfileDir: string | undefined;
  nodeFlags: string[];
  /** Scheduling priority (nice) for every process of the server, or undefined to leave it. */
  priority: number | undefined;
}

export interface Deployment {
  identities: Provisioned;
  url: string;
  supervisorUrl: string;
  serverPids: number[];
  storePid?: number;
  /** Recent log lines of the server processes, for error messages. */
  recentLogs(): string;
  /** Stops every process and removes the data; resolves with exit problems in words (empty when clean). */
  stop(): Promise<string[]>;
}

export async function startDeployment(kind: ServerKind, options: DeploymentOptions): Promise<Deployment> {
  switch (kind) {
    case 'relay':
      return startSqliteRelay(options);
    case 'relay_redis':
      return startRedisRelays(options);
    case 'forwarder':
    case 'socketio':
      return single(await ServerProcess.start({ kind, nodeFlags: options.nodeFlags }), forwarderIdentities(options.pairs, options.idleConnections), options, async () => {});
  }
}

async function startSqliteRelay(options: DeploymentOptions): Promise<Deployment> {
  const dataDir = join(options.workDir, `data-${options.scenario}-relay`);
  const identities = provisionRelay(dataDir, options.pairs, options.idleConnections);
  try {
    const server = await ServerProcess.start({ kind: 'relay', dataDir, cpuProfileDir: options.cpuProfileDir, nodeFlags: options.nodeFlags });
    return single(server, identities, options, async () => rmSync(dataDir, { recursive: true, force: true }));
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function single(server: ServerProcess, identities: Provisioned, options: DeploymentOptions, cleanup: () => Promise<void>): Deployment {
  if (options.priority !== undefined) setPriority(server.pid, options.priority);
  return {
    identities,
    url: server.url,
    supervisorUrl: server.url,
    serverPids: [server.pid],
    recentLogs: () => server.recentLogs(),
    async stop() {
      const code = await server.stop();
      await cleanup();
      return code === 0 ? [] : [`${server.kind} exited with ${code}`];
    },
  };
}

/** Two relay processes on one fresh redis-server (`--appendonly yes --appendfsync always`, its own temp dir). */
async function startRedisRelays(options: DeploymentOptions): Promise<Deployment> {
  const redis: RedisServer = await startRedisServer();
  const relays: ServerProcess[] = [];
  try {
    const prefix = `bench${randomBytes(4).toString('hex')}:`;
    const identities = await provisionRedisRelay(redis.url, prefix, options.pairs, options.idleConnections);
    for (let i = 0; i < 2; i++) {
      relays.push(await ServerProcess.start({ kind: 'relay_redis', redis: { url: redis.url, prefix }, cpuProfileDir: options.cpuProfileDir, nodeFlags: options.nodeFlags }));
    }
    const pids = [...relays.map((r) => r.pid), redis.pid];
    if (options.priority !== undefined) for (const pid of pids) setPriority(pid, options.priority);
    return {
      identities,
      url: relays[0]!.url,
      supervisorUrl: relays[1]!.url,
      serverPids: pids,
      storePid: redis.pid,
      recentLogs: () => relays.map((r, i) => `relay ${i + 1}:\n${r.recentLogs()}`).join('\n'),
      async stop() {
        const problems = await stopRelays(relays);
        await redis.stop();
        return problems;
      },
    };
  } catch (error) {
    await stopRelays(relays);
    await redis.stop();
    throw error;
  }
}

async function stopRelays(relays: ServerProcess[]): Promise<string[]> {
  const codes = await Promise.all(relays.map((r) => r.stop()));
  return codes.flatMap((code, i) => (code === 0 ? [] : [`relay ${i + 1} on Redis exited with ${code}`]));
}
