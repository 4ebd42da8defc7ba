// Enrollment attempts per client address shared by every relay process on one Redis: one key per address
// holding its next free slot (GCRA, the token bucket's equal), expiring by itself once the address is idle.
import type { Redis } from 'ioredis';
import { ENROLL_RATE, type EnrollLimiter } from '../enroll-limiter.ts';

// KEYS[1] the address's key; ARGV[1] ms per attempt; ARGV[2] burst. Redis's clock, so relays agree on time.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nextTat = tat + interval
local over = nextTat - now - burst * interval
if over > 0 then return over end
redis.call('SET', KEYS[1], nextTat, 'PX', nextTat - now)
return 0
`;

export class RedisEnrollLimiter implements EnrollLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly rate: { perSec: number; burst: number } = ENROLL_RATE,
  ) {}

  async take(address: string): Promise<number> {
    const interval = Math.ceil(1000 / this.rate.perSec);
    const wait = await this.redis.eval(TAKE, 1, `${this.prefix}enroll:${address}`, interval, this.rate.burst);
    return Number(wait);
  }
}
