// Group commit for Redis: the message, receipt and customer send outcome appends of one event-loop turn go to Redis as one script call
// (one AOF write and one fsync), optionally followed by WAIT so that they are acknowledged only once replicas
// have them; the stream entries are published for live delivery, to the processes holding their users, only
// after that.
import type { Redis } from 'ioredis';
import { ReplicationShortfall } from '../store/durable-store.ts';

/**
 * One script for a whole batch. ARGV: prefix, publish-now flag, then items, each `m` (message), `r` (receipt) or
 * `c` (the first outcome of a customer message, kept at cs:<message id>, its stream entries at csl:<message id>):
 *   m, nRecipients, sender, msgId, id, json, at, thread, whisper(0|1), recipients…
 *   r, nMessageIds, nRecipients, reader, at, json, messageIds…, recipients…
 *   c, nRecipients, messageId, at, json, recipients…
 * Returns one reply per item ({'new', user, seq, user, seq…}, {'dup', id, senderSeq, json}, {'read', seq…}, {'cs', seq…}
 * or {'csdup'} when an outcome was recorded before) and, last, the
 * publishes still to do ({channel, payload, …}; empty when published here). Always writes one key, so that a
 * following WAIT covers this batch even when every item was a duplicate (and thus the writes it duplicates).
 */
