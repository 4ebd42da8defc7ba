// The routing hub: registers sessions, replays streams on resume, and routes every frame type
// (live chat state, transcripts, listen-in, whispers, replies, help requests, read receipts, threads).
// With a live bus it also mirrors other relay processes' live state and reaches their sockets.
import type {
  ClientFrame,
  ClientFrameOf,
  ErrorCode,
  ReadReceipt,
  RelayFrame,
  ThreadMessage,
  WelcomeFrame,
} from '../../protocol/index.ts';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../protocol/index.ts';
import { boardTeamsOf, canCoach } from '../access-rules.ts';
import type { Directory } from '../identity/directory.ts';
import { newMessageId } from '../identity/secrets.ts';
import type { Logger } from '../log.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { DurableStore, StreamEntry } from '../store/durable-store.ts';
import type { LiveBus, LiveEvent, LiveSink, ProcessLiveState } from './live-bus.ts';
import { LiveBoard } from './live-board.ts';
import { ListenRegistry, listenKey, splitListenKey } from './listen-registry.ts';
import type { Session } from './session.ts';

export interface HubOptions {
  identities: Directory;
  messages: DurableStore;
  /** Links this process to other relay processes (Redis mode); absent for a single process. */
  live?: LiveBus;
  metrics: RelayMetrics;
  log: Logger;
  limits: WelcomeFrame['limits'];
  boardGraceMs: number;
  boardCoalesceMs: number;
}

const REPLAY_PAGE = 1000;

export class Hub implements LiveSink {
  private readonly sessionsByUser = new Map<string, Set<Session>>();
  private readonly listens: ListenRegistry;
  private readonly live: LiveBus | undefined;
  readonly board: LiveBoard;

