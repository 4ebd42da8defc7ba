// Durable coaching messages and per-user ordered streams in Redis, shared by every relay process. The appends of
// one event-loop turn run as one Lua script (append-batch.ts): per message it checks the (sender, msgId)
// idempotency key, takes each recipient's next seq (INCR), writes the stream entries, message, thread index and
// retention index, and the entries are published for live delivery. The reply leaves Redis only after its AOF
// write, fsynced with `appendfsync always`; with a replica wait, only after replicas confirmed it too.
import type { Redis } from 'ioredis';
import type { ReadReceipt, ThreadMessage } from '../../protocol/index.ts';
import type { AppendOutcome, CustomerSendResult, DurableStore, StreamEntry } from '../store/durable-store.ts';
import { AppendBatcher, type ReplicaWait } from './append-batch.ts';

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
    out[#out + 1] = seq; out[#out + 1] = kind; out[#out + 1] = rest
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
    out[#out + 1] = redis.call('GET', p .. 'cs:' .. id) or ''
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
    redis.call('DEL', p .. 'msg:' .. f[1], p .. 'reads:' .. f[1], p .. 'cs:' .. f[1], p .. 'csl:' .. f[1], p .. 'idem:' .. f[2] .. ':' .. f[3])
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

/** Threads whose participants a process keeps; the cache starts over when it is full. */
const MAX_CACHED_THREADS = 50_000;

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

export class RedisMessageStore implements DurableStore {
  private readonly scripts: Record<'readStream' | 'readThread' | 'prune', ScriptCall>;
  private readonly appends: AppendBatcher;
  /** Whisperers per thread key (a promise while being read). */
  private readonly participants = new Map<string, Set<string> | Promise<Set<string>>>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Called after each script call of appends is durable, with the number of new appends in it. */
    onCommit: (appends: number) => void = () => {},
    wait: ReplicaWait = { replicas: 0, timeoutMs: 0 },
  ) {
    this.appends = new AppendBatcher(redis, prefix, wait, onCommit);
    // Defined scripts run by EVALSHA (loaded once, again after a Redis restart).
    const define = (name: string, lua: string): ScriptCall => {
      const command = `undertone_${name}`;
      const commands = redis as unknown as Record<string, ScriptCall | undefined>;
      if (!commands[command]) redis.defineCommand(command, { numberOfKeys: 0, lua });
      return (...args) => commands[command]!.call(redis, ...args);
    };
    this.scripts = {
      readStream: define('read_stream', READ_STREAM),
      readThread: define('read_thread', READ_THREAD),
      prune: define('prune', PRUNE),
    };
  }

  async appendMessage(message: ThreadMessage, _orgId: string, recipients: readonly string[]): Promise<AppendOutcome> {
    const whisper = message.kind === 'whisper' || message.kind === 'suggestion' || message.kind === 'customer' ? '1' : '0';
    const thread = threadKey(message.agentId, message.conversationKey);
    const reply = await this.appends.add(['m', recipients.length, message.from.id, message.msgId, message.id, JSON.stringify(message), message.createdAt, thread, whisper, ...recipients]);
    if (whisper === '1') this.participantAdded(`${thread}|${message.from.id}`);
    if (reply[0] === 'dup') {
      const existing = reply[3] ? (JSON.parse(reply[3]) as ThreadMessage) : undefined;
      if (!existing) throw new Error(`message ${reply[1]} is being pruned`);
      const senderSeq = Number(reply[2]);
      return { duplicate: true, existing, senderSeq: senderSeq > 0 ? senderSeq : null };
    }
    const entries: StreamEntry[] = [];
    for (let i = 1; i < reply.length; i += 2) entries.push({ userId: String(reply[i]), seq: Number(reply[i + 1]), kind: 'message', message });
    return { duplicate: false, entries };
  }

  async appendReceipt(receipt: ReadReceipt, recipients: readonly string[]): Promise<StreamEntry[]> {
    const reply = await this.appends.add(['r', receipt.messageIds.length, recipients.length, receipt.by.id, receipt.at, JSON.stringify(receipt), ...receipt.messageIds, ...recipients]);
    return recipients.map((userId, i) => ({ userId, seq: Number(reply[i + 1]), kind: 'read', receipt }));
  }

  async appendCustomerSend(result: CustomerSendResult, recipients: readonly string[]): Promise<StreamEntry[] | null> {
    const reply = await this.appends.add(['c', recipients.length, result.messageId, result.at, JSON.stringify(result), ...recipients]);
    if (reply[0] === 'csdup') return null;
    return recipients.map((userId, i) => ({ userId, seq: Number(reply[i + 1]), kind: 'customer_send', result }));
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
      else if (flat[i + 1] === 'c') out.push({ userId, seq, kind: 'customer_send', result: JSON.parse(flat[i + 2]!) as CustomerSendResult });
      else out.push({ userId, seq, kind: 'read', receipt: JSON.parse(flat[i + 2]!) as ReadReceipt });
    }
    return out;
  }

  async thread(agentId: string, conversationKey: string | null, limit = 200): Promise<ThreadMessage[]> {
    const flat = (await this.scripts.readThread(this.prefix, threadKey(agentId, conversationKey), limit)) as string[];
    const out: ThreadMessage[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const message = JSON.parse(flat[i]!) as ThreadMessage;
      message.readBy = flat[i + 1] ? flat[i + 1]!.split(',') : [];
      if (flat[i + 2]) {
        const { outcome, reason, at } = JSON.parse(flat[i + 2]!) as CustomerSendResult;
        message.customerSend = { outcome, ...(reason ? { reason } : {}), at };
      }
      out.push(message);
    }
    return out;
  }

  /**
   * Read through a cache: a thread's whisperers only change when someone whispers into it for the first time,
   * which the append script announces to every process (`participantAdded`). So a whisper costs no Redis round
   * trip before it is queued (a round trip waits for the fsync of the batch ahead of it).
   */
  async threadParticipants(agentId: string, conversationKey: string): Promise<string[]> {
    const thread = threadKey(agentId, conversationKey);
    const cached = this.participants.get(thread);
    if (cached) return [...(await cached)];
    if (this.participants.size >= MAX_CACHED_THREADS) this.participants.clear();
    const loading: Promise<Set<string>> = this.redis.smembers(`${this.prefix}parts:${thread}`).then((list) => {
      const set = new Set(list);
      if (this.participants.get(thread) === loading) this.participants.set(thread, set);
      return set;
    });
    loading.catch(() => this.participants.delete(thread));
    this.participants.set(thread, loading);
    return [...(await loading)];
  }

  /** A first whisper of `userId` into a thread, announced by the append script as `thread|userId`. */
  participantAdded(announcement: string): void {
    const bar = announcement.lastIndexOf('|');
    const thread = announcement.slice(0, bar);
    const cached = this.participants.get(thread);
    if (cached instanceof Set) cached.add(announcement.slice(bar + 1));
    // Still loading: the answer may predate the addition, so read again next time.
    else if (cached) this.participants.delete(thread);
  }

  /** After a lost link announcements may have been missed: read every thread's participants again. */
  forgetParticipants(): void {
    this.participants.clear();
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

  /** On shutdown: commits what is queued, waiting at most 3 s for Redis. */
  flushNow(): Promise<void> {
    return this.appends.drain(3_000);
  }

  /** Refuses appends from now on (the relay stops). */
  close(): void {
    this.appends.close();
  }
}
