// What the bench runner hands to the load generator (one scenario against one server) and what it gets back.

/**
 * The servers measured under the same load: the relay on SQLite (one process), the relay on Redis (two relay
 * processes sharing one redis-server, agents on one and supervisors on the other), the bare `ws` forwarder and
 * a Socket.IO server with a room per user.
 */
export type ServerKind = 'relay' | 'relay_redis' | 'forwarder' | 'socketio';
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
  /** Seconds of the measured window (of each round). */
  measureSec: number;
  /**
   * Times the scenario runs against each server, the servers taking turns, each time with fresh processes: on a
   * shared machine a burst of other work then falls on every server alike. The rounds are merged (rounds.ts).
   */
  rounds: number;
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
  /** Where the agents (and idle connections) connect. */
  url: string;
  /** Where the supervisors connect: another relay process in Redis mode, else `url`. */
  supervisorUrl: string;
  /** Every process the server consists of (relays and redis-server), whose CPU time the generator sums. */
  serverPids: number[];
  /** redis-server, whose share of that CPU time is also reported; only in Redis mode. */
  storePid?: number;
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
  /** The part of serverCpuPercent used by redis-server (Redis mode). */
  storeCpuPercent?: number;
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
  /** With several rounds: each round's p99 (the figures above are the medians over rounds; max is the largest). */
  roundP99Ms?: number[];
  serverCpuPercent: number;
  storeCpuPercent?: number;
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
  storeCpuPercent?: number;
  cpuUsPerAck: number;
  generatorCpuPercent: number;
  otherCpuPercent: number;
  /** Relay only, from its /metrics (summed over its processes): group commits per second and whispers per commit. */
  commitsPerSec?: number;
  appendsPerCommit?: number;
  errors: number;
  /** The first error frame the server sent, when there were errors. */
  firstError?: string;
}

export type ScenarioResult = ThroughputResult | LatencyResult | IdleMemoryResult | WhispersResult;

/** The line prefix the generator puts before its JSON result on stdout. */
export const RESULT_PREFIX = 'BENCH-RESULT ';
