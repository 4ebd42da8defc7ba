// The routing hub: registers sessions, replays streams on resume, and routes every frame type
// (live chat state, transcripts, listen-in, whispers, replies, help requests, read receipts, threads).
import type {
  ClientFrame,
  ClientFrameOf,
  ErrorCode,
  ReadReceipt,
  RelayFrame,
  ThreadMessage,
  WelcomeFrame,
} from '../../protocol/index.ts';
import { PROTOCOL_VERSION } from '../../protocol/index.ts';
import { boardTeamsOf, canCoach } from '../access-rules.ts';
import type { IdentityStore } from '../identity/identity-store.ts';
import { newId } from '../identity/secrets.ts';
import type { Logger } from '../log.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { MessageStore, StreamEntry } from '../store/message-store.ts';
import { LiveBoard } from './live-board.ts';
import { ListenRegistry, listenKey, splitListenKey } from './listen-registry.ts';
import type { Session } from './session.ts';

export interface HubOptions {
  identities: IdentityStore;
  messages: MessageStore;
  metrics: RelayMetrics;
  log: Logger;
  limits: WelcomeFrame['limits'];
  boardGraceMs: number;
  boardCoalesceMs: number;
}

const REPLAY_PAGE = 1000;

export class Hub {
  private readonly sessionsByUser = new Map<string, Set<Session>>();
  private readonly listens = new ListenRegistry();
  readonly board: LiveBoard;

  constructor(private readonly o: HubOptions) {
    this.board = new LiveBoard({
      graceMs: o.boardGraceMs,
      coalesceMs: o.boardCoalesceMs,
      listenersOf: (agentId, key) => this.listens.users(listenKey(agentId, key)),
    });
  }

  get sessionCount(): number {
    let n = 0;
    for (const set of this.sessionsByUser.values()) n += set.size;
    return n;
  }

  allSessions(): Session[] {
    return [...this.sessionsByUser.values()].flatMap((set) => [...set]);
  }

  /** Welcomes a newly authenticated session and replays what it missed since `lastSeq`. */
  open(session: Session, lastSeq: number | undefined): void {
    const p = session.principal;
    const userId = p.userId;
    let set = this.sessionsByUser.get(userId);
    if (!set) this.sessionsByUser.set(userId, (set = new Set()));
    set.add(session);
    if (p.role === 'agent') this.board.agentConnected(session);

    const head = this.o.messages.headSeq(userId);
    const oldest = this.o.messages.oldestSeq(userId);
    const wanted = lastSeq ?? 0;
    let from = wanted;
    let resumed = true;
    if (wanted > head) {
      // The client saw a history this relay no longer has (data directory replaced): start over.
      resumed = false;
      from = 0;
    } else if (wanted < head && (oldest === undefined || oldest > wanted + 1)) {
      resumed = false;
      from = 0;
    }
    session.send({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      sessionId: session.id,
      user: { id: userId, name: p.name, role: p.role, orgId: p.orgId, orgName: p.orgName, teams: p.teams },
      headSeq: head,
      resumed,
      limits: this.o.limits,
    });

    session.sentSeq = from;
    for (;;) {
      const page = this.o.messages.readStream(userId, session.sentSeq, REPLAY_PAGE);
      for (const entry of page) {
        session.sentSeq = entry.seq;
        session.sendText(streamFrameText(entry));
      }
      if (page.length < REPLAY_PAGE) break;
    }
    session.send({ type: 'synced', seq: session.sentSeq });
    const buffered = session.replayBuffer ?? [];
    session.replayBuffer = null;
    for (const item of buffered) session.sendStreamEntry(item.seq, item.text);

    if (p.role === 'agent') {
      for (const key of this.listens.keysOfAgent(userId)) {
        const { conversationKey } = splitListenKey(key);
        session.send({ type: 'listeners', agentId: userId, conversationKey, listeners: this.listens.users(key) });
      }
    }
  }

  /** Forgets a closed session: its listening, its board subscription, its agent presence. */
  close(session: Session): void {
    session.closed = true;
    const set = this.sessionsByUser.get(session.userId);
    if (!set?.delete(session)) return;
    if (set.size === 0) this.sessionsByUser.delete(session.userId);
    this.board.unsubscribe(session);
    for (const key of [...session.listening]) {
      this.listens.remove(session, key);
      this.listenersChanged(key);
    }
    if (session.principal.role === 'agent') this.board.agentDisconnected(session.userId);
  }

