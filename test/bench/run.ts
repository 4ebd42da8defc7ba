// `npm run bench`: measures the relay (on SQLite, and two processes on Redis), a bare ws forwarder and a Socket.IO
// server under the same loopback load, one scenario at a time, each server and the load generator in their own
// child processes; prints a table and target verdicts.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, release, setPriority, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startDeployment } from './deployment.ts';
import { ALL_SCENARIOS, USAGE, UsageError, parseOptions, serversFor, sizesFor, type BenchOptions } from './options.ts';
import { machineBusySeconds } from './proc-stats.ts';
import { RESULT_PREFIX, type GeneratorPlan, type ScenarioName, type ScenarioResult, type ServerKind } from './plan.ts';
import { formatTable, formatVerdicts, tableRows, verdicts, type Results } from './report.ts';
import { mergeRounds } from './rounds.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Sockets the bench needs beyond the idle connections (pairs, listening sockets, files). */
const FD_MARGIN = 500;

/** The commit measured, and whether the relay or protocol sources differ from it. */
function sourceVersion(): { commit: string; relayModified: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain', '--', 'lib/relay', 'lib/protocol'], { cwd: ROOT, encoding: 'utf8' });
    return { commit, relayModified: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', relayModified: false };
  }
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The soft limit on open files of this process (children inherit it). */
function openFileLimit(): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !match || match[1] === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(match[1]);
}

async function runGenerator(plan: GeneratorPlan, workDir: string, priority: boolean): Promise<ScenarioResult> {
  const planFile = join(workDir, `plan-${plan.scenario}-${plan.server}.json`);
  writeFileSync(planFile, JSON.stringify(plan));
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/run-ts.mjs'), resolve(ROOT, 'test/bench/load-generator.ts'), planFile], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (priority) setPriority(child.pid!, RAISED_PRIORITY);
  let result: ScenarioResult | undefined;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line.startsWith(RESULT_PREFIX)) result = JSON.parse(line.slice(RESULT_PREFIX.length)) as ScenarioResult;
    else progress(`generator: ${line}`);
  });
  // The generator enforces its own deadline; this one only guards against a hung child.
  const limitMs = (plan.sizes.warmupSec + plan.sizes.measureSec) * 1000 + 120_000;
  const killer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const code = await new Promise<number | null>((done) => child.once('close', (c) => done(c)));
  clearTimeout(killer);
  if (code !== 0 || !result) throw new Error(`load generator for ${plan.scenario} against ${plan.server} exited with ${code}`);
  return result;
}

/**
 * V8 flags for the memory scenario, on both servers alike: a small young generation, so RSS counts what the
 * connections retain rather than how much short-lived garbage the handshakes left before the next scavenge.
 */
const MEMORY_SCENARIO_FLAGS = ['--max-semi-space-size=1'];
/** Scheduling priority (nice) of the bench's processes with --priority. */
const RAISED_PRIORITY = -10;

/** Before a timed scenario, wait (at most this long) for other processes to use less than QUIET_CORES. */
const QUIET_WAIT_MS = { full: 4_000, quick: 1_000 };
const QUIET_CORES = 0.5;

/** Waits, bounded, until the shared machine is fairly quiet; returns the busy cores last seen. */
async function waitForQuiet(quick: boolean): Promise<number> {
  const deadline = Date.now() + QUIET_WAIT_MS[quick ? 'quick' : 'full'];
  for (;;) {
    const before = machineBusySeconds();
    await new Promise((r) => setTimeout(r, 1_000));
    const cores = machineBusySeconds() - before;
    if (cores < QUIET_CORES || Date.now() >= deadline) return cores;
  }
}

