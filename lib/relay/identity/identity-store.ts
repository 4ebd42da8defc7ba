// Organisations, teams, users, enrollment codes and device tokens in the relay's SQLite file.
// Every lookup that takes an id from a client also takes the caller's org, so another org's id reads as absent.
// About 300 lines on purpose: one statement per method over the identity tables, kept together so the org-scoping
// rule is visible in one place.
import type { Role, TeamRef } from '../../protocol/index.ts';
import type { SqliteDatabase } from '../store/database.ts';
import { cleanHelpdeskNames, parseStoredHelpdeskNames } from './helpdesk-names.ts';
import { hashSecret, newDeviceToken, newEnrollmentCode, newId, normaliseEnrollmentCode } from './secrets.ts';

export interface Org { id: string; name: string; createdAt: number }
export interface Team { id: string; orgId: string; name: string; createdAt: number }
export interface User { id: string; orgId: string; name: string; role: Role; teamIds: string[]; helpdeskNames: string[]; createdAt: number }
export interface TokenInfo {
  id: string;
  userId: string;
  userName: string;
  orgId: string;
  deviceName: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
/** Who a live connection is: the user, their org and teams, and the token it presented. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  teams: TeamRef[];
  /** Other names the user has in the organisation's helpdesks. */
  helpdeskNames: string[];
  tokenId: string;
}

export type EnrollmentFailure = 'code_invalid' | 'code_expired' | 'code_used';

/** A readable error for admin operations (unknown org, duplicate team, ...). */
export class IdentityError extends Error {}

interface UserRow { id: string; org_id: string; name: string; role: Role; helpdesk_names: string; created_at: number }

const DEFAULT_ENROLLMENT_TTL_MS = 72 * 3600_000;

/** How long last-used times of tokens wait in memory before they are written together. */
const TOKEN_USE_FLUSH_MS = 5_000;

export class IdentityStore {
  private readonly tokenUse = new Map<string, number>();
  private tokenUseTimer: NodeJS.Timeout | undefined;
  private readonly stmt;

  constructor(private readonly db: SqliteDatabase) {
    this.stmt = {
      org: db.prepare<[string], { id: string; name: string; created_at: number }>('SELECT * FROM orgs WHERE id = ?'),
      user: db.prepare<[string], UserRow>('SELECT id, org_id, name, role, helpdesk_names, created_at FROM users WHERE id = ?'),
      userTeams: db.prepare<[string], { team_id: string }>('SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id'),
      teamRefs: db.prepare<[string], TeamRef>(
        'SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.user_id = ? ORDER BY t.name',
      ),
      tokenByHash: db.prepare<[string], { id: string; user_id: string }>(
        'SELECT id, user_id FROM tokens WHERE token_hash = ? AND revoked_at IS NULL',
      ),
      touchToken: db.prepare<[number, string]>('UPDATE tokens SET last_used_at = ? WHERE id = ?'),
      revokedSince: db.prepare<[number], { id: string; revoked_at: number }>(
        'SELECT id, revoked_at FROM tokens WHERE revoked_at IS NOT NULL AND revoked_at >= ?',
      ),
      teamSupervisors: db.prepare<[string], { user_id: string }>(
        `SELECT m.user_id FROM team_members m JOIN users u ON u.id = m.user_id
         WHERE m.team_id = ? AND u.role = 'supervisor'`,
      ),
    };
  }

  // --- organisations, teams and users (admin CLI) ---

  addOrg(name: string, now = Date.now()): Org {
    const trimmed = requireName(name, 'organisation');
    const org: Org = { id: newId('org'), name: trimmed, createdAt: now };
    this.db.prepare('INSERT INTO orgs (id, name, created_at) VALUES (?, ?, ?)').run(org.id, org.name, now);
    return org;
  }

  listOrgs(): Org[] {
    return this.db
      .prepare<[], { id: string; name: string; created_at: number }>('SELECT * FROM orgs ORDER BY created_at, id')
      .all()
      .map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
  }

  getOrg(orgId: string): Org | undefined {
    const row = this.stmt.org.get(orgId);
    return row && { id: row.id, name: row.name, createdAt: row.created_at };
  }

  addTeam(orgId: string, name: string, now = Date.now()): Team {
    this.requireOrg(orgId);
    const trimmed = requireName(name, 'team');
    const exists = this.db.prepare('SELECT 1 FROM teams WHERE org_id = ? AND name = ?').get(orgId, trimmed);
    if (exists) throw new IdentityError(`a team named "${trimmed}" already exists in ${orgId}`);
    const team: Team = { id: newId('team'), orgId, name: trimmed, createdAt: now };
    this.db.prepare('INSERT INTO teams (id, org_id, name, created_at) VALUES (?, ?, ?, ?)').run(team.id, orgId, team.name, now);
    return team;
  }