  constructor(private readonly o: HubOptions) {
    this.live = o.live;
    this.listens = new ListenRegistry(o.live?.processId ?? '');
    this.board = new LiveBoard({
      graceMs: o.boardGraceMs,
      coalesceMs: o.boardCoalesceMs,
      listenersOf: (agentId, key) => this.listens.users(listenKey(agentId, key)),
      processId: o.live?.processId ?? '',
    });
    o.live?.attach(this);
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
  async open(session: Session, lastSeq: number | undefined): Promise<void> {
    const p = session.principal;
    const userId = p.userId;
    let set = this.sessionsByUser.get(userId);
    if (!set) this.sessionsByUser.set(userId, (set = new Set()));
    set.add(session);
    session.onGap = (s) => void this.catchUp(s);
    if (p.role === 'agent') {
      this.board.agentConnected(session);
      this.publishPresence(session);
    }

    const head = await this.o.messages.headSeq(userId);
    const oldest = await this.o.messages.oldestSeq(userId);
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
    if (session.closed) return;
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
    await this.replay(session);
    session.send({ type: 'synced', seq: session.sentSeq });
    this.releaseBuffered(session);

    if (p.role === 'agent') {
      for (const key of this.listens.keysOfAgent(userId)) {
        const { conversationKey } = splitListenKey(key);
        session.send({ type: 'listeners', agentId: userId, conversationKey, listeners: this.listens.users(key) });
      }
    }
  }

  /** Sends committed stream entries after `session.sentSeq`, page by page. */
  private async replay(session: Session): Promise<void> {
    for (;;) {
      const page = await this.o.messages.readStream(session.userId, session.sentSeq, REPLAY_PAGE);
      if (session.closed) return;
      for (const entry of page) {
        if (entry.seq <= session.sentSeq) continue;
        session.sentSeq = entry.seq;
        session.sendText(streamFrameText(entry));
      }
      if (page.length < REPLAY_PAGE) break;
    }
  }

  /** Ends the replay state: live entries that arrived meanwhile go out in seq order, then waiting acks. */
  private releaseBuffered(session: Session): void {
    const buffered = session.replayBuffer ?? [];
    session.replayBuffer = null;
    buffered.sort((a, b) => a.seq - b.seq);
    for (const item of buffered) session.sendStreamEntry(item.seq, item.text);
    session.releaseWaiting();
  }

  /** A live entry skipped seqs on this socket: read the missing ones from the store, then go on. */
  private async catchUp(session: Session): Promise<void> {
    try {
      await this.replay(session);
    } catch (error) {
      this.o.log.warn({ err: error, sessionId: session.id }, 'reading missed stream entries failed; closing the socket so the client resumes');
      session.close(CLOSE_CODES.internal, 'stream catch-up failed');
      return;
    }
    this.releaseBuffered(session);
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
      this.live?.publish({ t: 'listen_remove', key, sessionId: session.id });
      this.listenersChanged(key);
    }
    if (session.principal.role === 'agent') {
      this.board.agentDisconnected(session.userId);
      this.publishPresence(session);
    }
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

  /**
   * Routes one validated frame from an authenticated session. A returned promise settles once the frame's
   * effects are ordered (a durable send is queued for commit); frames of one socket are handled in turn.
   */
  /** `raw` is the frame's text as received; a transcript is passed on from it without being serialised again. */
  handle(session: Session, frame: ClientFrame, receivedAt: bigint, raw?: string): void | Promise<void> {
    switch (frame.type) {
      case 'hello':
        return this.error(session, 'already_authenticated', 'this connection is already authenticated');
      case 'ping':
        return session.send({ type: 'pong', ref: frame.ref, t: frame.t });
      case 'chat_state':
        return this.onChatState(session, frame);
      case 'transcript':
        return this.onTranscript(session, frame, raw);
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
    this.live?.publish({ t: 'chats', agentId: session.userId, conversations: frame.conversations });
    this.ack(session, frame.ref);
  }

  private onTranscript(session: Session, frame: ClientFrameOf<'transcript'>, raw?: string): void {
    if (session.principal.role !== 'agent') return this.error(session, 'forbidden', 'only agents send transcripts', frame);
    const key = listenKey(session.userId, frame.conversationKey);
    const listeners = this.listens.sessions(key);
    const remote = this.live ? this.listens.remoteProcesses(key) : undefined;
    if (listeners.size === 0 && remote === undefined) {
      return this.error(session, 'not_listening', `nobody listens to ${frame.conversationKey}; transcript not sent`, frame);
    }
    // The schema accepts no unknown fields in a transcript, so the validated text is exactly what listeners may
    // see: it goes on with the agent's id put in front instead of being built again.
    const text =
      raw !== undefined && frame.ref === undefined
        ? `{"agentId":${JSON.stringify(session.userId)},${raw.slice(raw.indexOf('{') + 1)}`
        : JSON.stringify({
            type: 'transcript',
            agentId: session.userId,
            conversationKey: frame.conversationKey,
            snapshot: frame.snapshot,
            events: frame.events,
          } satisfies RelayFrame);
    for (const listener of listeners) listener.sendText(text);
    if (remote) for (const processId of remote) this.live!.sendTranscript(processId, key, text);
    this.ack(session, frame.ref);
  }

  private async onBoardSubscribe(session: Session, frame: ClientFrameOf<'board_subscribe'>): Promise<void> {
    const p = session.principal;
    if (p.role === 'agent') return this.error(session, 'forbidden', 'only supervisors and admins see the board', frame);
    const allowed = await boardTeamsOf(this.o.identities, p);
    let teams = allowed;
    if (frame.teamIds) {
      const allowedIds = new Set(allowed.map((t) => t.id));
      for (const teamId of frame.teamIds) {
        if (!allowedIds.has(teamId)) {
          const inOrg = (await this.o.identities.listTeams(p.orgId)).some((t) => t.id === teamId);
          return inOrg
            ? this.error(session, 'forbidden', `you do not supervise team ${teamId}`, frame)
            : this.error(session, 'not_found', `no team ${teamId}`, frame);
        }
      }
      const wanted = new Set(frame.teamIds);
      teams = allowed.filter((t) => wanted.has(t.id));
    }
    if (session.closed) return;
    const { agents, chats } = this.board.subscribe(session, teams);
    session.send({ type: 'board_snapshot', ref: frame.ref, teams, agents, chats });
  }

  private async onListenStart(session: Session, frame: ClientFrameOf<'listen_start'>): Promise<void> {
    const access = await canCoach(this.o.identities, session.principal, frame.agentId);
    if (!access.ok) return this.error(session, access.code, access.message, frame);
    if (session.closed) return;
    const key = listenKey(frame.agentId, frame.conversationKey);
    const fresh = !session.listening.has(key);
    this.listens.add(session, frame.agentId, frame.conversationKey);
    if (fresh) {
      this.live?.publish({ t: 'listen_add', key, sessionId: session.id, user: { id: session.userId, name: session.principal.name, role: session.principal.role } });
    }
    this.ack(session, frame.ref);
    this.listenersChanged(key);
  }

  private onListenStop(session: Session, frame: ClientFrameOf<'listen_stop'>): void {
    const key = listenKey(frame.agentId, frame.conversationKey);
    if (!session.listening.has(key)) {
      return this.error(session, 'not_listening', `you are not listening to ${frame.conversationKey}`, frame);
    }
    this.listens.remove(session, key);
    this.live?.publish({ t: 'listen_remove', key, sessionId: session.id });
    this.ack(session, frame.ref);
    this.listenersChanged(key);
  }

  /** Tells the local sockets of the agent and of every listener who listens now, and updates the board. */
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

  private publishPresence(session: Session): void {
    if (!this.live) return;
    const p = session.principal;
    this.live.publish({ t: 'presence', agentId: p.userId, name: p.name, teamIds: p.teams.map((t) => t.id), sessions: this.board.localSessions(p.userId) });
  }

  private setHelp(agentId: string, conversationKey: string | null, open: boolean): void {
    this.board.setHelp(agentId, conversationKey, open);
    if (conversationKey !== null) this.live?.publish({ t: 'help', agentId, conversationKey, open });
  }

  // --- other processes (live bus) ---

  applyRemote(processId: string, event: LiveEvent): void {
    switch (event.t) {
      case 'presence':
        return this.board.setPresence(processId, event.agentId, event.name, event.teamIds, event.sessions);
      case 'chats':
        return this.board.setConversations(event.agentId, event.conversations);
      case 'help':
        return this.board.setHelp(event.agentId, event.conversationKey, event.open);
      case 'listen_add':
        this.listens.addRemote(processId, event.sessionId, event.key, event.user);
        return this.listenersChanged(event.key);
      case 'listen_remove':
        if (this.listens.removeRemote(event.sessionId, event.key)) this.listenersChanged(event.key);
        return;
    }
  }

  replaceProcess(processId: string, state: ProcessLiveState): void {
    const changed = new Set(this.listens.dropProcess(processId));
    const present = new Set(state.agents.map((a) => a.agentId));
    for (const a of state.agents) {
      this.board.setPresence(processId, a.agentId, a.name, a.teamIds, a.sessions);
      this.board.setConversations(a.agentId, a.conversations);
      for (const key of a.help) this.board.setHelp(a.agentId, key, true);
    }
    this.board.dropProcess(processId, present);

    for (const l of state.listeners) {
      this.listens.addRemote(processId, l.sessionId, l.key, l.user);
      changed.add(l.key);
    }
    for (const key of changed) this.listenersChanged(key);
  }

  dropProcess(processId: string): void {
    this.board.dropProcess(processId);
    for (const key of this.listens.dropProcess(processId)) this.listenersChanged(key);
  }

  localState(): ProcessLiveState {
    return { agents: this.board.localAgents(), listeners: this.listens.localListeners() };
  }

  deliverTranscript(key: string, text: string): void {
    for (const s of this.listens.sessions(key)) s.sendText(text);
  }

  deliverStream(kind: 'message' | 'read', pairs: [string, number][], payloadJson: string): void {
    let sent = 0;
    for (const [userId, seq] of pairs) {
      const sessions = this.sessionsByUser.get(userId);
      if (!sessions) continue;
      const text = kind === 'message' ? `{"type":"message","seq":${seq},"message":${payloadJson}}` : `{"type":"read","seq":${seq},"receipt":${payloadJson}}`;
      for (const s of sessions) {
        s.sendStreamEntry(seq, text);
        sent++;
      }
    }
    if (sent > 0) this.o.metrics.deliveries.labels(kind).inc(sent);
  }

  resync(): void {
    for (const s of this.allSessions()) {
      if (s.closed || s.replayBuffer !== null) continue;
      s.replayBuffer = [];
      void this.catchUp(s);
    }
  }

  // --- durable messages ---

  private async onWhisper(session: Session, frame: ClientFrameOf<'whisper'>, receivedAt: bigint): Promise<void> {
    const access = await canCoach(this.o.identities, session.principal, frame.agentId);
    if (!access.ok) return this.error(session, access.code, access.message, frame);
    const key = listenKey(frame.agentId, frame.conversationKey);
    const recipients = [
      frame.agentId,
      session.userId,
      ...this.listens.users(key).map((u) => u.id),
      ...(await this.o.messages.threadParticipants(frame.agentId, frame.conversationKey)),
    ];
    this.commitMessage(session, frame, { kind: frame.kind, agentId: frame.agentId, conversationKey: frame.conversationKey, text: frame.text }, recipients, receivedAt, () =>
      this.setHelp(frame.agentId, frame.conversationKey, false),
    );
  }

  private async onReply(session: Session, frame: ClientFrameOf<'reply'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    if (p.role !== 'agent') return this.error(session, 'forbidden', 'only agents reply in a thread; supervisors send whispers', frame);
    const key = listenKey(p.userId, frame.conversationKey);
    let involved = [...this.listens.users(key).map((u) => u.id), ...(await this.o.messages.threadParticipants(p.userId, frame.conversationKey))];
    if (involved.length === 0) involved = await this.o.identities.supervisorsOfTeams(p.teams.map((t) => t.id));
    this.commitMessage(session, frame, { kind: 'reply', agentId: p.userId, conversationKey: frame.conversationKey, text: frame.text }, [p.userId, ...involved], receivedAt);
  }

  private async onHelp(session: Session, frame: ClientFrameOf<'help'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    if (p.role !== 'agent') return this.error(session, 'forbidden', 'only agents ask for help', frame);
    const supervisors = await this.o.identities.supervisorsOfTeams(p.teams.map((t) => t.id));
    this.commitMessage(session, frame, { kind: 'help', agentId: p.userId, conversationKey: frame.conversationKey, text: frame.reason }, [p.userId, ...supervisors], receivedAt, () =>
      this.setHelp(p.userId, frame.conversationKey, true),
    );
  }

  /**
   * Queues a message for commit, once per (sender, msgId); once it is durable, delivers it and acknowledges
   * (a resend is acknowledged as a duplicate). `onStored` runs when a new message was stored. Returns at
   * once: the commit completes later, so that many sends share one commit.
   */
  private commitMessage(
    session: Session,
    frame: { msgId: string },
    content: Pick<ThreadMessage, 'kind' | 'agentId' | 'conversationKey' | 'text'>,
    recipients: string[],
    receivedAt: bigint,
    onStored?: () => void,
  ): void {
    const p = session.principal;
    const message: ThreadMessage = {
      id: newMessageId(),
      msgId: frame.msgId,
      ...content,
      from: { id: p.userId, name: p.name, role: p.role },
      createdAt: Date.now(),
      readBy: [],
    };
    this.o.messages.appendMessage(message, p.orgId, [...new Set(recipients)]).then(
      (outcome) => {
        if (outcome.duplicate) {
          const existing = outcome.existing;
          const same = existing.kind === content.kind && existing.agentId === content.agentId && existing.conversationKey === content.conversationKey && existing.text === content.text;
          if (!same) return this.error(session, 'conflict', `msgId ${frame.msgId} was already used for a different message`, frame);
          // The ack follows the original's own copy on this socket.
          session.afterStreamSeq(outcome.senderSeq, () => session.send({ type: 'ack', msgId: frame.msgId, id: existing.id, duplicate: true }));
          return;
        }
        if (!this.live) this.deliver(outcome.entries, 'message');
        const own = outcome.entries.find((e) => e.userId === p.userId);
        session.afterStreamSeq(own?.seq ?? null, () => {
          session.send({ type: 'ack', msgId: frame.msgId, id: message.id, duplicate: false });
          this.o.metrics.deliveryLatency.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
        });
        onStored?.();
      },
      (error: unknown) => {
        this.o.log.error({ err: error, msgId: frame.msgId }, 'storing a message failed');
        this.error(session, 'internal', 'the message could not be stored; send it again', frame);
      },
    );
  }

  private async onRead(session: Session, frame: ClientFrameOf<'read'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    const agentId = await this.threadOwner(session, frame);
    if (agentId === undefined) return;
    const senders = new Set<string>();
    const fresh: string[] = [];
    for (const id of new Set(frame.messageIds)) {
      const message = await this.o.messages.getMessage(id);
      if (!message || message.agentId !== agentId || message.conversationKey !== frame.conversationKey) {
        return this.error(session, 'not_found', `no message ${id} in this thread`, frame);
      }
      if (message.from.id === p.userId || (await this.o.messages.isReadBy(id, p.userId))) continue;
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
    this.o.messages.appendReceipt(receipt, [...new Set([p.userId, ...senders])]).then(
      (entries) => {
        if (!this.live) this.deliver(entries, 'read');
        const own = entries.find((e) => e.userId === p.userId);
        session.afterStreamSeq(own?.seq ?? null, () => {
          this.ack(session, frame.ref);
          this.o.metrics.deliveryLatency.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
        });
      },
      (error: unknown) => {
        this.o.log.error({ err: error }, 'storing a read receipt failed');
        this.error(session, 'internal', 'the read receipt could not be stored; send it again', frame);
      },
    );
  }

  /**
   * Whose thread a `read` or `thread_get` is about: agents only their own (another id reads as unknown),
   * supervisors and admins must name an agent they may coach. Answers the error itself and returns undefined.
   */
  private async threadOwner(session: Session, frame: ClientFrameOf<'read' | 'thread_get'>): Promise<string | undefined> {
    const p = session.principal;
    if (p.role === 'agent') {
      if (frame.agentId === undefined || frame.agentId === p.userId) return p.userId;
      this.error(session, 'not_found', `no thread of ${frame.agentId} for you`, frame);
      return undefined;
    }
    if (frame.agentId === undefined) {
      this.error(session, 'invalid_frame', `${frame.type}: agentId is required for supervisors and admins`, frame);
      return undefined;
    }
    const access = await canCoach(this.o.identities, p, frame.agentId);
    if (!access.ok) {
      this.error(session, access.code, access.message, frame);
      return undefined;
    }
    return frame.agentId;
  }

  private async onThreadGet(session: Session, frame: ClientFrameOf<'thread_get'>): Promise<void> {
    const agentId = await this.threadOwner(session, frame);
    if (agentId === undefined) return;
    const messages = await this.o.messages.thread(agentId, frame.conversationKey, frame.limit ?? 200);
    session.send({ type: 'thread', ref: frame.ref, agentId, conversationKey: frame.conversationKey, messages });
  }

  /** Sends committed stream entries to every live session of their users (single process). */
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

