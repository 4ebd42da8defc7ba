// Durable coaching messages and per-user ordered streams in Redis, shared by every relay process. One Lua
// script per append checks the (sender, msgId) idempotency key, takes each recipient's next seq (INCR), writes
// the stream entries, message, thread index and retention index, and publishes the entries for live delivery,
// all atomically. The reply (and the publish) leave Redis only after its AOF write, fsynced with
// `appendfsync always`. Appends issued in one tick share one pipeline write and one fsync (group commit).
import type { Redis } from 'ioredis';
import type { ReadReceipt, ThreadMessage } from '../../protocol/index.ts';
import type { AppendOutcome, DurableStore, StreamEntry } from '../store/durable-store.ts';

const APPEND_MESSAGE = `
local p, sender, msgId, id, json, at, thread, whisper = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local idem = p .. 'idem:' .. sender .. ':' .. msgId
local prev = redis.call('GET', idem)
if prev then
  local sep = string.find(prev, '|', 1, true)
  local prevId = string.sub(prev, 1, sep - 1)
  return {'dup', prevId, string.sub(prev, sep + 1), redis.call('GET', p .. 'msg:' .. prevId) or ''}
end
local list, out, senderSeq = {}, {'new'}, 0
for i = 9, #ARGV do
  local user = ARGV[i]
  local seq = redis.call('INCR', p .. 'seq:' .. user)
  redis.call('ZADD', p .. 'st:' .. user, seq, seq .. '|m|' .. id)
  redis.call('ZADD', p .. 'age', at, 's|' .. user .. '|' .. seq)
  list[#list + 1] = user .. ':' .. seq
  out[#out + 1] = seq
  if user == sender then senderSeq = seq end
end
redis.call('SET', p .. 'msg:' .. id, json)
redis.call('SET', idem, id .. '|' .. senderSeq)
redis.call('ZADD', p .. 'th:' .. thread, redis.call('INCR', p .. 'msgno'), id)
if whisper == '1' then redis.call('SADD', p .. 'parts:' .. thread, sender) end
redis.call('ZADD', p .. 'age', at, 'm|' .. id .. '|' .. sender .. '|' .. msgId .. '|' .. thread)
redis.call('PUBLISH', p .. 'stream', 'm|' .. table.concat(list, ',') .. '|' .. json)
return out
`;

const APPEND_RECEIPT = `
local p, reader, at, json, n = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5])
for i = 6, 5 + n do redis.call('ZADD', p .. 'reads:' .. ARGV[i], 'NX', at, reader) end
local list, out = {}, {}
for i = 6 + n, #ARGV do
  local user = ARGV[i]
  local seq = redis.call('INCR', p .. 'seq:' .. user)
  redis.call('ZADD', p .. 'st:' .. user, seq, seq .. '|r|' .. json)
  redis.call('ZADD', p .. 'age', at, 's|' .. user .. '|' .. seq)
  list[#list + 1] = user .. ':' .. seq
  out[#out + 1] = seq
end
redis.call('PUBLISH', p .. 'stream', 'r|' .. table.concat(list, ',') .. '|' .. json)
return out
`;

const READ_STREAM = `
local p = ARGV[1]
local items = redis.call('ZRANGEBYSCORE', p .. 'st:' .. ARGV[2], '(' .. ARGV[3], '+inf', 'LIMIT', 0, tonumber(ARGV[4]))
local out = {}
for _, m in ipairs(items) do
  local a = string.find(m, '|', 1, true)
  local seq, kind, rest = string.sub(m, 1, a - 1), string.sub(m, a + 1, a + 1), string.sub(m, a + 3)
  if kind == 'm' then
    local body = redis.call('GET', p .. 'msg:' .. rest)
    if body then out[#out + 1] = seq; out[#out + 1] = 'm'; out[#out + 1] = body end
  else
    out[#out + 1] = seq; out[#out + 1] = 'r'; out[#out + 1] = rest
  end
end
return out
`;

const READ_THREAD = `
local p = ARGV[1]
local ids = redis.call('ZRANGE', p .. 'th:' .. ARGV[2], -tonumber(ARGV[3]), -1)
local out = {}
for _, id in ipairs(ids) do
  local body = redis.call('GET', p .. 'msg:' .. id)
  if body then
    out[#out + 1] = body
    out[#out + 1] = table.concat(redis.call('ZRANGE', p .. 'reads:' .. id, 0, -1), ',')
  end
end
return out
`;

const PRUNE = `
local p = ARGV[1]
local items = redis.call('ZRANGEBYSCORE', p .. 'age', '-inf', '(' .. ARGV[2], 'LIMIT', 0, 500)
local messages, entries = 0, 0
for _, m in ipairs(items) do
  if string.sub(m, 1, 2) == 's|' then
    local rest = string.sub(m, 3)
    local sep = string.find(rest, '|', 1, true)
    local seq = string.sub(rest, sep + 1)
    entries = entries + redis.call('ZREMRANGEBYSCORE', p .. 'st:' .. string.sub(rest, 1, sep - 1), seq, seq)
  else
    local f, pos = {}, 3
    for i = 1, 3 do
      local sep = string.find(m, '|', pos, true)
      f[i] = string.sub(m, pos, sep - 1)
      pos = sep + 1
    end
    local thread = string.sub(m, pos)
    redis.call('DEL', p .. 'msg:' .. f[1], p .. 'reads:' .. f[1], p .. 'idem:' .. f[2] .. ':' .. f[3])
    redis.call('ZREM', p .. 'th:' .. thread, f[1])
    messages = messages + 1
  end
  redis.call('ZREM', p .. 'age', m)
end
return {messages, entries, #items}
`;