  listTeams(orgId: string): Team[] {
    this.requireOrg(orgId);
    return this.db
      .prepare<[string], { id: string; org_id: string; name: string; created_at: number }>(
        'SELECT * FROM teams WHERE org_id = ? ORDER BY name',
      )
      .all(orgId)
      .map((r) => ({ id: r.id, orgId: r.org_id, name: r.name, createdAt: r.created_at }));
  }

  addUser(input: { orgId: string; name: string; role: Role; teamIds: string[] }, now = Date.now()): User {
    this.requireOrg(input.orgId);
    const name = requireName(input.name, 'user');
    const teamIds = [...new Set(input.teamIds)];
    for (const teamId of teamIds) {
      const team = this.db.prepare<[string, string]>('SELECT 1 FROM teams WHERE id = ? AND org_id = ?').get(teamId, input.orgId);
      if (!team) throw new IdentityError(`team ${teamId} not found in ${input.orgId}`);
    }
    if (input.role !== 'admin' && teamIds.length === 0) {
      throw new IdentityError(`an ${input.role} must belong to at least one team (--team)`);
    }
    const user: User = { id: newId('usr'), orgId: input.orgId, name, role: input.role, teamIds: teamIds.sort(), helpdeskNames: [], createdAt: now };
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO users (id, org_id, name, role, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(user.id, user.orgId, user.name, user.role, now);
      const member = this.db.prepare('INSERT INTO team_members (team_id, user_id) VALUES (?, ?)');
      for (const teamId of teamIds) member.run(teamId, user.id);
    })();
    return user;
  }

  listUsers(orgId: string): User[] {
    this.requireOrg(orgId);
    return this.db
      .prepare<[string], UserRow>('SELECT id, org_id, name, role, helpdesk_names, created_at FROM users WHERE org_id = ? ORDER BY name, id')
      .all(orgId)
      .map((row) => this.toUser(row));
  }

  /** The user with this id in this org; undefined for an unknown id and for another org's id alike. */
  getUserInOrg(orgId: string, userId: string): User | undefined {
    const row = this.stmt.user.get(userId);
    if (!row || row.org_id !== orgId) return undefined;
    return this.toUser(row);
  }

  getUser(userId: string): User | undefined {
    const row = this.stmt.user.get(userId);
    return row && this.toUser(row);
  }

  /** Replaces the user's other helpdesk names (an empty list clears them). */
  setHelpdeskNames(userId: string, names: readonly string[]): User {
    this.requireUser(userId);
    const cleaned = cleanHelpdeskNames(names);
    if (!cleaned.ok) throw new IdentityError(cleaned.problem);
    this.db.prepare('UPDATE users SET helpdesk_names = ? WHERE id = ?').run(JSON.stringify(cleaned.names), userId);
    return this.getUser(userId)!;
  }

  /** Supervisors who are members of any of these teams. */
  supervisorsOfTeams(teamIds: readonly string[]): string[] {
    const ids = new Set<string>();
    for (const teamId of teamIds) for (const row of this.stmt.teamSupervisors.all(teamId)) ids.add(row.user_id);
    return [...ids];
  }

  // --- enrollment and tokens ---

  issueEnrollmentCode(userId: string, ttlMs = DEFAULT_ENROLLMENT_TTL_MS, now = Date.now()): { code: string; userId: string; expiresAt: number } {
    this.requireUser(userId);
    if (!(ttlMs > 0)) throw new IdentityError('the code lifetime must be positive');
    const code = newEnrollmentCode();
    const expiresAt = now + ttlMs;
    this.db
      .prepare('INSERT INTO enrollment_codes (id, code_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(newId('enr'), hashSecret(normaliseEnrollmentCode(code)), userId, now, expiresAt);
    return { code, userId, expiresAt };
  }

  /** Exchanges a single-use enrollment code for a new device token. */
  redeemEnrollmentCode(
    code: string,
    deviceName: string,
    now = Date.now(),
  ): { ok: true; token: string; tokenId: string; principal: Principal } | { ok: false; reason: EnrollmentFailure } {
    const hash = hashSecret(normaliseEnrollmentCode(code));
    return this.db.transaction(() => {
      const row = this.db
        .prepare<[string], { id: string; user_id: string; expires_at: number; used_at: number | null }>(
          'SELECT id, user_id, expires_at, used_at FROM enrollment_codes WHERE code_hash = ?',
        )
        .get(hash);
      if (!row) return { ok: false as const, reason: 'code_invalid' as const };
      if (row.used_at !== null) return { ok: false as const, reason: 'code_used' as const };
      if (row.expires_at <= now) return { ok: false as const, reason: 'code_expired' as const };
      this.db.prepare('UPDATE enrollment_codes SET used_at = ? WHERE id = ?').run(now, row.id);
      const issued = this.issueToken(row.user_id, deviceName, now);
      const principal = this.principalFor(row.user_id, issued.tokenId);
      if (!principal) return { ok: false as const, reason: 'code_invalid' as const };
      return { ok: true as const, token: issued.token, tokenId: issued.tokenId, principal };
    })();
  }

  issueToken(userId: string, deviceName: string, now = Date.now()): { token: string; tokenId: string; userId: string } {
    this.requireUser(userId);
    const token = newDeviceToken();
    const tokenId = newId('tok');
    this.db
      .prepare('INSERT INTO tokens (id, token_hash, user_id, device_name, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(tokenId, hashSecret(token), userId, deviceName.trim().slice(0, 100) || 'device', now);
    return { token, tokenId, userId };
  }

  /** The principal for a presented token, or undefined when it is unknown or revoked. */
  authenticate(token: string, now = Date.now()): Principal | undefined {
    const row = this.stmt.tokenByHash.get(hashSecret(token));
    if (!row) return undefined;
    this.noteTokenUse(row.id, now);
    return this.principalFor(row.user_id, row.id);
  }

  /**
   * Records when a token was last used. The times are written together a few seconds later (or by
   * `flushTokenUse`), so a reconnect storm costs one disk sync instead of one per connection.
   */
  private noteTokenUse(tokenId: string, now: number): void {
    this.tokenUse.set(tokenId, now);
    if (this.tokenUseTimer) return;
    this.tokenUseTimer = setTimeout(() => this.flushTokenUse(), TOKEN_USE_FLUSH_MS);
    this.tokenUseTimer.unref();
  }

  /** Writes pending last-used times now (also on shutdown). */
  flushTokenUse(): void {
    if (this.tokenUseTimer) clearTimeout(this.tokenUseTimer);
    this.tokenUseTimer = undefined;
    if (this.tokenUse.size === 0) return;
    const pending = [...this.tokenUse];
    this.tokenUse.clear();
    this.db.transaction(() => {
      for (const [id, at] of pending) this.stmt.touchToken.run(at, id);
    })();
  }

  listTokens(filter: { userId?: string; orgId?: string } = {}): TokenInfo[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.userId) { where.push('t.user_id = ?'); args.push(filter.userId); }
    if (filter.orgId) { where.push('u.org_id = ?'); args.push(filter.orgId); }
    const sql = `SELECT t.id, t.user_id, u.name AS user_name, u.org_id, t.device_name, t.created_at, t.last_used_at, t.revoked_at
      FROM tokens t JOIN users u ON u.id = t.user_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY t.created_at, t.id`;
    type Row = { id: string; user_id: string; user_name: string; org_id: string; device_name: string; created_at: number; last_used_at: number | null; revoked_at: number | null };
    return this.db.prepare<string[], Row>(sql).all(...args).map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      orgId: r.org_id,
      deviceName: r.device_name,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
      revokedAt: r.revoked_at,
    }));
  }

  /** Revokes a token; live sockets using it are closed by the relay that watches revocations. */
  revokeToken(tokenId: string, now = Date.now()): { tokenId: string; revokedAt: number } {
    const row = this.db.prepare<[string], { revoked_at: number | null }>('SELECT revoked_at FROM tokens WHERE id = ?').get(tokenId);
    if (!row) throw new IdentityError(`token ${tokenId} not found`);
    if (row.revoked_at !== null) return { tokenId, revokedAt: row.revoked_at };
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(now, tokenId);
    return { tokenId, revokedAt: now };
  }

  /** Token ids revoked at or after `since` (ms), for closing their live sockets. */
  revokedSince(since: number): { id: string; revokedAt: number }[] {
    return this.stmt.revokedSince.all(since).map((r) => ({ id: r.id, revokedAt: r.revoked_at }));
  }

  /** Who holds this token of this user (undefined when the user or their org is gone). */
  principalFor(userId: string, tokenId: string): Principal | undefined {
    const user = this.stmt.user.get(userId);
    if (!user) return undefined;
    const org = this.stmt.org.get(user.org_id);
    if (!org) return undefined;
    return {
      userId: user.id,
      name: user.name,
      role: user.role,
      orgId: org.id,
      orgName: org.name,
      teams: this.stmt.teamRefs.all(user.id),
      helpdeskNames: parseStoredHelpdeskNames(user.helpdesk_names),
      tokenId,
    };
  }

  private toUser(row: UserRow): User {
    return {
      id: row.id,
      orgId: row.org_id,
      name: row.name,
      role: row.role,
      teamIds: this.stmt.userTeams.all(row.id).map((r) => r.team_id),
      helpdeskNames: parseStoredHelpdeskNames(row.helpdesk_names),
      createdAt: row.created_at,
    };
  }

  private requireOrg(orgId: string): void {
    if (!this.stmt.org.get(orgId)) throw new IdentityError(`organisation ${orgId} not found`);
  }

  private requireUser(userId: string): void {
    if (!this.stmt.user.get(userId)) throw new IdentityError(`user ${userId} not found`);
  }
}

function requireName(name: string, what: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new IdentityError(`the ${what} name must not be empty`);
  if (trimmed.length > 200) throw new IdentityError(`the ${what} name must be at most 200 characters`);
  return trimmed;
}
