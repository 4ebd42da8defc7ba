// Single sign-on records in the relay's SQLite file: each organisation's provider settings and group rules, the
// link from a provider account (issuer + subject) to its user, and keeping that user's role and teams in step.
import type { Role } from '../../protocol/index.ts';
import { IdentityError } from '../identity/identity-store.ts';
import { newId } from '../identity/secrets.ts';
import type { SqliteDatabase } from '../store/database.ts';
import type { GroupRule } from './group-mapping.ts';

export interface SsoConfig {
  orgId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  /** Scopes asked of the provider, e.g. `openid profile email groups`. */
  scopes: string;
  rules: GroupRule[];
  updatedAt: number;
}

type ConfigRow = { org_id: string; issuer: string; client_id: string; client_secret: string; groups_claim: string; scopes: string; rules: string; updated_at: number };

function toConfig(row: ConfigRow): SsoConfig {
  return {
    orgId: row.org_id,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    groupsClaim: row.groups_claim,
    scopes: row.scopes,
    rules: JSON.parse(row.rules) as GroupRule[],
    updatedAt: row.updated_at,
  };
}

export class SsoStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Stores (or replaces) an organisation's provider settings; creates the teams its rules name. */
  setConfig(input: Omit<SsoConfig, 'updatedAt'>, now = Date.now()): { config: SsoConfig; createdTeams: string[] } {
    const org = this.db.prepare<[string], { id: string }>('SELECT id FROM orgs WHERE id = ?').get(input.orgId);
    if (!org) throw new IdentityError(`organisation ${input.orgId} not found`);
    return this.db.transaction(() => {
      const createdTeams = this.ensureTeams(input.orgId, input.rules.flatMap((r) => ('team' in r ? [r.team] : [])), now);
      this.db
        .prepare(
          `INSERT INTO sso_configs (org_id, issuer, client_id, client_secret, groups_claim, scopes, rules, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (org_id) DO UPDATE SET issuer = excluded.issuer, client_id = excluded.client_id,
             client_secret = excluded.client_secret, groups_claim = excluded.groups_claim, scopes = excluded.scopes, rules = excluded.rules, updated_at = excluded.updated_at`,
        )
        .run(input.orgId, input.issuer, input.clientId, input.clientSecret, input.groupsClaim, input.scopes, JSON.stringify(input.rules), now);
      return { config: { ...input, updatedAt: now }, createdTeams };
    })();
  }

  getConfig(orgId: string): SsoConfig | undefined {
    const row = this.db.prepare<[string], ConfigRow>('SELECT * FROM sso_configs WHERE org_id = ?').get(orgId);
    return row && toConfig(row);
  }

  /** Organisations with single sign-on, with their names (for the sign-in button). */
  listProviders(): { orgId: string; name: string }[] {
    return this.db
      .prepare<[], { org_id: string; name: string }>('SELECT c.org_id, o.name FROM sso_configs c JOIN orgs o ON o.id = c.org_id ORDER BY o.name')
      .all()
      .map((r) => ({ orgId: r.org_id, name: r.name }));
  }

  /** Turns single sign-on off for an organisation; its users and tokens stay. */
  removeConfig(orgId: string): boolean {
    return this.db.prepare('DELETE FROM sso_configs WHERE org_id = ?').run(orgId).changes > 0;
  }

  /** Users of this organisation who signed in through its provider. */
  ssoUserIds(orgId: string): Set<string> {
    return new Set(this.db.prepare<[string], { user_id: string }>('SELECT user_id FROM sso_accounts WHERE org_id = ?').all(orgId).map((r) => r.user_id));
  }

  userForAccount(orgId: string, issuer: string, subject: string): string | undefined {
    return this.db
      .prepare<[string, string, string], { user_id: string }>('SELECT user_id FROM sso_accounts WHERE org_id = ? AND issuer = ? AND subject = ?')
      .get(orgId, issuer, subject)?.user_id;
  }

  /**
   * Creates the user of a provider account at its first sign-in, or brings an existing one's name, role and teams
   * in line with what the provider says now. Returns the user id.
   */
  upsertAccountUser(
    input: { orgId: string; issuer: string; subject: string; name: string; role: Role; teams: string[] },
    now = Date.now(),
  ): { userId: string; created: boolean } {
    return this.db.transaction(() => {
      this.ensureTeams(input.orgId, input.teams, now);
      const teamIds = input.teams.map(
        (name) => this.db.prepare<[string, string], { id: string }>('SELECT id FROM teams WHERE org_id = ? AND name = ?').get(input.orgId, name)!.id,
      );
      let userId = this.userForAccount(input.orgId, input.issuer, input.subject);
      const created = !userId;
      if (!userId) {
        userId = newId('usr');
        this.db.prepare('INSERT INTO users (id, org_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)').run(userId, input.orgId, input.name, input.role, now);
        this.db
          .prepare('INSERT INTO sso_accounts (org_id, issuer, subject, user_id, last_sign_in_at) VALUES (?, ?, ?, ?, ?)')
          .run(input.orgId, input.issuer, input.subject, userId, now);
      } else {
        this.db.prepare('UPDATE users SET name = ?, role = ? WHERE id = ?').run(input.name, input.role, userId);
        this.db.prepare('UPDATE sso_accounts SET last_sign_in_at = ? WHERE user_id = ?').run(now, userId);
        this.db.prepare('DELETE FROM team_members WHERE user_id = ?').run(userId);
      }
      const member = this.db.prepare('INSERT INTO team_members (team_id, user_id) VALUES (?, ?)');
      for (const teamId of teamIds) member.run(teamId, userId);
      return { userId, created };
    })();
  }

  /** Revokes every live token of a user (someone the provider no longer puts in a mapped group). */
  revokeUserTokens(userId: string, now = Date.now()): string[] {
    const ids = this.db
      .prepare<[string], { id: string }>('SELECT id FROM tokens WHERE user_id = ? AND revoked_at IS NULL')
      .all(userId)
      .map((r) => r.id);
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(now, userId);
    return ids;
  }

  private ensureTeams(orgId: string, names: readonly string[], now: number): string[] {
    const created: string[] = [];
    for (const name of new Set(names)) {
      const exists = this.db.prepare('SELECT 1 FROM teams WHERE org_id = ? AND name = ?').get(orgId, name);
      if (exists) continue;
      this.db.prepare('INSERT INTO teams (id, org_id, name, created_at) VALUES (?, ?, ?, ?)').run(newId('team'), orgId, name, now);
      created.push(name);
    }
    return created;
  }
}
