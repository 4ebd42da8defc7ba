// The routing hub: registers sessions and dispatches each validated frame to its part: the stream replay
// (stream-replay.ts), live routing (live-routing.ts), threads (thread-routing.ts), customer send outcomes
// (customer-send-routing.ts) and, with a live bus linking several relay processes, the mirror of their live state
// (remote-mirror.ts); guests of one chat go to the guest desk (lib/relay/guests); adapter health reports go to the health desk (lib/relay/health).
import type { ClientFrame, RelayFrame, WelcomeFrame } from '../../protocol/index.ts';
import type { Directory } from '../identity/directory.ts';
import type { Logger } from '../log.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { DurableStore } from '../store/durable-store.ts';
import type { GrantStore, GuestDesk } from '../guests/index.ts';
import { HealthDesk, type AdapterHealthStore } from '../health/index.ts';
import { FrameReplies } from './frame-replies.ts';
import type { LiveBus } from './live-bus.ts';
import { LiveBoard } from './live-board.ts';
import { LiveRouting } from './live-routing.ts';
import { ListenRegistry, listenKey } from './listen-registry.ts';
import { LocalSessions } from './local-sessions.ts';
import { RemoteMirror } from './remote-mirror.ts';
import type { Session } from './session.ts';
import { StreamReplay } from './stream-replay.ts';
import { ThreadRouting } from './thread-routing.ts';
import { CustomerSendRouting } from './customer-send-routing.ts';

export interface HubOptions {
  identities: Directory;
  messages: DurableStore;
  /** Guests brought into one chat: their grants, and the desk that handles invitations. */
  grants: GrantStore;
  guests: GuestDesk;
  /** Each user's latest adapter health report. */
  health: AdapterHealthStore;
  /** Links this process to other relay processes (Redis mode); absent for a single process. */
  live?: LiveBus;
  metrics: RelayMetrics;
  log: Logger;
  limits: WelcomeFrame['limits'];
  /** Announced in `welcome` so clients prune their thread cache to what the relay keeps. */
  retentionDays?: number;
  boardGraceMs: number;
  boardCoalesceMs: number;
}

export class Hub {
  private readonly sessions = new LocalSessions();
  private readonly replies: FrameReplies;
  private readonly replay: StreamReplay;
  private readonly liveRouting: LiveRouting;
  private readonly threads: ThreadRouting;
  private readonly customerSends: CustomerSendRouting;
  private readonly guests: GuestDesk;
  private readonly health: HealthDesk;
  private readonly live: LiveBus | undefined;
  readonly board: LiveBoard;
  /** One function for every session's gaps (a live entry skipped seqs): reads the missing entries. */
  private readonly catchUp = (session: Session): void => void this.replay.catchUp(session);

  constructor(o: HubOptions) {
    this.live = o.live;
    const processId = o.live?.processId ?? '';
    const listens = new ListenRegistry(processId);
    this.board = new LiveBoard({
      graceMs: o.boardGraceMs,
      coalesceMs: o.boardCoalesceMs,
      listenersOf: (agentId, key) => listens.users(listenKey(agentId, key)),
      processId,
      customerSendChanged: (agentId, conversationKey, customerSend) => {
        const text = JSON.stringify({ type: 'customer_send_mode', agentId, conversationKey, customerSend } satisfies RelayFrame);
        for (const s of listens.sessions(listenKey(agentId, conversationKey))) s.sendText(text);
      },
    });
    this.replies = new FrameReplies(o.metrics);
    this.replay = new StreamReplay(o.messages, o.log, o.limits, o.retentionDays);
    const { sessions, board, replies } = this;
    this.liveRouting = new LiveRouting({ identities: o.identities, grants: o.grants, sessions, listens, board, live: o.live, replies });
    this.threads = new ThreadRouting({
      identities: o.identities,
      grants: o.grants,
      messages: o.messages,
      metrics: o.metrics,
      log: o.log,
      sessions,
      listens,
      replies,
      deliversItself: !o.live,
      customerSendOf: (agentId, conversationKey) => this.board.customerSendOf(agentId, conversationKey),
      setHelp: (agentId, conversationKey, open) => this.liveRouting.setHelp(agentId, conversationKey, open),
    });
    this.health = new HealthDesk({ store: o.health, identities: o.identities, sessions, replies, log: o.log, live: o.live });
    this.customerSends = new CustomerSendRouting({
      identities: o.identities,
      grants: o.grants,
      messages: o.messages,
      log: o.log,
      listens,
      live: o.live,
      replies,
      ...(o.live ? {} : { deliver: (entries) => this.threads.deliver(entries, 'customer_send') }),
    });
    o.live?.attach(
      new RemoteMirror({
        metrics: o.metrics,
        sessions,
        listens,
        board,
        replay: this.replay,
        listenersChanged: (key) => this.liveRouting.listenersChanged(key),
        guests: o.guests,
        healthChanged: (orgId) => this.health.orgChanged(orgId),
      }),
    );
    this.guests = o.guests;
    o.guests.attach({
      sessionsOf: (userId) => sessions.of(userId) ?? [],
      listenersOf: (agentId, conversationKey) => listens.sessions(listenKey(agentId, conversationKey)),
      stopListening: (userId, agentId, conversationKey) => this.liveRouting.stopListening(userId, agentId, conversationKey),
      hasChat: (agentId, conversationKey) => board.hasConversation(agentId, conversationKey),
      ...(o.live ? { publish: (change) => o.live!.publish({ t: 'grants', change }) } : {}),
      error: (session, code, message, frame) => replies.error(session, code, message, frame),
    });
  }

