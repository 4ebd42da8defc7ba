// What the relay keeps of adapter health: the latest report per (organisation, user, site), replaced by each report
// and dropped once the site is healthy again. SQLite (one process) and Redis (several) implement it.
import type { SiteHealth } from '../../protocol/index.ts';
import type { Awaitable } from '../store/durable-store.ts';

/** One user's latest report about one site. */
export type StoredSiteHealth = SiteHealth & { orgId: string; userId: string; reportedAt: number };

export interface AdapterHealthStore {
  /**
   * Replaces everything `userId` reported before with `sites` (sites left out are healthy again and dropped). A part
   * that stays missing keeps its earlier `since`. Resolves to whether what is stored changed.
   */
  replace(orgId: string, userId: string, sites: readonly SiteHealth[], now: number): Awaitable<boolean>;
  /** Every stored report of one organisation, by user then site. */
  listOrg(orgId: string): Awaitable<StoredSiteHealth[]>;
}

/**
 * The reports as they will be stored: each missing part keeps the earlier of its stored and reported `since`, so a
 * page that stays broken across reports, reconnects and restarts keeps the time it first broke.
 */
export function mergeReports(previous: readonly StoredSiteHealth[], sites: readonly SiteHealth[], orgId: string, userId: string, now: number): StoredSiteHealth[] {
  const before = new Map(previous.map((p) => [p.site, p]));
  return sites.map((site) => {
    const old = before.get(site.site);
    const since = new Map(old?.missing.map((m) => [m.part, m.since]) ?? []);
    return {
      site: site.site,
      adapter: site.adapter,
      missing: site.missing.map((m) => ({ part: m.part, since: Math.min(m.since, now, since.get(m.part) ?? now) })),
      adapterErrors: site.adapterErrors,
      orgId,
      userId,
      reportedAt: now,
    };
  });
}

/** Whether two lists of stored reports say the same (ignoring when they were reported). */
export function sameReports(a: readonly StoredSiteHealth[], b: readonly StoredSiteHealth[]): boolean {
  const key = (list: readonly StoredSiteHealth[]) =>
    JSON.stringify([...list].sort((x, y) => (x.site < y.site ? -1 : 1)).map(({ site, adapter, missing, adapterErrors }) => [site, adapter, missing, adapterErrors]));
  return key(a) === key(b);
}
