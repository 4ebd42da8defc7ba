// Memory per idle authenticated connection: the server's RSS before and after opening many connections that
// only authenticate (hello, welcome) and then stay silent.
import type { BenchSocket } from '../bench-socket.ts';
import type { BenchUser, IdleMemoryResult } from '../plan.ts';
import { rssKB } from '../proc-stats.ts';
import { round, sleep, type ScenarioContext } from './context.ts';

/** Connections opened at once. */
const CONCURRENCY = 50;
const SETTLE_MS = 1_500;

export async function runIdleMemory({ plan, dialect, pairs }: ScenarioContext): Promise<IdleMemoryResult> {
  // Warm-up: the pairs connected and disconnected once more, so code paths and caches are already paid for.
  const warm = await openAll(plan.url, pairs.flatMap((p) => [p.pair.agent, p.pair.supervisor]), dialect.connect);
  for (const socket of warm) socket.close();
  await sleep(SETTLE_MS);

  const before = await steadyRss(plan.serverPids[0]!);
  const startedAt = performance.now();
  const sockets = await openAll(plan.url, plan.idle, dialect.connect);
  const openSeconds = (performance.now() - startedAt) / 1000;
  await sleep(SETTLE_MS);
  const after = await steadyRss(plan.serverPids[0]!);
  for (const socket of sockets) socket.close();

  return {
    scenario: 'idle_memory',
    connections: sockets.length,
    rssBeforeKB: before,
    rssAfterKB: after,
    kbPerConnection: round((after - before) / Math.max(1, sockets.length), 2),
    openSeconds: round(openSeconds, 2),
  };
}

async function openAll(url: string, users: BenchUser[], connect: (url: string, user: BenchUser) => Promise<BenchSocket>): Promise<BenchSocket[]> {
  const sockets: BenchSocket[] = [];
  for (let i = 0; i < users.length; i += CONCURRENCY) {
    sockets.push(...(await Promise.all(users.slice(i, i + CONCURRENCY).map((u) => connect(url, u)))));
  }
  return sockets;
}

/** The median of three RSS readings 200 ms apart. */
async function steadyRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    if (i > 0) await sleep(200);
    readings.push(rssKB(pid));
  }
  return readings.sort((a, b) => a - b)[1]!;
}
