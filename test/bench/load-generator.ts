// The load generator, run as its own child process: reads a plan (one scenario against one server), connects
// the pairs, runs the scenario and prints its result as one JSON line prefixed with RESULT_PREFIX.
import { readFileSync } from 'node:fs';
import { DIALECTS } from './dialects.ts';
import { RESULT_PREFIX, type GeneratorPlan } from './plan.ts';
import { SCENARIOS, type ConnectedPair } from './scenarios/index.ts';

/** Beyond the scenario's own duration, the most any setup and teardown may take. */
const SLACK_MS = 90_000;
const CONNECT_CONCURRENCY = 50;

async function main(planFile: string): Promise<void> {
  const plan = JSON.parse(readFileSync(planFile, 'utf8')) as GeneratorPlan;
  const deadline = setTimeout(() => {
    console.error(`load generator: ${plan.scenario} against ${plan.server} did not finish in time`);
    process.exit(3);
  }, (plan.sizes.warmupSec + plan.sizes.measureSec) * 1000 + SLACK_MS);

  const dialect = DIALECTS[plan.server];
  const pairs: ConnectedPair[] = [];
  for (let i = 0; i < plan.pairs.length; i += CONNECT_CONCURRENCY) {
    const batch = plan.pairs.slice(i, i + CONNECT_CONCURRENCY).map(async (pair, j) => {
      const [agent, supervisor] = await Promise.all([dialect.connect(plan.url, pair.agent), dialect.connect(plan.supervisorUrl, pair.supervisor)]);
      return { index: i + j, pair, agent, supervisor, conversationKey: `conv-${i + j}` };
    });
    pairs.push(...(await Promise.all(batch)));
  }
  if (plan.scenario === 'throughput' || plan.scenario === 'latency') {
    for (const p of pairs) await dialect.startListening(p.pair, p.agent, p.supervisor, p.conversationKey);
  }

  const result = await SCENARIOS[plan.scenario]({ plan, dialect, pairs });
  for (const p of pairs) {
    p.agent.close();
    p.supervisor.close();
  }
  clearTimeout(deadline);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => process.exit(0));
}

const planFile = process.argv[2];
if (!planFile) {
  console.error('usage: load-generator.ts PLAN.json');
  process.exit(2);
}
main(planFile).catch((error: unknown) => {
  console.error(`load generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
