// Relay settings: defaults, environment, flags winning over environment, and readable errors.
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig } from '../../../lib/relay/config.ts';

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
});
