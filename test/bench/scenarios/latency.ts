// Latency at a fixed offered rate: transcript frames paced evenly over all pairs (open loop, not waiting for
// receipt); each frame's time from just before send to its arrival at the listening supervisor.
import type { LatencyResult } from '../plan.ts';
import { MeasuredWindow, round, serverCpuFigures, waitUntil, type ScenarioContext } from './context.ts';

/** At most this many frames are sent in one pacing tick, so a stalled timer cannot cause a huge burst. */
const MAX_FRAMES_PER_TICK = 50;

export async function runLatency({ plan, dialect, pairs }: ScenarioContext): Promise<LatencyResult> {
  const { rate, warmupSec, measureSec } = plan.sizes;
  const capacity = Math.ceil(rate * (warmupSec + measureSec + 1)) + MAX_FRAMES_PER_TICK;
  const sentAt = new Float64Array(capacity);
  const latencyMs = new Float64Array(capacity).fill(-1);
  let sent = 0;
  let received = 0;
  let errors = 0;
  let firstError: string | undefined;

  for (const p of pairs) {
    p.supervisor.onFrame((frame) => {
      const now = performance.now();
      const seq = dialect.transcriptSeq(frame);
      if (seq < 0 || seq >= sent) return;
      latencyMs[seq] = now - sentAt[seq]!;
      received++;
    });
    p.agent.onFrame((frame) => {
      const text = dialect.errorText(frame);
      if (text === undefined) return;
      errors++;
      firstError ??= text;
    });
  }

  const startedAt = performance.now();
  const stopAt = startedAt + (warmupSec + measureSec) * 1000;
  let firstMeasured = -1;
  let lastMeasured = -1;
  const measured = new MeasuredWindow(plan);
  let figures: ReturnType<MeasuredWindow['stop']> | undefined;

  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      if (firstMeasured < 0 && now - startedAt >= warmupSec * 1000) {
        firstMeasured = sent;
        measured.start();
      }
      if (now >= stopAt || sent >= capacity) {
        lastMeasured = sent;
        figures = measured.stop();
        clearInterval(timer);
        done();
        return;
      }
      const due = Math.min(MAX_FRAMES_PER_TICK, Math.floor(((now - startedAt) / 1000) * rate) - sent, capacity - sent);
      for (let i = 0; i < due; i++) {
        const seq = sent;
        const p = pairs[seq % pairs.length]!;
        const frame = dialect.transcriptFrame(p.pair, p.conversationKey, seq);
        sentAt[seq] = performance.now();
        sent++;
        p.agent.send(frame);
      }
    };
    const timer = setInterval(tick, 1);
  });

  await waitUntil(() => received >= sent, 3_000);
  const window = latencyMs.subarray(firstMeasured, lastMeasured);
  const samples = window.filter((v) => v >= 0).sort();
  const lost = window.length - samples.length;
  const pct = (q: number) => (samples.length === 0 ? NaN : samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!);
  return {
    scenario: 'latency',
    targetRate: rate,
    achievedRate: Math.round(window.length / figures!.seconds),
    samples: samples.length,
    lost,
    p50Ms: round(pct(0.5), 3),
    p99Ms: round(pct(0.99), 3),
    p999Ms: round(pct(0.999), 3),
    maxMs: round(samples.length ? samples[samples.length - 1]! : NaN, 3),
    ...serverCpuFigures(figures!),
    otherCpuPercent: figures!.otherCpuPercent,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
