// Enrollment attempts per client address (so codes cannot be guessed by brute force), kept in this process:
// a token bucket per address, the least recently seen address forgotten first once too many are tracked.
import { TokenBucket } from './rate-limit.ts';

/** Enrollment attempts allowed per address: a burst of 10, then one every 2 s. */
export const ENROLL_RATE = { perSec: 0.5, burst: 10 } as const;

export interface EnrollLimiter {
  /** Takes one attempt for `address`: 0 when allowed, else the milliseconds until the next one is. */
  take(address: string): number | Promise<number>;
}

export class MemoryEnrollLimiter implements EnrollLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly maxAddresses = 10_000,
    private readonly rate: { perSec: number; burst: number } = ENROLL_RATE,
  ) {}

  /** Addresses tracked now (never more than maxAddresses). */
  get size(): number {
    return this.buckets.size;
  }

  take(address: string, now = Date.now()): number {
    let bucket = this.buckets.get(address);
    if (bucket) this.buckets.delete(address);
    else bucket = new TokenBucket(this.rate.perSec, this.rate.burst, now);
    // Map order is recency order: the first key is the address seen least recently.
    this.buckets.set(address, bucket);
    if (this.buckets.size > this.maxAddresses) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.take(now);
  }
}
