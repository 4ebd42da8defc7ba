// Pure parts of the relay's edges: which origins may connect, and the bounded in-process enrollment limiter.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../lib/relay/config.ts';
import { MemoryEnrollLimiter } from '../../../lib/relay/enroll-limiter.ts';
import { judgeOrigin } from '../../../lib/relay/origin-policy.ts';

describe('judgeOrigin', () => {
  it('allows extension origins, listed web origins and requests without Origin; refuses the rest', () => {
    expect(judgeOrigin('chrome-extension://abcdefghijklmnopabcdefghijklmnop', [])).toBe('extension');
    expect(judgeOrigin('moz-extension://0b4b1f64-1a55-4d0e-9d5e-1c5d3a0e2b7f', [])).toBe('extension');
    expect(judgeOrigin(undefined, [])).toBe('absent');
    expect(judgeOrigin('https://console.acme.test', ['https://console.acme.test/'])).toBe('listed');
    expect(judgeOrigin('https://Console.Acme.test', ['https://console.acme.test'])).toBe('listed');
    for (const origin of ['https://helpdesk.example.com', 'null', 'chrome-extension://abc/page.html', 'file://', 'chrome-extension://x.evil.com']) {
      expect(judgeOrigin(origin, ['https://console.acme.test']), origin).toBe('refused');
    }
    expect(judgeOrigin(['https://a.test', 'https://b.test'], ['https://a.test'])).toBe('refused');
  });

  it('reads listed origins from a comma-separated setting and refuses malformed ones', () => {
    expect(resolveConfig({}, { UNDERTONE_ALLOWED_ORIGINS: 'https://a.test, https://b.test:8443' }).allowedOrigins).toEqual(['https://a.test', 'https://b.test:8443']);
    expect(resolveConfig({}, {}).allowedOrigins).toEqual([]);
    expect(() => resolveConfig({ allowedOrigins: 'https://a.test/path' }, {})).toThrow(/allowed origin/);
    expect(() => resolveConfig({ metricsToken: 'short' }, {})).toThrow(/metricsToken/);
  });
});

describe('MemoryEnrollLimiter', () => {
  it('allows a burst of 10 per address, then one every 2 s', () => {
    const limiter = new MemoryEnrollLimiter();
    for (let i = 0; i < 10; i++) expect(limiter.take('a', 1_000)).toBe(0);
    expect(limiter.take('a', 1_000)).toBe(2_000);
    expect(limiter.take('b', 1_000)).toBe(0);
    expect(limiter.take('a', 3_000)).toBe(0);
  });

  it('stays bounded by forgetting the least recently seen address, not everyone at once', () => {
    const limiter = new MemoryEnrollLimiter(3);
    for (let i = 0; i < 10; i++) limiter.take('old', 0);
    for (let i = 0; i < 10; i++) limiter.take('busy', 0);
    limiter.take('c', 0);
    limiter.take('d', 0);
    expect(limiter.size).toBe(3);
    // 'old' was forgotten; 'busy' is still limited.
    expect(limiter.take('busy', 0)).toBeGreaterThan(0);
    expect(limiter.take('old', 0)).toBe(0);
  });
});
