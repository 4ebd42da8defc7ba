// Organisations, teams, users, enrollment codes and device tokens in Redis, shared by every relay process and
// the admin CLI (`--redis URL`). Hashes per record, sets and sorted sets for listings; secrets stored hashed.
import type { Redis } from 'ioredis';
import type { Role, TeamRef } from '../../protocol/index.ts';
import type { DirectoryAdmin, Redemption } from '../identity/directory.ts';
import { cleanHelpdeskNames, parseStoredHelpdeskNames } from '../identity/helpdesk-names.ts';
import { IdentityError, type Org, type Principal, type Team, type TokenInfo, type User } from '../identity/identity-store.ts';
import { hashSecret, newDeviceToken, newEnrollmentCode, newId, normaliseEnrollmentCode } from '../identity/secrets.ts';

const DEFAULT_ENROLLMENT_TTL_MS = 72 * 3600_000;

/** Marks a code used and issues a token in one step: answers invalid, used, expired or ok. */
const REDEEM = `
local code = KEYS[1]
local userId = redis.call('HGET', code, 'userId')
if not userId then return 'invalid' end
if redis.call('HGET', code, 'usedAt') then return 'used' end
local now = tonumber(ARGV[1])
if tonumber(redis.call('HGET', code, 'expiresAt')) <= now then return 'expired' end
if redis.call('EXISTS', KEYS[2] .. userId) == 0 then return 'invalid' end
redis.call('HSET', code, 'usedAt', now)
redis.call('HSET', KEYS[3], 'hash', ARGV[3], 'userId', userId, 'device', ARGV[4], 'createdAt', now)
redis.call('SET', KEYS[4], ARGV[2])
redis.call('ZADD', KEYS[5], now, ARGV[2])
return 'ok:' .. userId
`;

