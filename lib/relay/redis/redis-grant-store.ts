// Guest grants in Redis, shared by every relay process: a hash per grant (its fixed part as JSON, and its end),
// the active grant per (agent, conversation, guest), and sets of unended grants per chat, per guest and overall.
// Creating and ending are Lua scripts, so two processes never both create or both end the same grant.
import type { Redis } from 'ioredis';
import type { GrantEndReason } from '../../protocol/index.ts';
import { isActive, type GrantStore, type StoredGrant } from '../guests/grant-store.ts';

const CREATE = `
local p, pair, chat, guest, id, json, now, expiresAt = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8]
-- ARGV[9]: the agent
local prev = redis.call('HGET', p .. 'grants:active', pair)
if prev then
  local k = p .. 'grant:' .. prev
  if tonumber(redis.call('HGET', k, 'expiresAt')) > now then return {'old', prev} end
  redis.call('HSET', k, 'endedAt', now, 'endReason', 'expired')
  redis.call('SREM', p .. 'grants:chat:' .. chat, prev)
  redis.call('SREM', p .. 'grants:guest:' .. guest, prev)
  redis.call('SREM', p .. 'grants:agent:' .. ARGV[9], prev)
  redis.call('SREM', p .. 'grants:unended', prev)
end
redis.call('HSET', p .. 'grant:' .. id, 'json', json, 'expiresAt', expiresAt, 'pair', pair, 'chat', chat, 'guest', guest, 'agent', ARGV[9])
redis.call('HSET', p .. 'grants:active', pair, id)
redis.call('SADD', p .. 'grants:chat:' .. chat, id)
redis.call('SADD', p .. 'grants:guest:' .. guest, id)
redis.call('SADD', p .. 'grants:agent:' .. ARGV[9], id)
redis.call('SADD', p .. 'grants:unended', id)
return {'new', id}
`;

const END = `
local p, id, at, reason, by = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local k = p .. 'grant:' .. id
if redis.call('EXISTS', k) == 0 or redis.call('HEXISTS', k, 'endedAt') == 1 then return 0 end
redis.call('HSET', k, 'endedAt', at, 'endReason', reason, 'endedBy', by)
local pair = redis.call('HGET', k, 'pair')
if redis.call('HGET', p .. 'grants:active', pair) == id then redis.call('HDEL', p .. 'grants:active', pair) end
redis.call('SREM', p .. 'grants:chat:' .. redis.call('HGET', k, 'chat'), id)
redis.call('SREM', p .. 'grants:guest:' .. redis.call('HGET', k, 'guest'), id)
redis.call('SREM', p .. 'grants:agent:' .. redis.call('HGET', k, 'agent'), id)
redis.call('SREM', p .. 'grants:unended', id)
return 1
`;

/** The fixed part of a grant, stored as JSON. */
type GrantBody = Omit<StoredGrant, 'endedAt' | 'endReason' | 'endedBy'>;

function chatPart(agentId: string, conversationKey: string): string {
  return `${agentId}:${encodeURIComponent(conversationKey)}`;
}

function pairPart(agentId: string, conversationKey: string, guestId: string): string {
  return `${chatPart(agentId, conversationKey)}:${guestId}`;
}

function byAge(a: StoredGrant, b: StoredGrant): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export class RedisGrantStore implements GrantStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async create(grant: StoredGrant, now: number): Promise<{ grant: StoredGrant; created: boolean }> {
    const body: GrantBody = {
      id: grant.id,
      orgId: grant.orgId,
      agentId: grant.agentId,
      agentName: grant.agentName,
      conversationKey: grant.conversationKey,
      guest: grant.guest,
      invitedBy: grant.invitedBy,
      createdAt: grant.createdAt,
      expiresAt: grant.expiresAt,
    };
    const [outcome, id] = (await this.redis.eval(
      CREATE,
      0,
      this.prefix,
      pairPart(grant.agentId, grant.conversationKey, grant.guest.id),
      chatPart(grant.agentId, grant.conversationKey),
      grant.guest.id,
      grant.id,
      JSON.stringify(body),
      now,
      grant.expiresAt,
      grant.agentId,
    )) as [string, string];
    if (outcome === 'new') return { grant: { ...body, endedAt: null, endReason: null, endedBy: null }, created: true };
    const existing = await this.get(id);
    if (!existing) throw new Error(`grant ${id} vanished while it was being read`);
    return { grant: existing, created: false };
  }

  async end(grantId: string, at: number, reason: GrantEndReason, endedBy: string | null): Promise<StoredGrant | undefined> {
    const changed = (await this.redis.eval(END, 0, this.prefix, grantId, at, reason, endedBy ?? '')) as number;
    return changed === 1 ? this.get(grantId) : undefined;
  }

  async activeFor(orgId: string, agentId: string, conversationKey: string, guestId: string, now: number): Promise<StoredGrant | undefined> {
    const id = await this.redis.hget(this.prefix + 'grants:active', pairPart(agentId, conversationKey, guestId));
    const grant = id === null ? undefined : await this.get(id);
    return grant && grant.orgId === orgId && isActive(grant, now) ? grant : undefined;
  }

  async activeOfChat(agentId: string, conversationKey: string, now: number): Promise<StoredGrant[]> {
    return (await this.members(`grants:chat:${chatPart(agentId, conversationKey)}`)).filter((g) => isActive(g, now));
  }

  async activeOfAgent(agentId: string, now: number): Promise<StoredGrant[]> {
    return (await this.members(`grants:agent:${agentId}`)).filter((g) => isActive(g, now));
  }

  async activeOfGuest(guestId: string, now: number): Promise<StoredGrant[]> {
    return (await this.members(`grants:guest:${guestId}`)).filter((g) => isActive(g, now));
  }

  unended(): Promise<StoredGrant[]> {
    return this.members('grants:unended');
  }

  private async members(setKey: string): Promise<StoredGrant[]> {
    const ids = await this.redis.smembers(this.prefix + setKey);
    const grants = await Promise.all(ids.map((id) => this.get(id)));
    return grants.filter((g): g is StoredGrant => g !== undefined).sort(byAge);
  }

  private async get(id: string): Promise<StoredGrant | undefined> {
    const h = await this.redis.hgetall(this.prefix + 'grant:' + id);
    if (h.json === undefined) return undefined;
    const body = JSON.parse(h.json) as GrantBody;
    return {
      ...body,
      endedAt: h.endedAt === undefined ? null : Number(h.endedAt),
      endReason: (h.endReason as GrantEndReason | undefined) ?? null,
      endedBy: h.endedBy ? h.endedBy : null,
    };
  }
}
