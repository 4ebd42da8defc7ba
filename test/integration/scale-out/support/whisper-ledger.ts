// A load of whispers from resuming clients that keeps a ledger of what was acknowledged and what each user's
// stream showed, to check after faults that every acknowledged whisper arrived exactly once and in order.
// Clients behave like the extension: an outbox resent unchanged after reconnecting, a persisted watermark.
import WebSocket from 'ws';
import { decodeRelayFrame, type ClientFrame, type RelayFrame } from '../../../../lib/protocol/index.ts';
import type { Cast } from '../../../support/relay-fixture.ts';

/** One user's socket that reconnects (to any of the relay URLs) and resumes, for as long as it runs. */
export class ResumingClient {
  /** Stream entries processed, in order: seq and message id (receipts are recorded with a null id). */
  readonly processed: { seq: number; id: string | null; msgId: string | null; from: string; text: string }[] = [];
  watermark = 0;
  readonly outbox = new Map<string, ClientFrame>();
  readonly acked = new Set<string>();
  connects = 0;
  /** Welcomes that did not resume: each is a violation here, where nothing is pruned. */
  notResumed = 0;
  /** Frames the relay sent that did not match the protocol. */
  readonly malformed: string[] = [];
  errors: string[] = [];
  private ws: WebSocket | null = null;
  private synced = false;
  private stopped = false;
  private pinger: NodeJS.Timeout | undefined;

  constructor(
    readonly userId: string,
    private readonly token: string,
    private readonly pickUrl: () => string,
  ) {}

  start(): void {
    this.open();
    this.pinger = setInterval(() => this.sendNow({ type: 'ping' }), 5_000);
  }

  get online(): boolean {
    return this.synced && this.ws?.readyState === WebSocket.OPEN;
  }

  /** Queues a durable frame in the outbox and sends it when online. */
  sendDurable(frame: ClientFrame & { msgId: string }): void {
    this.outbox.set(frame.msgId, frame);
    if (this.synced) this.sendNow(frame);
  }

  /** Cuts the TCP connection without a close handshake; the client reconnects by itself. */
  drop(): void {
    this.ws?.terminate();
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pinger);
    this.ws?.terminate();
  }

  private sendNow(frame: ClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private open(): void {
    if (this.stopped) return;
    this.synced = false;
    const ws = new WebSocket(this.pickUrl());
    this.ws = ws;
    ws.on('open', () => {
      this.connects++;
      ws.send(JSON.stringify({ type: 'hello', v: 1, token: this.token, lastSeq: this.watermark }));
    });
    ws.on('message', (data) => {
      const decoded = decodeRelayFrame(data.toString());
      if (!decoded.ok) {
        this.malformed.push(decoded.message);
        return;
      }
      this.onFrame(decoded.frame);
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.synced = false;
      if (!this.stopped) setTimeout(() => this.open(), 20 + Math.random() * 80).unref();
    });
  }

  private onFrame(frame: RelayFrame): void {
    switch (frame.type) {
      case 'welcome':
        if (!frame.resumed) {
          this.notResumed++;
          this.watermark = 0;
        }
        return;
      case 'message':
      case 'read':
        if (frame.seq <= this.watermark) return;
        this.watermark = frame.seq;
        if (frame.type === 'message') {
          const m = frame.message;
          this.processed.push({ seq: frame.seq, id: m.id, msgId: m.msgId, from: m.from.id, text: m.text });
        } else this.processed.push({ seq: frame.seq, id: null, msgId: null, from: frame.receipt.by.id, text: '' });
        return;
      case 'synced':
        this.synced = true;
        for (const f of this.outbox.values()) this.sendNow(f);
        return;
      case 'ack':
        if (frame.msgId !== undefined) {
          this.outbox.delete(frame.msgId);
          this.acked.add(frame.msgId);
        }
        return;
      case 'error':
        if (frame.msgId === undefined) return;
        if (frame.code === 'rate_limited' || frame.code === 'internal') {
          // Like the extension: the frame stays in the outbox and is sent again after a pause.
          const msgId = frame.msgId;
          setTimeout(() => {
            const again = this.outbox.get(msgId);
            if (again && this.synced) this.sendNow(again);
          }, frame.retryAfterMs ?? 250).unref();
          return;
        }
        this.errors.push(`${frame.code}: ${frame.message}`);
        this.outbox.delete(frame.msgId);
        return;
      default:
    }
  }
}

export interface LedgerPeople {
  senders: { id: string; token: string; agents: string[] }[];
  agents: { id: string; token: string }[];
}

/** The ledger's people from the standard cast: both team-A supervisors and the admin whisper to three agents. */
export function ledgerPeopleOf(cast: Cast): LedgerPeople {
  const { agentA, agentA2, agentB, supervisorA, supervisorA2, admin } = cast;
  return {
    senders: [
      { id: supervisorA.id, token: supervisorA.token, agents: [agentA.id, agentA2.id] },
      { id: supervisorA2.id, token: supervisorA2.token, agents: [agentA2.id, agentA.id] },
      { id: admin.id, token: admin.token, agents: [agentB.id, agentA.id] },
    ],
    agents: [agentA, agentA2, agentB].map((a) => ({ id: a.id, token: a.token })),
  };
}