/** The thread index key part of a conversation: agent plus key, or the agent's help requests without one. */
function threadKey(agentId: string, conversationKey: string | null): string {
  return conversationKey === null ? `${agentId}:n` : `${agentId}:k:${conversationKey}`;
}

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

export class RedisMessageStore implements DurableStore {
  private readonly scripts: Record<'appendMessage' | 'appendReceipt' | 'readStream' | 'readThread' | 'prune', ScriptCall>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Called after each append is durable (1 append each: Redis groups the fsyncs itself). */
    private readonly onCommit: (appends: number) => void = () => {},
  ) {
    // Defined scripts run by EVALSHA (loaded once, again after a Redis restart).
    const define = (name: string, lua: string): ScriptCall => {
      const command = `undertone_${name}`;
      const commands = redis as unknown as Record<string, ScriptCall | undefined>;
      if (!commands[command]) redis.defineCommand(command, { numberOfKeys: 0, lua });
      return (...args) => commands[command]!.call(redis, ...args);
    };
    this.scripts = {
      appendMessage: define('append_message', APPEND_MESSAGE),
      appendReceipt: define('append_receipt', APPEND_RECEIPT),
      readStream: define('read_stream', READ_STREAM),
      readThread: define('read_thread', READ_THREAD),
      prune: define('prune', PRUNE),
    };
  }

  async appendMessage(message: ThreadMessage, _orgId: string, recipients: readonly string[]): Promise<AppendOutcome> {
    const whisper = message.kind === 'whisper' || message.kind === 'suggestion' ? '1' : '0';
    const reply = (await this.scripts.appendMessage(
      this.prefix,
      message.from.id,
      message.msgId,
      message.id,
      JSON.stringify(message),
      message.createdAt,
      threadKey(message.agentId, message.conversationKey),
      whisper,
      ...recipients,
    )) as (string | number)[];
    if (reply[0] === 'dup') {
      const existing = reply[3] ? (JSON.parse(String(reply[3])) as ThreadMessage) : undefined;
      if (!existing) throw new Error(`message ${String(reply[1])} is being pruned`);
      const senderSeq = Number(reply[2]);
      return { duplicate: true, existing, senderSeq: senderSeq > 0 ? senderSeq : null };
    }
    this.onCommit(1);
    return { duplicate: false, entries: recipients.map((userId, i) => ({ userId, seq: Number(reply[i + 1]), kind: 'message', message })) };
  }

  async appendReceipt(receipt: ReadReceipt, recipients: readonly string[]): Promise<StreamEntry[]> {
    const reply = (await this.scripts.appendReceipt(
      this.prefix,
      receipt.by.id,
      receipt.at,
      JSON.stringify(receipt),
      receipt.messageIds.length,
      ...receipt.messageIds,
      ...recipients,
    )) as number[];
    this.onCommit(1);
    return recipients.map((userId, i) => ({ userId, seq: Number(reply[i]), kind: 'read', receipt }));
  }

  async headSeq(userId: string): Promise<number> {
    return Number((await this.redis.get(`${this.prefix}seq:${userId}`)) ?? 0);
  }

  async oldestSeq(userId: string): Promise<number | undefined> {
    const first = await this.redis.zrange(`${this.prefix}st:${userId}`, '0', '0', 'WITHSCORES');
    return first.length === 2 ? Number(first[1]) : undefined;
  }

  async readStream(userId: string, afterSeq: number, limit = 1000): Promise<StreamEntry[]> {
    const flat = (await this.scripts.readStream(this.prefix, userId, afterSeq, limit)) as string[];
    const out: StreamEntry[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const seq = Number(flat[i]);
      if (flat[i + 1] === 'm') out.push({ userId, seq, kind: 'message', message: JSON.parse(flat[i + 2]!) as ThreadMessage });
      else out.push({ userId, seq, kind: 'read', receipt: JSON.parse(flat[i + 2]!) as ReadReceipt });
    }
    return out;
  }

  async thread(agentId: string, conversationKey: string | null, limit = 200): Promise<ThreadMessage[]> {
    const flat = (await this.scripts.readThread(this.prefix, threadKey(agentId, conversationKey), limit)) as string[];
    const out: ThreadMessage[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const message = JSON.parse(flat[i]!) as ThreadMessage;
      message.readBy = flat[i + 1] ? flat[i + 1]!.split(',') : [];
      out.push(message);
    }
    return out;
  }

  async threadParticipants(agentId: string, conversationKey: string): Promise<string[]> {
    return this.redis.smembers(`${this.prefix}parts:${threadKey(agentId, conversationKey)}`);
  }

  async getMessage(id: string): Promise<ThreadMessage | undefined> {
    const body = await this.redis.get(`${this.prefix}msg:${id}`);
    return body ? (JSON.parse(body) as ThreadMessage) : undefined;
  }

  async isReadBy(messageId: string, userId: string): Promise<boolean> {
    return (await this.redis.zscore(`${this.prefix}reads:${messageId}`, userId)) !== null;
  }

  async prune(cutoff: number): Promise<{ messages: number; streamEntries: number }> {
    let messages = 0;
    let streamEntries = 0;
    for (;;) {
      const [m, e, seen] = (await this.scripts.prune(this.prefix, cutoff)) as number[];
      messages += m!;
      streamEntries += e!;
      if (seen! < 500) return { messages, streamEntries };
    }
  }

  flushNow(): void {
    // Every append is its own script call, already on its way to Redis.
  }
}
