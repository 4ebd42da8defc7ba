// The relay's guest suite (test/integration/relay/guests.test.ts) run again with every fixture relay in Redis mode.
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/guests.test.ts'));
