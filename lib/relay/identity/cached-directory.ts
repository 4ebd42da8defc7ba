// A directory wrapper that remembers user lookups for a short time, so routing a burst of whispers does not read
// the same agent from the store for every frame. Token checks and everything else go straight through.
import type { User } from './identity-store.ts';
import type { Directory, Redemption } from './directory.ts';

const MAX_ENTRIES = 50_000;

export class CachedDirectory implements Directory {
  private readonly users = new Map<string, { value: User | undefined; until: number }>();

  /** `ttlMs`: how stale a user's role, org and teams may be (a team change reaches routing within it). */
  constructor(
    private readonly inner: Directory,
    private readonly ttlMs: number,
  ) {}

  getUserInOrg(orgId: string, userId: string): User | undefined | Promise<User | undefined> {
    const key = `${orgId}\u0000${userId}`;
    const now = Date.now();
    const hit = this.users.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = this.inner.getUserInOrg(orgId, userId);
    if (value instanceof Promise) {
      return value.then((user) => {
        this.remember(key, user);
        return user;
      });
    }
    this.remember(key, value);
    return value;
  }

  authenticate(token: string) {
    return this.inner.authenticate(token);
  }

  listTeams(orgId: string) {
    return this.inner.listTeams(orgId);
  }

  supervisorsOfTeams(teamIds: readonly string[]) {
    return this.inner.supervisorsOfTeams(teamIds);
  }

  revokedSince(since: number) {
    return this.inner.revokedSince(since);
  }

  redeemEnrollmentCode(code: string, deviceName: string): Redemption | Promise<Redemption> {
    return this.inner.redeemEnrollmentCode(code, deviceName);
  }

  private remember(key: string, value: User | undefined): void {
    if (this.users.size >= MAX_ENTRIES) this.users.clear();
    this.users.set(key, { value, until: Date.now() + this.ttlMs });
  }
}
