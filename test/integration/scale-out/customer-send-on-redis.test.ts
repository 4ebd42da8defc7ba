// The relay's send-to-customer suite (test/integration/relay/customer-send.test.ts) run again with every fixture relay
// in Redis mode.
import { runSuiteOnRedis } from './support/suite-on-redis.ts';

await runSuiteOnRedis(() => import('../relay/customer-send.test.ts'));
