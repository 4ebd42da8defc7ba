// Command-line options of `npm run bench` and the load sizes of the full and the quick run.
import { parseArgs } from 'node:util';
import type { ScenarioName, ScenarioSizes, ServerKind } from './plan.ts';

export interface BenchOptions {
  quick: boolean;
  jsonFile: string | undefined;
  scenarios: ScenarioName[];
  /** Servers to measure (each scenario runs against those of them it applies to). */
  servers: ServerKind[];
  /** Directory for `node --cpu-prof` profiles of the relay child, when profiling. */
  profileDir: string | undefined;
  /** Run the servers' and the generator's main threads at a raised scheduling priority (needs root). */
  priority: boolean;
}

export const ALL_SCENARIOS: readonly ScenarioName[] = ['throughput', 'latency', 'idle_memory', 'whispers'];
export const ALL_SERVERS: readonly ServerKind[] = ['relay', 'relay_redis', 'forwarder', 'socketio'];

/** The servers a scenario runs against: idle memory is a per-process figure, so Redis mode (two relays) skips it. */
export function serversFor(scenario: ScenarioName): ServerKind[] {
  return ALL_SERVERS.filter((server) => !(scenario === 'idle_memory' && server === 'relay_redis'));
}

export const USAGE = `usage: npm run bench -- [--quick] [--json FILE] [--only SCENARIO[,SCENARIO]] [--servers SERVER[,SERVER]]
                        [--profile DIR] [--priority]

  --quick     about two minutes instead of about six (shorter windows, fewer idle connections)
  --json      also write every figure, the machine and the targets to FILE
  --only      run some of: ${ALL_SCENARIOS.join(', ')}
  --servers   measure some of: ${ALL_SERVERS.join(', ')} (relay_redis: two relays on one redis-server)
  --profile   run the relay process(es) under node --cpu-prof, writing .cpuprofile files to DIR
  --priority  on a shared machine: give the servers and the generator nice -10 (needs root) so other
              processes disturb the figures less`;

export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        quick: { type: 'boolean', default: false },
        json: { type: 'string' },
        only: { type: 'string' },
        servers: { type: 'string' },
        profile: { type: 'string' },
        priority: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('');
  const scenarios = values.only === undefined ? [...ALL_SCENARIOS] : values.only.split(',').map((s) => s.trim());
  for (const s of scenarios) {
    if (!ALL_SCENARIOS.includes(s as ScenarioName)) throw new UsageError(`unknown scenario "${s}"`);
  }
  const servers = values.servers === undefined ? [...ALL_SERVERS] : values.servers.split(',').map((s) => s.trim());
  for (const s of servers) {
    if (!ALL_SERVERS.includes(s as ServerKind)) throw new UsageError(`unknown server "${s}"`);
  }
  return {
    quick: values.quick,
    jsonFile: values.json,
    scenarios: scenarios as ScenarioName[],
    servers: servers as ServerKind[],
    profileDir: values.profile,
    priority: values.priority,
  };
}

/** Load of each scenario; the quick run keeps the shape and shortens the windows. */
export function sizesFor(scenario: ScenarioName, quick: boolean): ScenarioSizes {
  const warmupSec = quick ? 1 : 2;
  const measureSec = quick ? 4 : 10;
  const none = { pairs: 0, window: 0, rate: 0, connections: 0, rounds: 1 };
  switch (scenario) {
    case 'throughput':
      return { ...none, warmupSec, measureSec, pairs: 50, window: 16 };
    case 'latency':
      // Tail latency is what other work on a shared machine disturbs most: three shorter rounds, servers in turn.
      return { ...none, warmupSec, measureSec: 4, rounds: quick ? 1 : 3, pairs: 20, rate: 2_000 };
    case 'idle_memory':
      return { ...none, warmupSec: 0, measureSec: 0, pairs: 10, connections: quick ? 1_000 : 2_000 };
    case 'whispers':
      return { ...none, warmupSec, measureSec, pairs: 20, window: 32 };
  }
}
