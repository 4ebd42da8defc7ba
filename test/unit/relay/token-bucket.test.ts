// The rate limiter's arithmetic, on an injected clock.
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../lib/relay/rate-limit.ts';

describe('TokenBucket', () => {
  it('allows a burst, then tells how long to wait, then refills at the rate', () => {
    const bucket = new TokenBucket(10, 3, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([0, 0, 0]);
    expect(bucket.take(0)).toBe(100);
    expect(bucket.take(50)).toBe(50);
    expect(bucket.take(100)).toBe(0);
    expect(bucket.take(100)).toBeGreaterThan(0);
  });

  it('never holds more than its burst', () => {
    const bucket = new TokenBucket(1000, 2, 0);
    const results = [bucket.take(60_000), bucket.take(60_000), bucket.take(60_000)];
    expect(results.map((r) => r === 0)).toEqual([true, true, false]);
  });
});
