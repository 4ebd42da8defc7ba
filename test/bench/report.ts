// Turns scenario results into the printed table, the target verdicts and the JSON report.
import type { IdleMemoryResult, LatencyResult, ScenarioName, ScenarioResult, ServerKind, ThroughputResult, WhispersResult } from './plan.ts';

export type Results = Partial<Record<ScenarioName, Partial<Record<ServerKind, ScenarioResult>>>>;

export interface TargetVerdict {
  name: string;
  measured: number;
  unit: string;
  target: string;
  met: boolean;
  /** How far off a missed target is, in words. */
  note: string;
}

interface Row {
  figure: string;
  relay: string;
  forwarder: string;
  ratio: string;
}

function pick<T extends ScenarioResult>(results: Results, scenario: T['scenario'], server: ServerKind): T | undefined {
  return results[scenario]?.[server] as T | undefined;
}

const num = (v: number | undefined, digits = 0) => (v === undefined || Number.isNaN(v) ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

export function tableRows(results: Results): Row[] {
  const rows: Row[] = [];
  const add = (figure: string, relay: number | undefined, forwarder: number | undefined, digits = 0, showRatio = true) =>
    rows.push({ figure, relay: num(relay, digits), forwarder: num(forwarder, digits), ratio: showRatio ? num(ratio(relay, forwarder), 2) + 'x' : '' });

  const tr = pick<ThroughputResult>(results, 'throughput', 'relay');
  const tf = pick<ThroughputResult>(results, 'throughput', 'forwarder');
  if (tr || tf) {
    add('routed frames/s (saturating)', tr?.framesPerSec, tf?.framesPerSec);
    add('server CPU µs per routed frame', tr?.cpuUsPerFrame, tf?.cpuUsPerFrame, 2);
    add('server CPU % of one core', tr?.serverCpuPercent, tf?.serverCpuPercent, 0, false);
    add('generator CPU % of one core', tr?.generatorCpuPercent, tf?.generatorCpuPercent, 0, false);
    add('other processes CPU % (shared machine)', tr?.otherCpuPercent, tf?.otherCpuPercent, 0, false);
  }
  const lr = pick<LatencyResult>(results, 'latency', 'relay');
  const lf = pick<LatencyResult>(results, 'latency', 'forwarder');
  if (lr || lf) {
    add(`latency p50 ms @ ${num(lr?.targetRate ?? lf?.targetRate)} frames/s`, lr?.p50Ms, lf?.p50Ms, 3);
    add('latency p99 ms', lr?.p99Ms, lf?.p99Ms, 3);
    add('latency p99.9 ms', lr?.p999Ms, lf?.p999Ms, 3);
    add('latency max ms', lr?.maxMs, lf?.maxMs, 3);
    add('server CPU % of one core', lr?.serverCpuPercent, lf?.serverCpuPercent, 0, false);
    add('other processes CPU % (shared machine)', lr?.otherCpuPercent, lf?.otherCpuPercent, 0, false);
    add('achieved frames/s (lost frames)', lr?.achievedRate, lf?.achievedRate, 0, false);
    const last = rows[rows.length - 1]!;
    last.relay += lr ? ` (${lr.lost})` : '';
    last.forwarder += lf ? ` (${lf.lost})` : '';
  }
  const mr = pick<IdleMemoryResult>(results, 'idle_memory', 'relay');
  const mf = pick<IdleMemoryResult>(results, 'idle_memory', 'forwarder');
  if (mr || mf) {
    add(`KB RSS per idle connection (${num(mr?.connections ?? mf?.connections)})`, mr?.kbPerConnection, mf?.kbPerConnection, 2);
    add('RSS before -> after, MB', mr && mr.rssBeforeKB / 1024, mf && mf.rssBeforeKB / 1024, 1, false);
    const last = rows[rows.length - 1]!;
    last.relay += mr ? ` -> ${num(mr.rssAfterKB / 1024, 1)}` : '';
    last.forwarder += mf ? ` -> ${num(mf.rssAfterKB / 1024, 1)}` : '';
    add('seconds to open them', mr?.openSeconds, mf?.openSeconds, 2, false);
  }
  const wr = pick<WhispersResult>(results, 'whispers', 'relay');
  const wf = pick<WhispersResult>(results, 'whispers', 'forwarder');
  if (wr || wf) {
    add('whisper acks/s (forwarder: echo, not stored)', wr?.acksPerSec, wf?.acksPerSec);
    add('server CPU µs per whisper', wr?.cpuUsPerAck, wf?.cpuUsPerAck, 2);
    add('server CPU % of one core', wr?.serverCpuPercent, wf?.serverCpuPercent, 0, false);
    add('other processes CPU % (shared machine)', wr?.otherCpuPercent, wf?.otherCpuPercent, 0, false);
    add('relay group commits/s (whispers per commit)', wr?.commitsPerSec, undefined, 0, false);
    const last = rows[rows.length - 1]!;
    last.relay += wr?.appendsPerCommit !== undefined ? ` (${num(wr.appendsPerCommit, 1)})` : '';
  }
  return rows;
}

/** Other processes' CPU (percent of one core) above which a timed figure is flagged as disturbed. */
const DISTURBED_PERCENT = 50;

function disturbance(...results: ({ otherCpuPercent: number } | undefined)[]): string {
  const worst = Math.max(...results.map((r) => r?.otherCpuPercent ?? 0));
  return worst > DISTURBED_PERCENT ? ` [disturbed: other processes used ${worst}% CPU meanwhile]` : '';
}

export function verdicts(results: Results): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  for (const [scenario, byServer] of Object.entries(results)) {
    for (const [server, result] of Object.entries(byServer ?? {})) {
      if ('errors' in result && result.errors > 0) {
        out.push({ name: `${scenario} against the ${server}: server answered with errors`, measured: result.errors, unit: 'errors', target: '0', met: false, note: `first: ${result.firstError ?? '?'}` });
      }
    }
  }
  const tr = pick<ThroughputResult>(results, 'throughput', 'relay');
  const tf = pick<ThroughputResult>(results, 'throughput', 'forwarder');
  if (tr && tf) {
    const r = tr.cpuUsPerFrame / tf.cpuUsPerFrame;
    out.push({
      name: 'relay/forwarder server CPU per routed frame',
      measured: round2(r),
      unit: 'x',
      target: '<= 1.3x',
      met: r <= 1.3,
      note: (r <= 1.3 ? '' : `${round2(r / 1.3)}x over the target (${tr.cpuUsPerFrame} vs ${tf.cpuUsPerFrame} µs; the relay would need ${round2(tf.cpuUsPerFrame * 1.3)} µs)`) + disturbance(tr, tf),
    });
  }
  const lr = pick<LatencyResult>(results, 'latency', 'relay');
  if (lr) {
    out.push({
      name: `relay p99 latency at ${lr.targetRate} frames/s`,
      measured: lr.p99Ms,
      unit: 'ms',
      target: '< 2 ms',
      met: lr.p99Ms < 2 && lr.lost === 0,
      note: (lr.p99Ms < 2 ? (lr.lost === 0 ? '' : `${lr.lost} frames lost`) : `${round2(lr.p99Ms - 2)} ms over the target`) + disturbance(lr),
    });
  }
  const mr = pick<IdleMemoryResult>(results, 'idle_memory', 'relay');
  if (mr) {
    out.push({
      name: 'relay memory per idle authenticated connection',
      measured: mr.kbPerConnection,
      unit: 'KB',
      target: '< 15 KB',
      met: mr.kbPerConnection < 15,
      note: mr.kbPerConnection < 15 ? '' : `${round2(mr.kbPerConnection - 15)} KB over the target`,
    });
  }
  const wr = pick<WhispersResult>(results, 'whispers', 'relay');
  if (wr) {
    out.push({
      name: 'relay durable whispers per second',
      measured: wr.acksPerSec,
      unit: '/s',
      target: '>= 20,000/s',
      met: wr.acksPerSec >= 20_000,
      note:
        (wr.acksPerSec >= 20_000 ? '' : `${Math.round(100 - (100 * wr.acksPerSec) / 20_000)}% short of the target; ${wr.cpuUsPerAck} µs CPU each caps one core at ${num(1e6 / wr.cpuUsPerAck)}/s`) +
        disturbance(wr),
    });
  }
  return out;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function formatTable(rows: Row[]): string {
  const header: Row = { figure: 'figure', relay: 'relay', forwarder: 'bare forwarder', ratio: 'relay/fwd' };
  const all = [header, ...rows];
  const w = {
    figure: Math.max(...all.map((r) => r.figure.length)),
    relay: Math.max(...all.map((r) => r.relay.length)),
    forwarder: Math.max(...all.map((r) => r.forwarder.length)),
    ratio: Math.max(...all.map((r) => r.ratio.length)),
  };
  const line = (r: Row) => `${r.figure.padEnd(w.figure)}  ${r.relay.padStart(w.relay)}  ${r.forwarder.padStart(w.forwarder)}  ${r.ratio.padStart(w.ratio)}`;
  const rule = '-'.repeat(w.figure + w.relay + w.forwarder + w.ratio + 6);
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatVerdicts(list: TargetVerdict[]): string {
  return list
    .map((v) => `${v.met ? 'MET    ' : 'NOT MET'}  ${v.name}: ${num(v.measured, v.unit === '/s' ? 0 : 2)}${v.unit === 'x' || v.unit === '/s' ? v.unit : ` ${v.unit}`} (target ${v.target})${v.note ? `; ${v.note}` : ''}`)
    .join('\n');
}