  /** Closes every session that authenticated with this token. */
  closeToken(tokenId: string, code: number, reason: string): number {
    let closed = 0;
    for (const s of this.allSessions()) {
      if (s.principal.tokenId === tokenId) {
        s.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  stop(): void {
    this.board.stop();
  }

  /** Routes one validated frame from an authenticated session. */
  handle(session: Session, frame: ClientFrame, receivedAt: bigint): void | Promise<void> {
    switch (frame.type) {
      case 'hello':
        return this.error(session, 'already_authenticated', 'this connection is already authenticated');
      case 'ping':
        return session.send({ type: 'pong', ref: frame.ref, t: frame.t });
      case 'chat_state':
        return this.onChatState(session, frame);
      case 'transcript':
        return this.onTranscript(session, frame);
      case 'board_subscribe':
        return this.onBoardSubscribe(session, frame);
      case 'board_unsubscribe':
        this.board.unsubscribe(session);
        return this.ack(session, frame.ref);
      case 'listen_start':
        return this.onListenStart(session, frame);
      case 'listen_stop':
        return this.onListenStop(session, frame);
      case 'whisper':
        return this.onWhisper(session, frame, receivedAt);
      case 'reply':
        return this.onReply(session, frame, receivedAt);
      case 'help':
        return this.onHelp(session, frame, receivedAt);
      case 'read':
        return this.onRead(session, frame, receivedAt);
      case 'thread_get':
        return this.onThreadGet(session, frame);
    }
  }

  // --- live state ---

  private onChatState(session: Session, frame: ClientFrameOf<'chat_state'>): void {
    if (session.principal.role !== 'agent') return this.error(session, 'forbidden', 'only agents publish chat state', frame);
    this.board.setConversations(session.userId, frame.conversations);
    this.ack(session, frame.ref);
  }

  private onTranscript(session: Session, frame: ClientFrameOf<'transcript'>): void {
    if (session.principal.role !== 'agent') return this.error(session, 'forbidden', 'only agents send transcripts', frame);
    const listeners = this.listens.sessions(listenKey(session.userId, frame.conversationKey));
    if (listeners.size === 0) {
      return this.error(session, 'not_listening', `nobody listens to ${frame.conversationKey}; transcript not sent`, frame);
    }
    const text = JSON.stringify({
      type: 'transcript',
      agentId: session.userId,
      conversationKey: frame.conversationKey,
      snapshot: frame.snapshot,
      events: frame.events,
    } satisfies RelayFrame);
    for (const listener of listeners) listener.sendText(text);
    this.ack(session, frame.ref);
  }

  private onBoardSubscribe(session: Session, frame: ClientFrameOf<'board_subscribe'>): void {
    const p = session.principal;
    if (p.role === 'agent') return this.error(session, 'forbidden', 'only supervisors and admins see the board', frame);
    const allowed = boardTeamsOf(this.o.identities, p);
    let teams = allowed;
    if (frame.teamIds) {
      const allowedIds = new Set(allowed.map((t) => t.id));
      for (const teamId of frame.teamIds) {
        if (!allowedIds.has(teamId)) {
          const inOrg = this.o.identities.listTeams(p.orgId).some((t) => t.id === teamId);
          return inOrg
            ? this.error(session, 'forbidden', `you do not supervise team ${teamId}`, frame)
            : this.error(session, 'not_found', `no team ${teamId}`, frame);
        }
      }
      const wanted = new Set(frame.teamIds);
      teams = allowed.filter((t) => wanted.has(t.id));
    }
    const { agents, chats } = this.board.subscribe(session, teams);
    session.send({ type: 'board_snapshot', ref: frame.ref, teams, agents, chats });
  }

  private onListenStart(session: Session, frame: ClientFrameOf<'listen_start'>): void {
    const access = canCoach(this.o.identities, session.principal, frame.agentId);
    if (!access.ok) return this.error(session, access.code, access.message, frame);
    this.listens.add(session, frame.agentId, frame.conversationKey);
    this.ack(session, frame.ref);
    this.listenersChanged(listenKey(frame.agentId, frame.conversationKey));
  }

  private onListenStop(session: Session, frame: ClientFrameOf<'listen_stop'>): void {
    const key = listenKey(frame.agentId, frame.conversationKey);
    if (!session.listening.has(key)) {
      return this.error(session, 'not_listening', `you are not listening to ${frame.conversationKey}`, frame);
    }
    this.listens.remove(session, key);
    this.ack(session, frame.ref);
    this.listenersChanged(key);
  }

  /** Tells the agent and every listener who listens now, and updates the board. */
  private listenersChanged(key: string): void {
    const { agentId, conversationKey } = splitListenKey(key);
    const text = JSON.stringify({
      type: 'listeners',
      agentId,
      conversationKey,
      listeners: this.listens.users(key),
    } satisfies RelayFrame);
    for (const s of this.sessionsByUser.get(agentId) ?? []) s.sendText(text);
    for (const s of this.listens.sessions(key)) s.sendText(text);
    this.board.touch(agentId, conversationKey);
  }

  // --- durable messages ---

  private async onWhisper(session: Session, frame: ClientFrameOf<'whisper'>, receivedAt: bigint): Promise<void> {
    const access = canCoach(this.o.identities, session.principal, frame.agentId);
    if (!access.ok) return this.error(session, access.code, access.message, frame);
    const key = listenKey(frame.agentId, frame.conversationKey);
    const recipients = [
      frame.agentId,
      session.userId,
      ...this.listens.users(key).map((u) => u.id),
      ...this.o.messages.threadParticipants(frame.agentId, frame.conversationKey),
    ];
    const sent = await this.commitMessage(session, frame, { kind: frame.kind, agentId: frame.agentId, conversationKey: frame.conversationKey, text: frame.text }, recipients, receivedAt);
    if (sent) this.board.setHelp(frame.agentId, frame.conversationKey, false);
  }

  private async onReply(session: Session, frame: ClientFrameOf<'reply'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    if (p.role !== 'agent') return this.error(session, 'forbidden', 'only agents reply in a thread; supervisors send whispers', frame);
    const key = listenKey(p.userId, frame.conversationKey);
    let involved = [...this.listens.users(key).map((u) => u.id), ...this.o.messages.threadParticipants(p.userId, frame.conversationKey)];
    if (involved.length === 0) involved = this.o.identities.supervisorsOfTeams(p.teams.map((t) => t.id));
    await this.commitMessage(session, frame, { kind: 'reply', agentId: p.userId, conversationKey: frame.conversationKey, text: frame.text }, [p.userId, ...involved], receivedAt);
  }

  private async onHelp(session: Session, frame: ClientFrameOf<'help'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    if (p.role !== 'agent') return this.error(session, 'forbidden', 'only agents ask for help', frame);
    const supervisors = this.o.identities.supervisorsOfTeams(p.teams.map((t) => t.id));
    const sent = await this.commitMessage(session, frame, { kind: 'help', agentId: p.userId, conversationKey: frame.conversationKey, text: frame.reason }, [p.userId, ...supervisors], receivedAt);
    if (sent) this.board.setHelp(p.userId, frame.conversationKey, true);
  }

  /**
   * Stores a message once per (sender, msgId) and delivers it; a resend is acknowledged as a duplicate.
   * Returns true when a new message was stored.
   */
  private async commitMessage(
    session: Session,
    frame: { msgId: string },
    content: Pick<ThreadMessage, 'kind' | 'agentId' | 'conversationKey' | 'text'>,
    recipients: string[],
    receivedAt: bigint,
  ): Promise<boolean> {
    const p = session.principal;
    const found = this.o.messages.findByMsgId(p.userId, frame.msgId);
    if (found) {
      const existing = found.message;
      // A resend of a message still being written is acknowledged only once the original is on disk.
      if (found.committed) {
        try {
          await found.committed;
        } catch {
          this.error(session, 'internal', 'the message could not be stored; send it again', frame);
          return false;
        }
      }
      const same = existing.kind === content.kind && existing.agentId === content.agentId && existing.conversationKey === content.conversationKey && existing.text === content.text;
      if (!same) {
        this.error(session, 'conflict', `msgId ${frame.msgId} was already used for a different message`, frame);
        return false;
      }
      session.send({ type: 'ack', msgId: frame.msgId, id: existing.id, duplicate: true });
      return false;
    }
    const message: ThreadMessage = {
      id: newId('msg'),
      msgId: frame.msgId,
      ...content,
      from: { id: p.userId, name: p.name, role: p.role },
      createdAt: Date.now(),
      readBy: [],
    };
    let entries: StreamEntry[];
    try {
      entries = await this.o.messages.appendMessage(message, p.orgId, [...new Set(recipients)]);
    } catch (error) {
      this.o.log.error({ err: error, msgId: frame.msgId }, 'storing a message failed');
      this.error(session, 'internal', 'the message could not be stored; send it again', frame);
      return false;
    }
    this.deliver(entries, 'message');
    session.send({ type: 'ack', msgId: frame.msgId, id: message.id, duplicate: false });
    this.o.metrics.deliveryLatency.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
    return true;
  }

  private async onRead(session: Session, frame: ClientFrameOf<'read'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    let agentId = p.userId;
    if (p.role === 'agent') {
      if (frame.agentId !== undefined && frame.agentId !== p.userId) {
        return this.error(session, 'not_found', `no thread of ${frame.agentId} for you`, frame);
      }
    } else {
      if (frame.agentId === undefined) return this.error(session, 'invalid_frame', 'read: agentId is required for supervisors and admins', frame);
      const access = canCoach(this.o.identities, p, frame.agentId);
      if (!access.ok) return this.error(session, access.code, access.message, frame);
      agentId = frame.agentId;
    }
    const senders = new Set<string>();
    const fresh: string[] = [];
    for (const id of new Set(frame.messageIds)) {
      const message = this.o.messages.getMessage(id);
      if (!message || message.agentId !== agentId || message.conversationKey !== frame.conversationKey) {
        return this.error(session, 'not_found', `no message ${id} in this thread`, frame);
      }
      if (message.from.id === p.userId || this.o.messages.isReadBy(id, p.userId)) continue;
      fresh.push(id);
      senders.add(message.from.id);
    }
    if (fresh.length === 0) return this.ack(session, frame.ref);
    const receipt: ReadReceipt = {
      agentId,
      conversationKey: frame.conversationKey,
      messageIds: fresh,
      by: { id: p.userId, name: p.name, role: p.role },
      at: Date.now(),
    };
    try {
      const entries = await this.o.messages.appendReceipt(receipt, [...new Set([p.userId, ...senders])]);
      this.deliver(entries, 'read');
    } catch (error) {
      this.o.log.error({ err: error }, 'storing a read receipt failed');
      return this.error(session, 'internal', 'the read receipt could not be stored; send it again', frame);
    }
    this.ack(session, frame.ref);
    this.o.metrics.deliveryLatency.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
  }

  private onThreadGet(session: Session, frame: ClientFrameOf<'thread_get'>): void {
    const p = session.principal;
    let agentId = p.userId;
    if (p.role === 'agent') {
      if (frame.agentId !== undefined && frame.agentId !== p.userId) {
        return this.error(session, 'not_found', `no thread of ${frame.agentId} for you`, frame);
      }
    } else {
      if (frame.agentId === undefined) return this.error(session, 'invalid_frame', 'thread_get: agentId is required for supervisors and admins', frame);
      const access = canCoach(this.o.identities, p, frame.agentId);
      if (!access.ok) return this.error(session, access.code, access.message, frame);
      agentId = frame.agentId;
    }
    const messages = this.o.messages.thread(agentId, frame.conversationKey, frame.limit ?? 200);
    session.send({ type: 'thread', ref: frame.ref, agentId, conversationKey: frame.conversationKey, messages });
  }

  /** Sends committed stream entries to every live session of their users. */
  private deliver(entries: StreamEntry[], kind: 'message' | 'read'): void {
    let sent = 0;
    let body: object | undefined;
    let bodyJson = '';
    for (const entry of entries) {
      const sessions = this.sessionsByUser.get(entry.userId);
      if (!sessions) continue;
      const payload = entry.kind === 'message' ? entry.message : entry.receipt;
      if (payload !== body) {
        body = payload;
        bodyJson = JSON.stringify(payload);
      }
      const text = streamFrameText(entry, bodyJson);
      for (const s of sessions) {
        s.sendStreamEntry(entry.seq, text);
        sent++;
      }
    }
    if (sent > 0) this.o.metrics.deliveries.labels(kind).inc(sent);
  }

  private ack(session: Session, ref: string | undefined): void {
    if (ref !== undefined) session.send({ type: 'ack', ref });
  }

  error(session: Session, code: ErrorCode, message: string, frame?: { ref?: string; msgId?: string }): void {
    this.o.metrics.reject(code);
    const out: RelayFrame = { type: 'error', code, message };
    if (frame?.ref !== undefined) out.ref = frame.ref;
    if (frame?.msgId !== undefined) out.msgId = frame.msgId;
    session.send(out);
  }
}

/** A stream entry's frame text; the message JSON is shared by all recipients, only the seq differs. */
function streamFrameText(entry: StreamEntry, payloadJson?: string): string {
  return entry.kind === 'message'
    ? `{"type":"message","seq":${entry.seq},"message":${payloadJson ?? JSON.stringify(entry.message)}}`
    : `{"type":"read","seq":${entry.seq},"receipt":${payloadJson ?? JSON.stringify(entry.receipt)}}`;
}