  get sessionCount(): number {
    return this.sessions.count;
  }

  allSessions(): Session[] {
    return this.sessions.all();
  }

  /** Welcomes a newly authenticated session and replays what it missed since `lastSeq`. */
  async open(session: Session, lastSeq: number | undefined): Promise<void> {
    this.sessions.add(session);
    // With other processes: stream entries for this user are published here from now on, before the replay reads.
    if (this.live && this.sessions.of(session.userId)!.size === 1) await this.live.holdUser(session.userId);
    session.onGap = this.catchUp;
    this.liveRouting.opened(session);
    await this.replay.welcome(session, lastSeq);
    if (session.closed) return;
    this.liveRouting.synced(session);
    await this.guests.afterSynced(session);
  }

  /** Forgets a closed session: its listening, its board subscription, its agent presence. */
  close(session: Session): void {
    session.closed = true;
    if (!this.sessions.remove(session)) return;
    if (this.live && !this.sessions.of(session.userId)) this.live.releaseUser(session.userId);
    this.liveRouting.closed(session);
  }

  /** Closes every session that authenticated with this token. */
  closeToken(tokenId: string, code: number, reason: string): number {
    let closed = 0;
    for (const s of this.sessions.all()) {
      if (s.principal.tokenId === tokenId) {
        s.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  stop(): void {
    this.board.stop();
    this.health.stop();
    this.guests.stop();
  }

  /**
   * Routes one validated frame from an authenticated session. A returned promise settles once the frame's
   * effects are ordered (a durable send is queued for commit); frames of one socket are handled in turn.
   * `raw` is the frame's text as received; a transcript is passed on from it without being serialised again.
   */
  handle(session: Session, frame: ClientFrame, receivedAt: bigint, raw?: string): void | Promise<void> {
    switch (frame.type) {
      case 'hello':
        return this.replies.error(session, 'already_authenticated', 'this connection is already authenticated');
      case 'ping':
        return session.send({ type: 'pong', ref: frame.ref, t: frame.t });
      case 'chat_state':
        return this.liveRouting.onChatState(session, frame);
      case 'transcript':
        return this.liveRouting.onTranscript(session, frame, raw);
      case 'board_subscribe':
        return this.liveRouting.onBoardSubscribe(session, frame).then((answered) => (answered ? this.health.boardSubscribed(session) : undefined));
      case 'board_unsubscribe':
        return this.liveRouting.onBoardUnsubscribe(session, frame);
      case 'listen_start':
        return this.liveRouting.onListenStart(session, frame);
      case 'listen_stop':
        return this.liveRouting.onListenStop(session, frame);
      case 'whisper':
        return this.threads.onWhisper(session, frame, receivedAt);
      case 'reply':
        return this.threads.onReply(session, frame, receivedAt);
      case 'help':
        return this.threads.onHelp(session, frame, receivedAt);
      case 'read':
        return this.threads.onRead(session, frame, receivedAt);
      case 'thread_get':
        return this.threads.onThreadGet(session, frame);
      case 'directory_search':
        return this.guests.onDirectorySearch(session, frame);
      case 'invite':
        return this.guests.onInvite(session, frame);
      case 'uninvite':
        return this.guests.onUninvite(session, frame);
      case 'customer_send_result':
        return this.customerSends.onResult(session, frame);
      case 'adapter_health':
        return this.health.onReport(session, frame);
    }
  }
}
