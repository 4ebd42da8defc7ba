// Turns scenario results into the printed table (one column per server), the target verdicts and the JSON report.
import type { IdleMemoryResult, LatencyResult, ScenarioName, ScenarioResult, ServerKind, ThroughputResult, WhispersResult } from './plan.ts';

export type Results = Partial<Record<ScenarioName, Partial<Record<ServerKind, ScenarioResult>>>>;

export interface TargetVerdict {
  name: string;
  measured: number;
  unit: string;
  target: string;
  met: boolean;
  /** How far off a missed target is, in words, and whether the figures were disturbed. */
  note: string;
}

/** The table's server columns, in order, with their headings. */
const COLUMNS: readonly { server: ServerKind; heading: string }[] = [
  { server: 'relay', heading: 'relay SQLite' },
  { server: 'relay_redis', heading: 'relay Redis x2' },
  { server: 'forwarder', heading: 'bare forwarder' },
  { server: 'socketio', heading: 'Socket.IO' },
];
const RATIO_HEADINGS = ['relay/fwd', 'relay/Socket.IO'] as const;

interface Row {
  figure: string;
  cells: string[];
  /** The SQLite relay's figure over the forwarder's and over Socket.IO's, where a ratio means something. */
  ratios: string[];
}

function pick<T extends ScenarioResult>(results: Results, scenario: T['scenario'], server: ServerKind): T | undefined {
  return results[scenario]?.[server] as T | undefined;
}

