// The relay's access suite (test/integration/relay/access.test.ts) run again with every fixture relay in Redis mode.
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/access.test.ts'));
