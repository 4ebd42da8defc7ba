// Merges the results of one scenario's rounds against one server into one result: for latency, the median of
// each percentile over the rounds (a burst of other work in one round does not decide the figure), the largest
// maximum, all samples and losses; other scenarios run one round and pass through.
import type { LatencyResult, ScenarioResult } from './plan.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const mean = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) / values.length);

function mergeLatency(rounds: LatencyResult[]): LatencyResult {
  const store = rounds.map((r) => r.storeCpuPercent).filter((v): v is number => v !== undefined);
  const firstError = rounds.find((r) => r.firstError !== undefined)?.firstError;
  return {
    scenario: 'latency',
    targetRate: rounds[0]!.targetRate,
    achievedRate: mean(rounds.map((r) => r.achievedRate)),
    samples: rounds.reduce((sum, r) => sum + r.samples, 0),
    lost: rounds.reduce((sum, r) => sum + r.lost, 0),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    p999Ms: median(rounds.map((r) => r.p999Ms)),
    maxMs: Math.max(...rounds.map((r) => r.maxMs)),
    roundP99Ms: rounds.map((r) => r.p99Ms),
    serverCpuPercent: mean(rounds.map((r) => r.serverCpuPercent)),
    ...(store.length ? { storeCpuPercent: mean(store) } : {}),
    otherCpuPercent: mean(rounds.map((r) => r.otherCpuPercent)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    ...(firstError === undefined ? {} : { firstError }),
  };
}

export function mergeRounds(rounds: ScenarioResult[]): ScenarioResult {
  if (rounds.length === 1) return rounds[0]!;
  if (rounds.every((r): r is LatencyResult => r.scenario === 'latency')) return mergeLatency(rounds);
  throw new Error(`no way to merge several rounds of ${rounds[0]?.scenario}`);
}
