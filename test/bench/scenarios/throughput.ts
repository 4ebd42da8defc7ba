// Saturating throughput: every pair keeps a fixed window of transcript frames in flight from agent to
// listening supervisor; counts routed frames and the server's CPU time per frame over the window.
import type { ThroughputResult } from '../plan.ts';
import { MeasuredWindow, round, serverCpuFigures, sleep, waitUntil, type ScenarioContext } from './context.ts';

export async function runThroughput({ plan, dialect, pairs }: ScenarioContext): Promise<ThroughputResult> {
  const { window, warmupSec, measureSec } = plan.sizes;
  let running = true;
  let measuring = false;
  let frames = 0;
  let errors = 0;
  let firstError: string | undefined;
  const inFlight = new Array<number>(pairs.length).fill(0);

  for (const p of pairs) {
    // Built once per pair: the generator spends its CPU on sockets, not on JSON.
    const frame = dialect.transcriptFrame(p.pair, p.conversationKey, 0);
    const pump = () => {
      while (running && inFlight[p.index]! < window) {
        inFlight[p.index]!++;
        p.agent.send(frame);
      }
    };
    p.supervisor.onFrame(() => {
      inFlight[p.index]!--;
      if (measuring) frames++;
      pump();
    });
    p.agent.onFrame((received) => {
      const text = dialect.errorText(received);
      if (text === undefined) return;
      errors++;
      firstError ??= text;
      inFlight[p.index]!--;
      pump();
    });
    pump();
  }

  await sleep(warmupSec * 1000);
  const measured = new MeasuredWindow(plan);
  measured.start();
  measuring = true;
  await sleep(measureSec * 1000);
  measuring = false;
  const figures = measured.stop();
  running = false;
  await waitUntil(() => inFlight.every((n) => n <= 0), 5_000);

  return {
    scenario: 'throughput',
    frames,
    seconds: round(figures.seconds, 3),
    framesPerSec: Math.round(frames / figures.seconds),
    serverCpuSec: round(figures.serverCpuSec, 2),
    ...serverCpuFigures(figures),
    cpuUsPerFrame: round((figures.serverCpuSec * 1e6) / Math.max(1, frames), 2),
    generatorCpuPercent: Math.round((100 * figures.generatorCpuSec) / figures.seconds),
    otherCpuPercent: figures.otherCpuPercent,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
