// The relay's routing suite (test/integration/relay/routing.test.ts) run again with every fixture relay in Redis mode.
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/routing.test.ts'));
