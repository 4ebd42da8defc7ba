// Adapter health in the relay's SQLite file (single-process relay): a row per (organisation, user, site) holding the
// validated report as JSON. A report replaces the user's rows in one transaction.
import type { SiteHealth } from '../../protocol/index.ts';
import type { SqliteDatabase } from '../store/database.ts';
import { mergeReports, sameReports, type AdapterHealthStore, type StoredSiteHealth } from './health-store.ts';

interface HealthRow {
  org_id: string;
  user_id: string;
  site: string;
  report: string;
  reported_at: number;
}

function fromRow(row: HealthRow): StoredSiteHealth {
  return { ...(JSON.parse(row.report) as SiteHealth), orgId: row.org_id, userId: row.user_id, reportedAt: row.reported_at };
}

export class SqliteHealthStore implements AdapterHealthStore {
  private readonly stmt;
  private readonly replaceAll: (orgId: string, userId: string, sites: readonly SiteHealth[], now: number) => boolean;

  constructor(db: SqliteDatabase) {
    this.stmt = {
      ofUser: db.prepare<[string, string], HealthRow>('SELECT * FROM adapter_health WHERE org_id = ? AND user_id = ? ORDER BY site'),
      ofOrg: db.prepare<[string], HealthRow>('SELECT * FROM adapter_health WHERE org_id = ? ORDER BY user_id, site'),
      clear: db.prepare<[string, string]>('DELETE FROM adapter_health WHERE org_id = ? AND user_id = ?'),
      insert: db.prepare<[string, string, string, string, number]>('INSERT INTO adapter_health (org_id, user_id, site, report, reported_at) VALUES (?, ?, ?, ?, ?)'),
    };
    this.replaceAll = db.transaction((orgId: string, userId: string, sites: readonly SiteHealth[], now: number) => {
      const previous = this.stmt.ofUser.all(orgId, userId).map(fromRow);
      const next = mergeReports(previous, sites, orgId, userId, now);
      this.stmt.clear.run(orgId, userId);
      for (const { orgId: _org, userId: _user, reportedAt: _at, ...report } of next) {
        this.stmt.insert.run(orgId, userId, report.site, JSON.stringify(report), now);
      }
      return !sameReports(previous, next);
    });
  }

  replace(orgId: string, userId: string, sites: readonly SiteHealth[], now: number): boolean {
    return this.replaceAll(orgId, userId, sites, now);
  }

  listOrg(orgId: string): StoredSiteHealth[] {
    return this.stmt.ofOrg.all(orgId).map(fromRow);
  }
}