async function runScenario(scenario: ScenarioName, server: ServerKind, options: BenchOptions, workDir: string): Promise<ScenarioResult> {
  const sizes = sizesFor(scenario, options.quick);
  const busy = await waitForQuiet(options.quick);
  if (busy >= QUIET_CORES) progress(`other processes keep ${busy.toFixed(1)} cores busy; measuring anyway (see "other processes CPU")`);
  const deployment = await startDeployment(server, {
    scenario,
    pairs: sizes.pairs,
    idleConnections: sizes.connections,
    workDir,
    cpuProfileDir: server === 'relay' || server === 'relay_redis' ? options.profileDir : undefined,
    nodeFlags: scenario === 'idle_memory' ? MEMORY_SCENARIO_FLAGS : [],
    priority: options.priority ? RAISED_PRIORITY : undefined,
  });
  try {
    const { url, supervisorUrl, serverPids, storePid, identities } = deployment;
    const plan: GeneratorPlan = { scenario, server, url, supervisorUrl, serverPids, ...(storePid === undefined ? {} : { storePid }), sizes, ...identities };
    return await runGenerator(plan, workDir, options.priority);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nlast server log lines:\n${deployment.recentLogs()}`);
  } finally {
    for (const problem of await deployment.stop()) progress(`${problem} after ${scenario}`);
  }
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`bench: ${error.message}`);
      console.error(USAGE);
      return error.message ? 2 : 0;
    }
    throw error;
  }
  const fdLimit = openFileLimit();
  const idle = sizesFor('idle_memory', options.quick).connections;
  if (options.scenarios.includes('idle_memory') && idle + FD_MARGIN > fdLimit) {
    console.error(`bench: ${idle} idle connections need more open files than this shell allows (ulimit -n is ${fdLimit}); raise it with ulimit -n ${idle + FD_MARGIN}`);
    return 2;
  }
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });

  const workDir = mkdtempSync(join(tmpdir(), 'undertone-bench-'));
  const startedAt = new Date();
  const results: Results = {};
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    progress('interrupted: finishing the current step, then stopping');
  };
  process.on('SIGINT', onSignal);
  try {
    for (const scenario of ALL_SCENARIOS.filter((s) => options.scenarios.includes(s))) {
      const servers = serversFor(scenario).filter((k) => options.servers.includes(k));
      const { rounds } = sizesFor(scenario, options.quick);
      const byServer = new Map<ServerKind, ScenarioResult[]>();
      for (let round = 1; round <= rounds; round++) {
        for (const server of servers) {
          if (interrupted) break;
          const label = `${scenario} against the ${server}${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}`;
          progress(`${label} ...`);
          const result = await runScenario(scenario, server, options, workDir);
          byServer.set(server, [...(byServer.get(server) ?? []), result]);
          progress(`${label}: ${JSON.stringify(result)}`);
        }
      }
      for (const [server, list] of byServer) (results[scenario] ??= {})[server] = mergeRounds(list);
    }
  } finally {
    process.off('SIGINT', onSignal);
    rmSync(workDir, { recursive: true, force: true });
  }

  const seconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const list = verdicts(results);
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, kernel: release() };
  const source = sourceVersion();
  console.log(
    `Undertone relay bench (${options.quick ? 'quick' : 'full'} run, ${seconds} s; commit ${source.commit}${source.relayModified ? ' with local relay changes' : ''}; ${machine.cores} cores ${machine.cpu}, Node ${machine.node})\n`,
  );
  console.log(formatTable(tableRows(results)));
  console.log(`\nTargets:\n${formatVerdicts(list)}`);
  if (options.jsonFile) {
    const sizes = Object.fromEntries(options.scenarios.map((s) => [s, sizesFor(s, options.quick)]));
    const servers = Object.fromEntries(options.scenarios.map((s) => [s, serversFor(s).filter((k) => options.servers.includes(k))]));
    writeFileSync(options.jsonFile, `${JSON.stringify({ startedAt: startedAt.toISOString(), seconds, source, mode: options.quick ? 'quick' : 'full', priority: options.priority, machine, sizes, servers, results, targets: list }, null, 2)}\n`);
    progress(`wrote ${options.jsonFile}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