export const APPEND_BATCH = `
local p, publishNow = ARGV[1], ARGV[2] == '1'
local replies, pubs = {}, {}
-- Publishes stream entries ('user:seq' items) only to the processes that hold a socket of their users
-- (the sets at:USER, kept by each process), each process getting just its users' entries.
local function deliver(kind, items, body)
  local byProcess, order = {}, {}
  for _, item in ipairs(items) do
    local user = string.match(item, '^(.*):%d+$')
    for _, pid in ipairs(redis.call('SMEMBERS', p .. 'at:' .. user)) do
      local list = byProcess[pid]
      if not list then list = {}; byProcess[pid] = list; order[#order + 1] = pid end
      list[#list + 1] = item
    end
  end
  for _, pid in ipairs(order) do
    local channel, payload = p .. 'stream:' .. pid, kind .. '|' .. table.concat(byProcess[pid], ',') .. '|' .. body
    if publishNow then redis.call('PUBLISH', channel, payload)
    else pubs[#pubs + 1] = channel; pubs[#pubs + 1] = payload end
  end
end
local function split(list)
  local items = {}
  for item in string.gmatch(list, '[^,]+') do items[#items + 1] = item end
  return items
end
local i = 3
while i <= #ARGV do
  local kind = ARGV[i]
  if kind == 'm' then
    local n = tonumber(ARGV[i + 1])
    local sender, msgId, id, json, at, thread, whisper = ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], ARGV[i + 5], ARGV[i + 6], ARGV[i + 7], ARGV[i + 8]
    local first = i + 9
    i = first + n
    local idem = p .. 'idem:' .. sender .. ':' .. msgId
    local prev = redis.call('GET', idem)
    if prev then
      local sep = string.find(prev, '|', 1, true)
      local sep2 = string.find(prev, '|', sep + 1, true)
      local prevId = string.sub(prev, 1, sep - 1)
      local body = redis.call('GET', p .. 'msg:' .. prevId) or ''
      -- Published again: a first attempt whose answer was lost may not have been published (receivers drop repeats).
      if sep2 and body ~= '' then deliver('m', split(string.sub(prev, sep2 + 1)), body) end
      replies[#replies + 1] = {'dup', prevId, string.sub(prev, sep + 1, (sep2 or 0) - 1), body}
    else
      local list, out, senderSeq, users, seen = {}, {'new'}, 0, {}, {}
      for r = first, first + n - 1 do
        if not seen[ARGV[r]] then seen[ARGV[r]] = true; users[#users + 1] = ARGV[r] end
      end
      for _, user in ipairs(users) do
        local seq = redis.call('INCR', p .. 'seq:' .. user)
        redis.call('ZADD', p .. 'st:' .. user, seq, seq .. '|m|' .. id)
        redis.call('ZADD', p .. 'age', at, 's|' .. user .. '|' .. seq)
        list[#list + 1] = user .. ':' .. seq
        out[#out + 1] = user
        out[#out + 1] = seq
        if user == sender then senderSeq = seq end
      end
      redis.call('SET', p .. 'msg:' .. id, json)
      redis.call('SET', idem, id .. '|' .. senderSeq .. '|' .. table.concat(list, ','))
      redis.call('ZADD', p .. 'th:' .. thread, redis.call('INCR', p .. 'msgno'), id)
      -- A new whisperer of a thread is announced, so that every process's cache of participants stays whole.
      if whisper == '1' and redis.call('SADD', p .. 'parts:' .. thread, sender) == 1 then
        redis.call('PUBLISH', p .. 'parts', thread .. '|' .. sender)
      end
      redis.call('ZADD', p .. 'age', at, 'm|' .. id .. '|' .. sender .. '|' .. msgId .. '|' .. thread)
      deliver('m', list, json)
      replies[#replies + 1] = out
    end
  elseif kind == 'c' then
    local n = tonumber(ARGV[i + 1])
    local messageId, at, json = ARGV[i + 2], ARGV[i + 3], ARGV[i + 4]
    local first = i + 5
    i = first + n
    local prevList = redis.call('GET', p .. 'csl:' .. messageId)
    if prevList then
      -- Published again: a first attempt whose answer was lost may not have been published (receivers drop repeats).
      deliver('c', split(prevList), redis.call('GET', p .. 'cs:' .. messageId) or json)
      replies[#replies + 1] = {'csdup'}
    elseif redis.call('SET', p .. 'cs:' .. messageId, json, 'NX') then
      local list, out = {}, {'cs'}
      for r = first, first + n - 1 do
        local user = ARGV[r]
        local seq = redis.call('INCR', p .. 'seq:' .. user)
        redis.call('ZADD', p .. 'st:' .. user, seq, seq .. '|c|' .. json)
        redis.call('ZADD', p .. 'age', at, 's|' .. user .. '|' .. seq)
        list[#list + 1] = user .. ':' .. seq
        out[#out + 1] = seq
      end
      redis.call('SET', p .. 'csl:' .. messageId, table.concat(list, ','))
      deliver('c', list, json)
      replies[#replies + 1] = out
    else
      replies[#replies + 1] = {'csdup'}
    end
  else
    local nIds, nRecipients = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
    local reader, at, json = ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
    local firstId = i + 6
    local firstRecipient = firstId + nIds
    i = firstRecipient + nRecipients
    for r = firstId, firstRecipient - 1 do redis.call('ZADD', p .. 'reads:' .. ARGV[r], 'NX', at, reader) end
    local list, out = {}, {'read'}
    for r = firstRecipient, firstRecipient + nRecipients - 1 do
      local user = ARGV[r]
      local seq = redis.call('INCR', p .. 'seq:' .. user)
      redis.call('ZADD', p .. 'st:' .. user, seq, seq .. '|r|' .. json)
      redis.call('ZADD', p .. 'age', at, 's|' .. user .. '|' .. seq)
      list[#list + 1] = user .. ':' .. seq
      out[#out + 1] = seq
    end
    deliver('r', list, json)
    replies[#replies + 1] = out
  end
end
redis.call('INCR', p .. 'batches')
replies[#replies + 1] = pubs
return replies
`;

export type AppendReply = ['new', ...(string | number)[]] | ['dup', string, string, string] | ['read', ...number[]] | ['cs', ...number[]] | ['csdup'];

/** How appends wait for replicas: `replicas` 0 acknowledges after the primary's fsync alone. */
export interface ReplicaWait {
  replicas: number;
  timeoutMs: number;
}


interface Pending {
  args: (string | number)[];
  resolve(reply: AppendReply): void;
  reject(error: unknown): void;
}

/** Items per script call: a larger burst is split so that one script never holds Redis for long. */
const MAX_ITEMS = 1024;

type ScriptCall = (...args: (string | number)[]) => Promise<unknown>;

