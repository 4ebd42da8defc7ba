// The relay's durability suite (test/integration/relay/durability.test.ts) run again with every fixture relay in Redis mode.
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/durability.test.ts'));