const num = (v: number | undefined, digits = 0) => (v === undefined || Number.isNaN(v) ? '-' : v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

export function tableRows(results: Results): Row[] {
  const rows: Row[] = [];
  /** One row of a scenario: `figure` of each server's result (undefined where it has none). */
  function add<T extends ScenarioResult>(scenario: T['scenario'], figure: string, value: (r: T) => number | undefined, digits = 0, showRatio = true, suffix?: (r: T) => string): void {
    const values = COLUMNS.map((c) => {
      const r = pick<T>(results, scenario, c.server);
      return r === undefined ? undefined : value(r);
    });
    const cells = COLUMNS.map((c, i) => {
      const r = pick<T>(results, scenario, c.server);
      return num(values[i], digits) + (r && suffix ? suffix(r) : '');
    });
    if (values.every((v) => v === undefined)) return;
    const [relay, , forwarder, socketio] = values;
    const ratios = showRatio ? [ratio(relay, forwarder), ratio(relay, socketio)].map((x) => (x === undefined ? '' : `${num(x, 2)}x`)) : ['', ''];
    rows.push({ figure, cells, ratios });
  }
  const has = (scenario: ScenarioName) => Object.keys(results[scenario] ?? {}).length > 0;

  if (has('throughput')) {
    add<ThroughputResult>('throughput', 'routed frames/s (saturating)', (r) => r.framesPerSec);
    add<ThroughputResult>('throughput', 'server CPU µs per routed frame', (r) => r.cpuUsPerFrame, 2);
    add<ThroughputResult>('throughput', 'server CPU % of one core', (r) => r.serverCpuPercent, 0, false);
    add<ThroughputResult>('throughput', '  of which redis-server', (r) => r.storeCpuPercent, 0, false);
    add<ThroughputResult>('throughput', 'generator CPU % of one core', (r) => r.generatorCpuPercent, 0, false);
    add<ThroughputResult>('throughput', 'other processes CPU % (shared machine)', (r) => r.otherCpuPercent, 0, false);
  }
  if (has('latency')) {
    const rate = Object.values(results.latency ?? {})[0] as LatencyResult | undefined;
    add<LatencyResult>('latency', `latency p50 ms @ ${num(rate?.targetRate)} frames/s`, (r) => r.p50Ms, 3);
    add<LatencyResult>('latency', 'latency p99 ms', (r) => r.p99Ms, 3);
    const rounds = COLUMNS.map((c) => pick<LatencyResult>(results, 'latency', c.server)?.roundP99Ms);
    if (rounds.some((r) => r !== undefined)) {
      rows.push({ figure: '  p99 of each round (median above)', cells: rounds.map((r) => (r ? r.map((v) => num(v, 1)).join(' / ') : '-')), ratios: ['', ''] });
    }
    add<LatencyResult>('latency', 'latency p99.9 ms', (r) => r.p999Ms, 3);
    add<LatencyResult>('latency', 'latency max ms', (r) => r.maxMs, 3);
    add<LatencyResult>('latency', 'server CPU % of one core', (r) => r.serverCpuPercent, 0, false);
    add<LatencyResult>('latency', '  of which redis-server', (r) => r.storeCpuPercent, 0, false);
    add<LatencyResult>('latency', 'other processes CPU % (shared machine)', (r) => r.otherCpuPercent, 0, false);
    add<LatencyResult>('latency', 'achieved frames/s (lost frames)', (r) => r.achievedRate, 0, false, (r) => ` (${r.lost})`);
  }
  if (has('idle_memory')) {
    const any = Object.values(results.idle_memory ?? {})[0] as IdleMemoryResult | undefined;
    add<IdleMemoryResult>('idle_memory', `KB RSS per idle connection (${num(any?.connections)})`, (r) => r.kbPerConnection, 2);
    add<IdleMemoryResult>('idle_memory', 'RSS before -> after, MB', (r) => r.rssBeforeKB / 1024, 1, false, (r) => ` -> ${num(r.rssAfterKB / 1024, 1)}`);
    add<IdleMemoryResult>('idle_memory', 'seconds to open them', (r) => r.openSeconds, 2, false);
  }
  if (has('whispers')) {
    add<WhispersResult>('whispers', 'whisper acks/s (forwarders: echo, not stored)', (r) => r.acksPerSec);
    add<WhispersResult>('whispers', 'server CPU µs per whisper', (r) => r.cpuUsPerAck, 2);
    add<WhispersResult>('whispers', 'server CPU % of one core', (r) => r.serverCpuPercent, 0, false);
    add<WhispersResult>('whispers', '  of which redis-server', (r) => r.storeCpuPercent, 0, false);
    add<WhispersResult>('whispers', 'other processes CPU % (shared machine)', (r) => r.otherCpuPercent, 0, false);
    add<WhispersResult>('whispers', 'relay group commits/s (whispers per commit)', (r) => r.commitsPerSec, 0, false, (r) =>
      r.appendsPerCommit === undefined ? '' : ` (${num(r.appendsPerCommit, 1)})`,
    );
  }
  return rows;
}

/** Other processes' CPU (percent of one core) above which a timed figure is flagged as disturbed. */
const DISTURBED_PERCENT = 50;

function disturbance(...results: ({ otherCpuPercent: number } | undefined)[]): string {
  const worst = Math.max(...results.map((r) => r?.otherCpuPercent ?? 0));
  return worst > DISTURBED_PERCENT ? ` [disturbed: other processes used ${worst}% CPU meanwhile]` : '';
}

const RELAYS: readonly { server: ServerKind; label: string }[] = [
  { server: 'relay', label: 'relay' },
  { server: 'relay_redis', label: 'relay on Redis x2 (both relays and redis-server)' },
];

const CPU_RATIO_TARGET = 1.3;
const P99_FRACTION_OF_SOCKETIO = 1 / 3;
const MEMORY_TARGET_KB = 15;
const WHISPERS_TARGET = 20_000;

export function verdicts(results: Results): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  for (const [scenario, byServer] of Object.entries(results)) {
    for (const [server, result] of Object.entries(byServer ?? {})) {
      if ('errors' in result && result.errors > 0) {
        out.push({ name: `${scenario} against the ${server}: server answered with errors`, measured: result.errors, unit: 'errors', target: '0', met: false, note: `first: ${result.firstError ?? '?'}` });
      }
    }
  }
  const tf = pick<ThroughputResult>(results, 'throughput', 'forwarder');
  const ls = pick<LatencyResult>(results, 'latency', 'socketio');
  for (const { server, label } of RELAYS) {
    const tr = pick<ThroughputResult>(results, 'throughput', server);
    if (tr && tf) {
      const r = tr.cpuUsPerFrame / tf.cpuUsPerFrame;
      const met = r <= CPU_RATIO_TARGET;
      out.push({
        name: `${label}/forwarder server CPU per routed frame`,
        measured: round2(r),
        unit: 'x',
        target: `<= ${CPU_RATIO_TARGET}x`,
        met,
        note:
          (met ? `${tr.cpuUsPerFrame} vs ${tf.cpuUsPerFrame} µs` : `${round2(r / CPU_RATIO_TARGET)}x over the target (${tr.cpuUsPerFrame} vs ${tf.cpuUsPerFrame} µs; it would need ${round2(tf.cpuUsPerFrame * CPU_RATIO_TARGET)} µs)`) +
          disturbance(tr, tf),
      });
    }
    const lr = pick<LatencyResult>(results, 'latency', server);
    if (lr && ls) {
      const limit = ls.p99Ms * P99_FRACTION_OF_SOCKETIO;
      const met = lr.p99Ms <= limit && lr.lost === 0;
      const words = lr.p99Ms <= limit ? `${lr.p99Ms} ms vs Socket.IO's ${ls.p99Ms} ms (${round2(lr.p99Ms / ls.p99Ms)}x)` : `${lr.p99Ms} ms vs Socket.IO's ${ls.p99Ms} ms: ${round2(lr.p99Ms / ls.p99Ms)}x of it, the target needs <= ${round2(limit)} ms`;
      out.push({
        name: `${label} p99 latency at ${lr.targetRate} frames/s`,
        measured: lr.p99Ms,
        unit: 'ms',
        target: "<= 1/3 of Socket.IO's p99",
        met,
        note: words + (lr.lost === 0 ? '' : `; ${lr.lost} frames lost`) + disturbance(lr, ls),
      });
    }
  }
  const mr = pick<IdleMemoryResult>(results, 'idle_memory', 'relay');
  if (mr) {
    const met = mr.kbPerConnection < MEMORY_TARGET_KB;
    out.push({
      name: 'relay memory per idle authenticated connection',
      measured: mr.kbPerConnection,
      unit: 'KB',
      target: `< ${MEMORY_TARGET_KB} KB`,
      met,
      note: met ? '' : `${round2(mr.kbPerConnection - MEMORY_TARGET_KB)} KB over the target`,
    });
  }
  for (const { server, label } of RELAYS) {
    const wr = pick<WhispersResult>(results, 'whispers', server);
    if (!wr) continue;
    const met = wr.acksPerSec >= WHISPERS_TARGET;
    out.push({
      name: `${label} durable whispers per second`,
      measured: wr.acksPerSec,
      unit: '/s',
      target: `>= ${num(WHISPERS_TARGET)}/s`,
      met,
      note:
        (met ? '' : `${Math.round(100 - (100 * wr.acksPerSec) / WHISPERS_TARGET)}% short of the target; ${wr.cpuUsPerAck} µs server CPU each, about ${num(1e6 / wr.cpuUsPerAck)}/s per core of the server's processes`) +
        disturbance(wr),
    });
  }
  return out;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

export function formatTable(rows: Row[]): string {
  const header: Row = { figure: 'figure', cells: COLUMNS.map((c) => c.heading), ratios: [...RATIO_HEADINGS] };
  const all = [header, ...rows];
  const figureWidth = Math.max(...all.map((r) => r.figure.length));
  const cellWidths = COLUMNS.map((_, i) => Math.max(...all.map((r) => r.cells[i]!.length)));
  const ratioWidths = RATIO_HEADINGS.map((_, i) => Math.max(...all.map((r) => r.ratios[i]!.length)));
  const line = (r: Row) =>
    [r.figure.padEnd(figureWidth), ...r.cells.map((c, i) => c.padStart(cellWidths[i]!)), ...r.ratios.map((c, i) => c.padStart(ratioWidths[i]!))].join('  ').trimEnd();
  const rule = '-'.repeat(figureWidth + [...cellWidths, ...ratioWidths].reduce((a, b) => a + b + 2, 0));
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function formatVerdicts(list: TargetVerdict[]): string {
  return list
    .map((v) => `${v.met ? 'MET    ' : 'NOT MET'}  ${v.name}: ${num(v.measured, v.unit === '/s' ? 0 : 2)}${v.unit === 'x' || v.unit === '/s' ? v.unit : ` ${v.unit}`} (target ${v.target})${v.note ? `; ${v.note}` : ''}`)
    .join('\n');
}
