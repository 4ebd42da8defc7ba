// The bench scenarios, by name.
import type { ScenarioName, ScenarioResult } from '../plan.ts';
import type { ScenarioContext } from './context.ts';
import { runIdleMemory } from './idle-memory.ts';
import { runLatency } from './latency.ts';
import { runThroughput } from './throughput.ts';
import { runWhispers } from './whispers.ts';

export type { ConnectedPair, ScenarioContext } from './context.ts';

export const SCENARIOS: Record<ScenarioName, (ctx: ScenarioContext) => Promise<ScenarioResult>> = {
  throughput: runThroughput,
  latency: runLatency,
  idle_memory: runIdleMemory,
  whispers: runWhispers,
};