export class AppendBatcher {
  private queue: Pending[] = [];
  private scheduled = false;
  private inFlight = false;
  private closed = false;
  private readonly script: ScriptCall;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly wait: ReplicaWait,
    /** Called once per script call with the number of new appends it made durable. */
    private readonly onCommit: (appends: number) => void,
  ) {
    const command = 'undertone_append_batch';
    const commands = redis as unknown as Record<string, ScriptCall | undefined>;
    if (!commands[command]) redis.defineCommand(command, { numberOfKeys: 0, lua: APPEND_BATCH });
    this.script = (...args) => commands[command]!.call(redis, ...args);
  }

  /** Queues one item (see APPEND_BATCH for its fields); resolves with its reply once durable (and replicated). */
  add(args: (string | number)[]): Promise<AppendReply> {
    if (this.closed) return Promise.reject(new Error('the relay is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ args, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Sends what is queued unless a batch is on its way: one batch at a time, so batches are stored in the order
   * they were formed (a sender's sends stay in order even when a batch has to be sent again), and everything
   * that arrives while one commits goes in the next (group commit).
   */
  flush(): void {
    this.scheduled = false;
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    void this.run(this.queue.splice(0, MAX_ITEMS)).finally(() => {
      this.inFlight = false;
      this.flush();
    });
  }

  /** Sends what is queued and resolves once it is answered, or after `timeoutMs` (Redis unreachable). */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.flush();
    while ((this.inFlight || this.queue.length > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  }

  /** Fails whatever is queued; later appends are refused. */
  close(): void {
    this.closed = true;
    for (const item of this.queue.splice(0)) item.reject(new Error('the relay is shutting down'));
  }

  private async run(batch: Pending[]): Promise<void> {
    const replicated = this.wait.replicas > 0;
    const args: (string | number)[] = [this.prefix, replicated ? '0' : '1'];
    for (const item of batch) for (const a of item.args) args.push(a);
    let replies: unknown[];
    let confirmed = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        ({ replies, confirmed } = await this.attempt(args, replicated));
        break;
      } catch (error) {
        // The connection dropped (Redis restarted, or Sentinel is moving to a new primary): send the same batch
        // again; appends already stored answer as duplicates. Errors of the script itself are final.
        if (this.closed || !retryable(error)) {
          for (const item of batch) item.reject(error);
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(50 * attempt, 500)));
      }
    }
    const pubs = replies[replies.length - 1] as string[];
    // Published after WAIT whatever it answered: recipients see what is stored; only the ack waits for replicas.
    for (let i = 0; i < pubs.length; i += 2) this.publish(pubs[i]!, pubs[i + 1]!);
    let fresh = 0;
    for (let i = 0; i < batch.length; i++) if ((replies[i] as AppendReply)[0] !== 'dup' && (replies[i] as AppendReply)[0] !== 'csdup') fresh++;
    if (fresh > 0) this.onCommit(fresh);
    const shortfall = replicated && confirmed < this.wait.replicas ? new ReplicationShortfall(confirmed, this.wait.replicas) : undefined;
    for (let i = 0; i < batch.length; i++) {
      if (shortfall) batch[i]!.reject(shortfall);
      else batch[i]!.resolve(replies[i] as AppendReply);
    }
  }

  /**
   * Publishes committed entries; a publish lost with the connection is sent again (receivers drop entries they
   * already have), else recipients and the sender's ack would wait for entries nobody announces.
   */
  private publish(channel: string, payload: string, attempt = 1): void {
    this.redis.publish(channel, payload).catch(() => {
      if (!this.closed) setTimeout(() => this.publish(channel, payload, attempt + 1), Math.min(50 * attempt, 500)).unref();
    });
  }

  private async attempt(args: (string | number)[], replicated: boolean): Promise<{ replies: unknown[]; confirmed: number }> {
    const scriptCall = this.script(...args) as Promise<unknown[]>;
    // Sent right behind the script on the same connection: it waits for the replicas to have this batch.
    const waitCall = replicated ? (this.redis.call('WAIT', this.wait.replicas, this.wait.timeoutMs) as Promise<number>) : undefined;
    // Both fail together when the connection drops: observe the second one's failure too.
    const confirmedCall = waitCall?.catch((error: unknown) => error);
    const replies = await scriptCall;
    const confirmed = confirmedCall ? await confirmedCall : 0;
    if (typeof confirmed !== 'number') throw confirmed;
    return { replies, confirmed };
  }
}

/** Lost connections and a primary that is loading, read-only (demoted) or failing over are worth a retry. */
function retryable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  const fromRedis = error instanceof Error && error.name === 'ReplyError';
  return !fromRedis || /^(READONLY|LOADING|MASTERDOWN|TRYAGAIN|NOREPLICAS)/.test(message);
}