/** Picks any of `relays` at random at each call, so clients spread over the relays in the array at that moment. */
export function anyRelayUrl(relays: readonly { url: string }[]): () => string {
  return () => relays[Math.floor(Math.random() * relays.length)]!.url;
}

/** Senders whisper to their agents in a steady stream, each keeping at most `window` unacknowledged. */
export class WhisperLoad {
  readonly senders: { client: ResumingClient; agents: string[]; sent: number }[];
  readonly agents: ResumingClient[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    people: LedgerPeople,
    pickUrl: () => string,
    private readonly window = 20,
  ) {
    this.senders = people.senders.map((s) => ({ client: new ResumingClient(s.id, s.token, pickUrl), agents: s.agents, sent: 0 }));
    this.agents = people.agents.map((a) => new ResumingClient(a.id, a.token, pickUrl));
  }

  get clients(): ResumingClient[] {
    return [...this.agents, ...this.senders.map((s) => s.client)];
  }

  get ackedCount(): number {
    let n = 0;
    for (const s of this.senders) n += s.client.acked.size;
    return n;
  }

  start(intervalMs = 5): void {
    for (const c of this.clients) c.start();
    this.timer = setInterval(() => {
      for (const s of this.senders) {
        if (!s.client.online || s.client.outbox.size >= this.window) continue;
        const agentId = s.agents[s.sent % s.agents.length]!;
        const index = s.sent++;
        // The msgId carries the sender and its send index, so order can be checked on arrival.
        s.client.sendDurable({ type: 'whisper', msgId: `${s.client.userId}-${String(index).padStart(7, '0')}`, agentId, conversationKey: 'c-1', kind: 'whisper', text: `whisper ${index}` });
      }
    }, intervalMs);
  }

  /** Stops sending new whispers; clients keep running so outboxes drain. */
  stopSending(): void {
    clearInterval(this.timer);
  }

  stop(): void {
    this.stopSending();
    for (const c of this.clients) c.stop();
  }

  /** Waits until every outbox is empty and every acknowledged whisper reached its agent and its sender. */
  async settle(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = this.senders.reduce((n, s) => n + s.client.outbox.size, 0);
      const missing = this.missing();
      if (pending === 0 && missing === 0) return;
      if (Date.now() > deadline) throw new Error(`not settled after ${timeoutMs} ms: ${pending} unacknowledged in outboxes, ${missing} acknowledged whispers not delivered`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private missing(): number {
    let missing = 0;
    const seenBy = new Map<string, Set<string>>();
    for (const c of this.clients) seenBy.set(c.userId, new Set(c.processed.map((p) => p.msgId ?? '')));
    for (const s of this.senders) {
      for (const msgId of s.client.acked) {
        const index = Number(msgId.slice(msgId.lastIndexOf('-') + 1));
        const agentId = s.agents[index % s.agents.length]!;
        if (!seenBy.get(agentId)?.has(msgId)) missing++;
        if (!seenBy.get(s.client.userId)?.has(msgId)) missing++;
      }
    }
    return missing;
  }

  /**
   * Every violation of: each user's stream is gap-free (seq 1, 2, 3, … with no resume failure), no message
   * appears twice, every acknowledged whisper is in its agent's and its sender's stream, and each sender's
   * whispers appear in the order they were sent.
   */
  violations(): string[] {
    const out: string[] = [];
    for (const c of this.clients) {
      if (c.notResumed > 0) out.push(`${c.userId}: ${c.notResumed} welcome(s) with resumed: false`);
      if (c.malformed.length > 0) out.push(`${c.userId}: malformed frames: ${c.malformed.slice(0, 3).join('; ')}`);
      if (c.errors.length > 0) out.push(`${c.userId}: final errors: ${c.errors.slice(0, 3).join('; ')}`);
      c.processed.forEach((p, i) => {
        if (p.seq !== i + 1) out.push(`${c.userId}: entry ${i} has seq ${p.seq}`);
      });
      const ids = c.processed.filter((p) => p.id !== null).map((p) => p.id!);
      if (new Set(ids).size !== ids.length) out.push(`${c.userId}: ${ids.length - new Set(ids).size} message(s) delivered twice`);
      const lastIndexFrom = new Map<string, number>();
      for (const p of c.processed) {
        if (p.msgId === null) continue;
        const index = Number(p.msgId.slice(p.msgId.lastIndexOf('-') + 1));
        const before = lastIndexFrom.get(p.from) ?? -1;
        if (index <= before) out.push(`${c.userId}: ${p.msgId} arrived after index ${before} of the same sender`);
        lastIndexFrom.set(p.from, index);
      }
    }
    for (const s of this.senders) {
      const byUser = new Map(this.clients.map((c) => [c.userId, new Set(c.processed.map((p) => p.msgId))]));
      for (const msgId of s.client.acked) {
        const index = Number(msgId.slice(msgId.lastIndexOf('-') + 1));
        const agentId = s.agents[index % s.agents.length]!;
        if (!byUser.get(agentId)?.has(msgId)) out.push(`acknowledged ${msgId} never reached ${agentId}`);
        if (!byUser.get(s.client.userId)?.has(msgId)) out.push(`acknowledged ${msgId} never reached its sender's stream`);
      }
    }
    return out;
  }
}

/** Resident memory of a process in bytes (Linux /proc). */
export async function residentBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}
