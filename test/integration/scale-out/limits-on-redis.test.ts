// The relay's limits suite (test/integration/relay/limits.test.ts) run again with every fixture relay in Redis mode.
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/limits.test.ts'));
