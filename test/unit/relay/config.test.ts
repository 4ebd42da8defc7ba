// Relay settings: defaults, environment, flags winning over environment, and readable errors.
import { describe, expect, it } from 'vitest';
import { ConfigError, redisTargetOf, replicaWaitOf, resolveConfig } from '../../../lib/relay/config.ts';

describe('resolveConfig', () => {
  it('uses safe defaults: loopback, port 8740, .data, 30 days', () => {
    expect(resolveConfig({}, {})).toMatchObject({ host: '127.0.0.1', port: 8740, dataDir: '.data', retentionDays: 30 });
  });

  it('reads the environment and lets flags win', () => {
    const env = { UNDERTONE_PORT: '9000', UNDERTONE_DATA: '/var/lib/undertone', UNDERTONE_RETENTION_DAYS: '7' };
    expect(resolveConfig({}, env)).toMatchObject({ port: 9000, dataDir: '/var/lib/undertone', retentionDays: 7 });
    expect(resolveConfig({ port: '9100' }, env).port).toBe(9100);
  });

  it('explains an invalid value', () => {
    expect(() => resolveConfig({ port: 'eighty' }, {})).toThrow(ConfigError);
    expect(() => resolveConfig({}, { UNDERTONE_PORT: '70000' })).toThrow(/port/);
    expect(() => resolveConfig({ logLevel: 'loud' }, {})).toThrow(/logLevel/);
  });

  it('reads Sentinels and the primary name, and waits for one replica by default with them', () => {
    const config = resolveConfig({ redisSentinel: '10.0.0.5:26379,sentinel-b.internal:26380', redisName: 'undertone' }, {});
    expect(redisTargetOf(config)).toEqual({
      sentinels: [
        { host: '10.0.0.5', port: 26379 },
        { host: 'sentinel-b.internal', port: 26380 },
      ],
      name: 'undertone',
    });
    expect(replicaWaitOf(config)).toEqual({ replicas: 1, timeoutMs: 1000 });
    expect(replicaWaitOf(resolveConfig({ redisUrl: 'redis://10.0.0.5:6379' }, {}))).toEqual({ replicas: 0, timeoutMs: 1000 });
    expect(replicaWaitOf(resolveConfig({}, { UNDERTONE_REDIS_URL: 'redis://h:6379', UNDERTONE_REDIS_WAIT_REPLICAS: '2', UNDERTONE_REDIS_WAIT_MS: '250' }))).toEqual({ replicas: 2, timeoutMs: 250 });
    expect(redisTargetOf(resolveConfig({}, {}))).toBeUndefined();
  });

  it('explains broken Redis settings', () => {
    expect(() => resolveConfig({ redisSentinel: '10.0.0.5:26379' }, {})).toThrow(/--redis-name/);
    expect(() => resolveConfig({ redisName: 'undertone' }, {})).toThrow(/only used with --redis-sentinel/);
    expect(() => resolveConfig({ redisSentinel: '10.0.0.5', redisName: 'u' }, {})).toThrow(/host:port/);
    expect(() => resolveConfig({ redisSentinel: 'a:1', redisName: 'u', redisUrl: 'redis://a:6379' }, {})).toThrow(/either --redis or --redis-sentinel/);
    expect(() => resolveConfig({ redisUrl: 'redis://a:6379', redisWaitReplicas: '-1' }, {})).toThrow(/redisWaitReplicas/);
    expect(() => resolveConfig({}, { UNDERTONE_REDIS_FORGET_AFTER_MS: '500' })).toThrow(/redisForgetAfterMs/);
  });

  it('forgets an unheard relay process after 30 s by default, or as set', () => {
    expect(resolveConfig({}, {}).redisForgetAfterMs).toBe(30_000);
    expect(resolveConfig({}, { UNDERTONE_REDIS_FORGET_AFTER_MS: '10000' }).redisForgetAfterMs).toBe(10_000);
  });
});
