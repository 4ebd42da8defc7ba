// What every scenario works with: the plan, the server's dialect, connected pairs, and the measured window
// (wall time, the server's CPU time from /proc summed over its processes, the generator's own CPU time).
import type { BenchSocket } from '../bench-socket.ts';
import type { Dialect } from '../dialects.ts';
import type { BenchPair, GeneratorPlan } from '../plan.ts';
import { cpuSeconds, machineBusySeconds } from '../proc-stats.ts';

export interface ConnectedPair {
  index: number;
  pair: BenchPair;
  agent: BenchSocket;
  supervisor: BenchSocket;
  conversationKey: string;
}

export interface ScenarioContext {
  plan: GeneratorPlan;
  dialect: Dialect;
  /** Pairs with both sockets open and authenticated. */
  pairs: ConnectedPair[];
}

export interface WindowFigures {
  seconds: number;
  /** All the server's processes together, redis-server included. */
  serverCpuSec: number;
  /** redis-server alone (Redis mode), else undefined. */
  storeCpuSec: number | undefined;
  generatorCpuSec: number;
  /** CPU used by every other process of the machine meanwhile, in percent of one core (shared machines). */
  otherCpuPercent: number;
}

/** Brackets the measured part of a scenario. */
export class MeasuredWindow {
  private startedAt = 0;
  private serverCpuAtStart = 0;
  private storeCpuAtStart = 0;
  private generatorCpuAtStart = 0;
  private machineCpuAtStart = 0;

  constructor(private readonly plan: Pick<GeneratorPlan, 'serverPids' | 'storePid'>) {}

  private serverCpu(): number {
    return this.plan.serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }

  start(): void {
    this.startedAt = performance.now();
    this.serverCpuAtStart = this.serverCpu();
    this.storeCpuAtStart = this.plan.storePid === undefined ? 0 : cpuSeconds(this.plan.storePid);
    this.generatorCpuAtStart = generatorCpu();
    this.machineCpuAtStart = machineBusySeconds();
  }

  stop(): WindowFigures {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const serverCpuSec = this.serverCpu() - this.serverCpuAtStart;
    const storeCpuSec = this.plan.storePid === undefined ? undefined : cpuSeconds(this.plan.storePid) - this.storeCpuAtStart;
    const generatorCpuSec = generatorCpu() - this.generatorCpuAtStart;
    const machineCpuSec = machineBusySeconds() - this.machineCpuAtStart;
    const otherCpuPercent = Math.max(0, Math.round((100 * (machineCpuSec - serverCpuSec - generatorCpuSec)) / seconds));
    return { seconds, serverCpuSec, storeCpuSec, generatorCpuSec, otherCpuPercent };
  }
}

/** CPU percentages of one core over the window: the whole server, and redis-server's part when there is one. */
export function serverCpuFigures(figures: WindowFigures): { serverCpuPercent: number; storeCpuPercent?: number } {
  const percent = (sec: number) => Math.round((100 * sec) / figures.seconds);
  return { serverCpuPercent: percent(figures.serverCpuSec), ...(figures.storeCpuSec === undefined ? {} : { storeCpuPercent: percent(figures.storeCpuSec) }) };
}

function generatorCpu(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `done` every 20 ms until it holds or `timeoutMs` passes; true when it held. */
export async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(20);
  }
  return true;
}

/** Rounds to a few significant decimals for the report. */
export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
