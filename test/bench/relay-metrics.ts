// Reads the relay's group-commit counters from its Prometheus endpoint(s), to explain the whisper figures.
import { BENCH_METRICS_TOKEN } from './server-process.ts';

export interface CommitCounters {
  commits: number;
  appends: number;
}

/** `ws://host:port/v1/ws` -> the relay's `http://host:port/metrics`. */
function metricsUrl(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `http://${url.host}/metrics`;
}

function counter(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

/** The group-commit counters summed over the relay processes serving these WebSocket URLs. */
export async function readCommitCounters(wsUrls: string[]): Promise<CommitCounters> {
  const each = await Promise.all(wsUrls.map(readOne));
  return { commits: each.reduce((sum, c) => sum + c.commits, 0), appends: each.reduce((sum, c) => sum + c.appends, 0) };
}

async function readOne(wsUrl: string): Promise<CommitCounters> {
  const response = await fetch(metricsUrl(wsUrl), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` }, signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`relay /metrics answered ${response.status}`);
  const text = await response.text();
  return { commits: counter(text, 'undertone_store_commits_total'), appends: counter(text, 'undertone_store_commit_appends_sum') };
}
