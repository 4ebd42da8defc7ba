// What the bench runner hands to the load generator (one scenario against one server) and what it gets back.

/** The two servers measured under the same load. */
export type ServerKind = 'relay' | 'forwarder';
export type ScenarioName = 'throughput' | 'latency' | 'idle_memory' | 'whispers';

/** One user the load generator connects as: its id and, for the relay, its device token. */
export interface BenchUser {
  id: string;
  token: string;
}

/** An agent and the supervisor who listens to (or whispers into) its conversations. */
export interface BenchPair {
  agent: BenchUser;
  supervisor: BenchUser;
}

export interface ScenarioSizes {
  /** Seconds of load before the measured window (JIT, caches, socket buffers settle). */
  warmupSec: number;
  /** Seconds of the measured window. */
  measureSec: number;
  /** Agent/supervisor pairs driving the load. */
  pairs: number;
  /** Frames each pair may have in flight (sent, not yet received or acknowledged). */
  window: number;
  /** Frames per second for the fixed-rate scenario (all pairs together). */
  rate: number;
  /** Idle authenticated connections for the memory scenario. */
  connections: number;
}

export interface GeneratorPlan {
  scenario: ScenarioName;
  server: ServerKind;
  url: string;
  /** The server process, whose CPU time and RSS the generator samples from /proc. */
  serverPid: number;
  sizes: ScenarioSizes;
  pairs: BenchPair[];
  /** Users for the idle connections of the memory scenario. */
  idle: BenchUser[];
}

export interface ThroughputResult {
  scenario: 'throughput';
  frames: number;
  seconds: number;
  framesPerSec: number;
  serverCpuSec: number;
  /** Server CPU time over wall time, in percent of one core. */
  serverCpuPercent: number;
  cpuUsPerFrame: number;
  generatorCpuPercent: number;
  /** CPU of processes outside the bench meanwhile (the machine may be shared), percent of one core. */
  otherCpuPercent: number;
  errors: number;
  /** The first error frame the server sent, when there were errors. */
  firstError?: string;
}

export interface LatencyResult {
  scenario: 'latency';
  targetRate: number;
  achievedRate: number;
  samples: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  serverCpuPercent: number;
  otherCpuPercent: number;
  errors: number;
  /** The first error frame the server sent, when there were errors. */
  firstError?: string;
}

export interface IdleMemoryResult {
  scenario: 'idle_memory';
  connections: number;
  rssBeforeKB: number;
  rssAfterKB: number;
  kbPerConnection: number;
  openSeconds: number;
}

export interface WhispersResult {
  scenario: 'whispers';
  acks: number;
  seconds: number;
  acksPerSec: number;
  serverCpuPercent: number;
  cpuUsPerAck: number;
  generatorCpuPercent: number;
  otherCpuPercent: number;
  /** Relay only, from its /metrics: group commits per second and whispers per commit. */
  commitsPerSec?: number;
  appendsPerCommit?: number;
  errors: number;
  /** The first error frame the server sent, when there were errors. */
  firstError?: string;
}

export type ScenarioResult = ThroughputResult | LatencyResult | IdleMemoryResult | WhispersResult;

/** The line prefix the generator puts before its JSON result on stdout. */
export const RESULT_PREFIX = 'BENCH-RESULT ';