export class RedisDirectory implements DirectoryAdmin {
  /** Users cannot be changed once created, so each process keeps the ones it has read. */
  private readonly users = new Map<string, User>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private k(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  async addOrg(name: string, now = Date.now()): Promise<Org> {
    const org: Org = { id: newId('org'), name: requireName(name, 'organisation'), createdAt: now };
    await this.redis.multi().hset(this.k('org', org.id), 'name', org.name, 'createdAt', now).zadd(this.k('orgs'), now, org.id).exec();
    return org;
  }

  async listOrgs(): Promise<Org[]> {
    const ids = await this.redis.zrange(this.k('orgs'), '0', '-1');
    const orgs = await Promise.all(ids.map((id) => this.getOrg(id)));
    return orgs.filter((o): o is Org => o !== undefined);
  }

  async getOrg(orgId: string): Promise<Org | undefined> {
    const h = await this.redis.hgetall(this.k('org', orgId));
    return h.name === undefined ? undefined : { id: orgId, name: h.name, createdAt: Number(h.createdAt) };
  }

  async addTeam(orgId: string, name: string, now = Date.now()): Promise<Team> {
    await this.requireOrg(orgId);
    const trimmed = requireName(name, 'team');
    const team: Team = { id: newId('team'), orgId, name: trimmed, createdAt: now };
    if (!(await this.redis.hsetnx(this.k('org', orgId, 'teams'), trimmed, team.id))) {
      throw new IdentityError(`a team named "${trimmed}" already exists in ${orgId}`);
    }
    await this.redis.hset(this.k('team', team.id), 'orgId', orgId, 'name', trimmed, 'createdAt', now);
    return team;
  }

  async listTeams(orgId: string): Promise<Team[]> {
    await this.requireOrg(orgId);
    const byName = await this.redis.hgetall(this.k('org', orgId, 'teams'));
    const teams = await Promise.all(
      Object.values(byName).map(async (id) => {
        const h = await this.redis.hgetall(this.k('team', id));
        return { id, orgId, name: h.name!, createdAt: Number(h.createdAt) };
      }),
    );
    return teams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async addUser(input: { orgId: string; name: string; role: Role; teamIds: string[] }, now = Date.now()): Promise<User> {
    await this.requireOrg(input.orgId);
    const name = requireName(input.name, 'user');
    const teamIds = [...new Set(input.teamIds)].sort();
    for (const teamId of teamIds) {
      if ((await this.redis.hget(this.k('team', teamId), 'orgId')) !== input.orgId) throw new IdentityError(`team ${teamId} not found in ${input.orgId}`);
    }
    if (input.role !== 'admin' && teamIds.length === 0) throw new IdentityError(`an ${input.role} must belong to at least one team (--team)`);
    const user: User = { id: newId('usr'), orgId: input.orgId, name, role: input.role, teamIds, helpdeskNames: [], createdAt: now };
    const tx = this.redis
      .multi()
      .hset(this.k('user', user.id), 'orgId', user.orgId, 'name', name, 'role', user.role, 'teams', teamIds.join(','), 'createdAt', now)
      .zadd(this.k('org', user.orgId, 'users'), now, user.id);
    if (user.role === 'supervisor') for (const teamId of teamIds) tx.sadd(this.k('team', teamId, 'sup'), user.id);
    await tx.exec();
    return user;
  }

  async listUsers(orgId: string): Promise<User[]> {
    await this.requireOrg(orgId);
    const ids = await this.redis.zrange(this.k('org', orgId, 'users'), '0', '-1');
    const users = (await Promise.all(ids.map((id) => this.getUser(id)))).filter((u): u is User => u !== undefined);
    return users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  }

  async getUser(userId: string): Promise<User | undefined> {
    const cached = this.users.get(userId);
    if (cached) return cached;
    const h = await this.redis.hgetall(this.k('user', userId));
    if (h.orgId === undefined) return undefined;
    const user: User = {
      id: userId,
      orgId: h.orgId,
      name: h.name!,
      role: h.role as Role,
      teamIds: h.teams ? h.teams.split(',') : [],
      helpdeskNames: parseStoredHelpdeskNames(h.helpdeskNames),
      createdAt: Number(h.createdAt),
    };
    if (this.users.size > 100_000) this.users.clear();
    this.users.set(userId, user);
    return user;
  }

  /** Replaces a user's other helpdesk names; read fresh at each sign-in (never from this process's user cache). */
  async setHelpdeskNames(userId: string, names: readonly string[]): Promise<User> {
    await this.requireUser(userId);
    const cleaned = cleanHelpdeskNames(names);
    if (!cleaned.ok) throw new IdentityError(cleaned.problem);
    await this.redis.hset(this.k('user', userId), 'helpdeskNames', JSON.stringify(cleaned.names));
    this.users.delete(userId);
    return (await this.getUser(userId))!;
  }

  async getUserInOrg(orgId: string, userId: string): Promise<User | undefined> {
    const user = await this.getUser(userId);
    return user && user.orgId === orgId ? user : undefined;
  }

  async supervisorsOfTeams(teamIds: readonly string[]): Promise<string[]> {
    const sets = await Promise.all(teamIds.map((t) => this.redis.smembers(this.k('team', t, 'sup'))));
    return [...new Set(sets.flat())];
  }

  async issueEnrollmentCode(userId: string, ttlMs = DEFAULT_ENROLLMENT_TTL_MS, now = Date.now()): Promise<{ code: string; userId: string; expiresAt: number }> {
    await this.requireUser(userId);
    if (!(ttlMs > 0)) throw new IdentityError('the code lifetime must be positive');
    const code = newEnrollmentCode();
    const expiresAt = now + ttlMs;
    await this.redis.hset(this.k('enr', hashSecret(normaliseEnrollmentCode(code))), 'userId', userId, 'createdAt', now, 'expiresAt', expiresAt);
    return { code, userId, expiresAt };
  }

  async redeemEnrollmentCode(code: string, deviceName: string, now = Date.now()): Promise<Redemption> {
    const token = newDeviceToken();
    const tokenId = newId('tok');
    const hash = hashSecret(token);
    const keys = [this.k('enr', hashSecret(normaliseEnrollmentCode(code))), this.k('user', ''), this.k('tok', tokenId), this.k('tokh', hash), this.k('tokens')];
    const answer = (await this.redis.eval(REDEEM, keys.length, ...keys, now, tokenId, hash, cleanDevice(deviceName))) as string;
    if (answer === 'invalid') return { ok: false, reason: 'code_invalid' };
    if (answer === 'used') return { ok: false, reason: 'code_used' };
    if (answer === 'expired') return { ok: false, reason: 'code_expired' };
    const principal = await this.principalFor(answer.slice(3), tokenId);
    if (!principal) return { ok: false, reason: 'code_invalid' };
    return { ok: true, token, tokenId, principal };
  }

  async issueToken(userId: string, deviceName: string, now = Date.now()): Promise<{ token: string; tokenId: string; userId: string }> {
    await this.requireUser(userId);
    const token = newDeviceToken();
    const tokenId = newId('tok');
    const hash = hashSecret(token);
    await this.redis
      .multi()
      .hset(this.k('tok', tokenId), 'hash', hash, 'userId', userId, 'device', cleanDevice(deviceName), 'createdAt', now)
      .set(this.k('tokh', hash), tokenId)
      .zadd(this.k('tokens'), now, tokenId)
      .exec();
    return { token, tokenId, userId };
  }

  async authenticate(token: string, now = Date.now()): Promise<Principal | undefined> {
    const tokenId = await this.redis.get(this.k('tokh', hashSecret(token)));
    if (!tokenId) return undefined;
    const [userId, revokedAt] = await this.redis.hmget(this.k('tok', tokenId), 'userId', 'revokedAt');
    if (!userId || revokedAt) return undefined;
    void this.redis.hset(this.k('tok', tokenId), 'lastUsedAt', now).catch(() => {});
    return this.principalFor(userId, tokenId);
  }

  async listTokens(filter: { userId?: string; orgId?: string } = {}): Promise<TokenInfo[]> {
    const ids = await this.redis.zrange(this.k('tokens'), '0', '-1');
    const out: TokenInfo[] = [];
    for (const id of ids) {
      const h = await this.redis.hgetall(this.k('tok', id));
      if (!h.userId || (filter.userId && h.userId !== filter.userId)) continue;
      const user = await this.getUser(h.userId);
      if (!user || (filter.orgId && user.orgId !== filter.orgId)) continue;
      out.push({
        id,
        userId: h.userId,
        userName: user.name,
        orgId: user.orgId,
        deviceName: h.device ?? '',
        createdAt: Number(h.createdAt),
        lastUsedAt: h.lastUsedAt ? Number(h.lastUsedAt) : null,
        revokedAt: h.revokedAt ? Number(h.revokedAt) : null,
      });
    }
    return out;
  }

  async revokeToken(tokenId: string, now = Date.now()): Promise<{ tokenId: string; revokedAt: number }> {
    const h = await this.redis.hmget(this.k('tok', tokenId), 'userId', 'revokedAt');
    if (!h[0]) throw new IdentityError(`token ${tokenId} not found`);
    if (h[1]) return { tokenId, revokedAt: Number(h[1]) };
    await this.redis.multi().hset(this.k('tok', tokenId), 'revokedAt', now).zadd(this.k('revoked'), now, tokenId).exec();
    return { tokenId, revokedAt: now };
  }

  async revokedSince(since: number): Promise<{ id: string; revokedAt: number }[]> {
    const flat = await this.redis.zrangebyscore(this.k('revoked'), since, '+inf', 'WITHSCORES');
    const out: { id: string; revokedAt: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ id: flat[i]!, revokedAt: Number(flat[i + 1]) });
    return out;
  }

  private async principalFor(userId: string, tokenId: string): Promise<Principal | undefined> {
    const user = await this.getUser(userId);
    if (!user) return undefined;
    const org = await this.getOrg(user.orgId);
    if (!org) return undefined;
    const teams: TeamRef[] = await Promise.all(user.teamIds.map(async (id) => ({ id, name: (await this.redis.hget(this.k('team', id), 'name')) ?? id })));
    teams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // Helpdesk names can change while relays run: read them fresh, not from the user cache.
    const helpdeskNames = parseStoredHelpdeskNames(await this.redis.hget(this.k('user', userId), 'helpdeskNames'));
    return { userId: user.id, name: user.name, role: user.role, orgId: org.id, orgName: org.name, teams, helpdeskNames, tokenId };
  }

  private async requireOrg(orgId: string): Promise<void> {
    if (!(await this.redis.exists(this.k('org', orgId)))) throw new IdentityError(`organisation ${orgId} not found`);
  }

  private async requireUser(userId: string): Promise<void> {
    if (!(await this.getUser(userId))) throw new IdentityError(`user ${userId} not found`);
  }
}

function cleanDevice(deviceName: string): string {
  return deviceName.trim().slice(0, 100) || 'device';
}

function requireName(name: string, what: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new IdentityError(`the ${what} name must not be empty`);
  if (trimmed.length > 200) throw new IdentityError(`the ${what} name must be at most 200 characters`);
  return trimmed;
}
