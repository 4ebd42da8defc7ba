// Adapter health in Redis, shared by every relay process: a hash per (organisation, user) with one field per site
// (the report as JSON), and the set of an organisation's users with reports. A report replaces the hash in one MULTI.
import type { Redis } from 'ioredis';
import type { SiteHealth } from '../../protocol/index.ts';
import { mergeReports, sameReports, type AdapterHealthStore, type StoredSiteHealth } from '../health/health-store.ts';

type StoredField = SiteHealth & { reportedAt: number };

export class RedisHealthStore implements AdapterHealthStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private userKey(orgId: string, userId: string): string {
    return `${this.prefix}health:${orgId}:${userId}`;
  }

  private usersKey(orgId: string): string {
    return `${this.prefix}health-users:${orgId}`;
  }

  private async ofUser(orgId: string, userId: string): Promise<StoredSiteHealth[]> {
    const fields = await this.redis.hgetall(this.userKey(orgId, userId));
    return Object.values(fields)
      .map((json) => ({ ...(JSON.parse(json) as StoredField), orgId, userId }))
      .sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
  }

  async replace(orgId: string, userId: string, sites: readonly SiteHealth[], now: number): Promise<boolean> {
    const previous = await this.ofUser(orgId, userId);
    const next = mergeReports(previous, sites, orgId, userId, now);
    const key = this.userKey(orgId, userId);
    const multi = this.redis.multi().del(key);
    if (next.length > 0) {
      multi.hset(key, Object.fromEntries(next.map(({ orgId: _org, userId: _user, ...field }) => [field.site, JSON.stringify(field)])));
      multi.sadd(this.usersKey(orgId), userId);
    } else multi.srem(this.usersKey(orgId), userId);
    await multi.exec();
    return !sameReports(previous, next);
  }

  async listOrg(orgId: string): Promise<StoredSiteHealth[]> {
    const users = (await this.redis.smembers(this.usersKey(orgId))).sort();
    const lists = await Promise.all(users.map((userId) => this.ofUser(orgId, userId)));
    return lists.flat();
  }
}
