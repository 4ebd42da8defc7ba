// Which address per-client limits use: the peer, or behind a trusted proxy the address it appended.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../lib/relay/client-address.ts';
import { resolveConfig } from '../../../lib/relay/config.ts';

const request = (peer: string, forwarded?: string) =>
  ({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: peer } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted, so clients cannot choose their own limit bucket', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.9'), false)).toBe('10.0.0.5');
  });

  it('takes the address the trusted proxy appended, not one a client put first', () => {
    expect(clientAddress(request('10.0.0.5', '198.51.100.1, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.5'), true)).toBe('10.0.0.5');
  });

  it('reads the setting from flags or UNDERTONE_TRUST_PROXY', () => {
    expect(resolveConfig({}, {}).trustProxy).toBe(false);
    expect(resolveConfig({}, { UNDERTONE_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(resolveConfig({ trustProxy: true }, {}).trustProxy).toBe(true);
    expect(() => resolveConfig({}, { UNDERTONE_TRUST_PROXY: 'maybe' })).toThrow(/trustProxy/);
  });
});
