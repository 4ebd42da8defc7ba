// Durable whispers per second: each supervisor keeps a window of whispers (unique msgId each) outstanding and
// sends the next as each ack arrives; the relay acknowledges only after its group commit is on disk.
import { randomBytes } from 'node:crypto';
import type { WhispersResult } from '../plan.ts';
import { readCommitCounters, type CommitCounters } from '../relay-metrics.ts';
import { MeasuredWindow, round, serverCpuFigures, sleep, waitUntil, type ScenarioContext } from './context.ts';

/** Conversations each supervisor rotates through, so threads stay a realistic length (tens of messages). */
const CONVERSATIONS_PER_PAIR = 200;

export async function runWhispers({ plan, dialect, pairs }: ScenarioContext): Promise<WhispersResult> {
  const { window, warmupSec, measureSec } = plan.sizes;
  const runId = randomBytes(6).toString('base64url');
  let running = true;
  let measuring = false;
  let acks = 0;
  let errors = 0;
  let firstError: string | undefined;
  const outstanding = new Array<number>(pairs.length).fill(0);

  for (const p of pairs) {
    let next = 0;
    const pump = () => {
      while (running && outstanding[p.index]! < window) {
        const n = next++;
        outstanding[p.index]!++;
        p.supervisor.send(dialect.whisperFrame(p.pair, `w-${p.index}-${n % CONVERSATIONS_PER_PAIR}`, `${runId}-${p.index}-${n}`));
      }
    };
    p.supervisor.onFrame((frame) => {
      if (dialect.isWhisperAck(frame)) {
        if (measuring) acks++;
      } else {
        const text = dialect.errorText(frame);
        if (text === undefined) return;
        errors++;
        firstError ??= text;
      }
      outstanding[p.index]!--;
      pump();
    });
    pump();
  }

  await sleep(warmupSec * 1000);
  // The relay's processes (one on SQLite, two on Redis) count their group commits on /metrics.
  const relayUrls = plan.server === 'relay' || plan.server === 'relay_redis' ? [...new Set([plan.url, plan.supervisorUrl])] : [];
  const commitsBefore: CommitCounters | undefined = relayUrls.length ? await readCommitCounters(relayUrls) : undefined;
  const measured = new MeasuredWindow(plan);
  measured.start();
  measuring = true;
  await sleep(measureSec * 1000);
  measuring = false;
  const figures = measured.stop();
  const commitsAfter: CommitCounters | undefined = relayUrls.length ? await readCommitCounters(relayUrls) : undefined;
  running = false;
  await waitUntil(() => outstanding.every((n) => n <= 0), 5_000);

  return {
    scenario: 'whispers',
    acks,
    seconds: round(figures.seconds, 3),
    acksPerSec: Math.round(acks / figures.seconds),
    ...serverCpuFigures(figures),
    cpuUsPerAck: round((figures.serverCpuSec * 1e6) / Math.max(1, acks), 2),
    generatorCpuPercent: Math.round((100 * figures.generatorCpuSec) / figures.seconds),
    otherCpuPercent: figures.otherCpuPercent,
    ...(commitsBefore && commitsAfter ? commitFigures(commitsBefore, commitsAfter, figures.seconds) : {}),
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}

function commitFigures(before: CommitCounters, after: CommitCounters, seconds: number): Pick<WhispersResult, 'commitsPerSec' | 'appendsPerCommit'> {
  const commits = after.commits - before.commits;
  return { commitsPerSec: Math.round(commits / seconds), appendsPerCommit: round((after.appends - before.appends) / Math.max(1, commits), 1) };
}
