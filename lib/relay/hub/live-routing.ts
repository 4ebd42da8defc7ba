// Live frames, never stored: chat state to the board, transcripts to listeners (here or on other processes),
// board subscriptions, listen-in start and stop, who listens, agent presence and help flags.
import type { ClientFrameOf, RelayFrame } from '../../protocol/index.ts';
import { boardTeamsOf } from '../access-rules.ts';
import { canCoachChat, type GrantStore } from '../guests/index.ts';
import type { Directory } from '../identity/directory.ts';
import type { FrameReplies } from './frame-replies.ts';
import type { LiveBus } from './live-bus.ts';
import type { LiveBoard } from './live-board.ts';
import { listenKey, splitListenKey, type ListenRegistry } from './listen-registry.ts';
import type { LocalSessions } from './local-sessions.ts';
import type { Session } from './session.ts';

export type LiveRoutingParts = {
  identities: Directory;
  grants: GrantStore;
  sessions: LocalSessions;
  listens: ListenRegistry;
  board: LiveBoard;
  live: LiveBus | undefined;
  replies: FrameReplies;
};

export class LiveRouting {
  constructor(private readonly p: LiveRoutingParts) {}

  /** A session joined: an agent shows on the board; it learns who listens to its chats once its stream is synced. */
  opened(session: Session): void {
    if (session.principal.role === 'agent') {
      this.p.board.agentConnected(session);
      this.publishPresence(session);
    }
  }

  /** After the replay: an agent's socket hears who listens to each of its chats. */
  synced(session: Session): void {
    if (session.principal.role !== 'agent') return;
    for (const key of this.p.listens.keysOfAgent(session.userId)) {
      const { conversationKey } = splitListenKey(key);
      session.send({ type: 'listeners', agentId: session.userId, conversationKey, listeners: this.p.listens.users(key) });
    }
  }

  /** A session left: its listening, its board subscription and its agent presence end. */
  closed(session: Session): void {
    this.p.board.unsubscribe(session);
    for (const key of [...(session.listening ?? [])]) {
      this.p.listens.remove(session, key);
      this.p.live?.publish({ t: 'listen_remove', key, sessionId: session.id });
      this.listenersChanged(key);
    }
    if (session.principal.role === 'agent') {
      this.p.board.agentDisconnected(session.userId);
      this.publishPresence(session);
    }
  }

  onChatState(session: Session, frame: ClientFrameOf<'chat_state'>): void {
    if (session.principal.role !== 'agent') return this.p.replies.error(session, 'forbidden', 'only agents publish chat state', frame);
    this.p.board.setConversations(session.userId, frame.conversations);
    this.p.live?.publish({ t: 'chats', agentId: session.userId, conversations: frame.conversations });
    this.p.replies.ack(session, frame.ref);
  }

  /** `raw` is the frame's text as received; a transcript is passed on from it without being serialised again. */
  onTranscript(session: Session, frame: ClientFrameOf<'transcript'>, raw?: string): void {
    if (session.principal.role !== 'agent') return this.p.replies.error(session, 'forbidden', 'only agents send transcripts', frame);
    const key = listenKey(session.userId, frame.conversationKey);
    const listeners = this.p.listens.sessions(key);
    const remote = this.p.live ? this.p.listens.remoteProcesses(key) : undefined;
    if (listeners.size === 0 && remote === undefined) {
      return this.p.replies.error(session, 'not_listening', `nobody listens to ${frame.conversationKey}; transcript not sent`, frame);
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
            ...(frame.listenInOff ? { listenInOff: frame.listenInOff } : {}),
          } satisfies RelayFrame);
    for (const listener of listeners) listener.sendText(text);
    if (remote) for (const processId of remote) this.p.live!.sendTranscript(processId, key, text);
    this.p.replies.ack(session, frame.ref);
  }

  /** Resolves to whether the subscription was answered with a snapshot (false: refused, or the socket closed). */
  async onBoardSubscribe(session: Session, frame: ClientFrameOf<'board_subscribe'>): Promise<boolean> {
    const p = session.principal;
    if (p.role === 'agent') {
      this.p.replies.error(session, 'forbidden', 'only supervisors and admins see the board', frame);
      return false;
    }
    const allowed = await boardTeamsOf(this.p.identities, p);
    let teams = allowed;
    if (frame.teamIds) {
      const allowedIds = new Set(allowed.map((t) => t.id));
      for (const teamId of frame.teamIds) {
        if (!allowedIds.has(teamId)) {
          const inOrg = (await this.p.identities.listTeams(p.orgId)).some((t) => t.id === teamId);
          if (inOrg) this.p.replies.error(session, 'forbidden', `you do not supervise team ${teamId}`, frame);
          else this.p.replies.error(session, 'not_found', `no team ${teamId}`, frame);
          return false;
        }
      }
      const wanted = new Set(frame.teamIds);
      teams = allowed.filter((t) => wanted.has(t.id));
    }
    if (session.closed) return false;
    const { agents, chats } = this.p.board.subscribe(session, teams);
    session.send({ type: 'board_snapshot', ref: frame.ref, teams, agents, chats });
    return true;
  }

  onBoardUnsubscribe(session: Session, frame: ClientFrameOf<'board_unsubscribe'>): void {
    this.p.board.unsubscribe(session);
    this.p.replies.ack(session, frame.ref);
  }

  async onListenStart(session: Session, frame: ClientFrameOf<'listen_start'>): Promise<void> {
    const access = await canCoachChat(this.p.identities, this.p.grants, session.principal, frame.agentId, frame.conversationKey);
    if (!access.ok) return this.p.replies.error(session, access.code, access.message, frame);
    if (session.closed) return;
    const key = listenKey(frame.agentId, frame.conversationKey);
    const fresh = !session.listening?.has(key);
    this.p.listens.add(session, frame.agentId, frame.conversationKey);
    if (fresh) {
      this.p.live?.publish({ t: 'listen_add', key, sessionId: session.id, user: { id: session.userId, name: session.principal.name, role: session.principal.role } });
    }
    this.p.replies.ack(session, frame.ref);
    this.listenersChanged(key);
    // Whether coaches may send to this chat's customer: said when it is anything but 'off', and on every change.
    const customerSend = this.p.board.customerSendOf(frame.agentId, frame.conversationKey);
    if (customerSend !== 'off') session.send({ type: 'customer_send_mode', agentId: frame.agentId, conversationKey: frame.conversationKey, customerSend });
  }

  onListenStop(session: Session, frame: ClientFrameOf<'listen_stop'>): void {
    const key = listenKey(frame.agentId, frame.conversationKey);
    if (!session.listening?.has(key)) {
      return this.p.replies.error(session, 'not_listening', `you are not listening to ${frame.conversationKey}`, frame);
    }
    this.p.listens.remove(session, key);
    this.p.live?.publish({ t: 'listen_remove', key, sessionId: session.id });
    this.p.replies.ack(session, frame.ref);
    this.listenersChanged(key);
  }

  /** Ends every local listen-in of `userId` on one conversation (a guest whose grant ended). */
  stopListening(userId: string, agentId: string, conversationKey: string): void {
    const key = listenKey(agentId, conversationKey);
    let changed = false;
    for (const s of [...this.p.listens.sessions(key)]) {
      if (s.userId !== userId) continue;
      this.p.listens.remove(s, key);
      this.p.live?.publish({ t: 'listen_remove', key, sessionId: s.id });
      changed = true;
    }
    if (changed) this.listenersChanged(key);
  }

  /** Tells the local sockets of the agent and of every listener who listens now, and updates the board. */
  listenersChanged(key: string): void {
    const { agentId, conversationKey } = splitListenKey(key);
    const text = JSON.stringify({
      type: 'listeners',
      agentId,
      conversationKey,
      listeners: this.p.listens.users(key),
    } satisfies RelayFrame);
    for (const s of this.p.sessions.of(agentId) ?? []) s.sendText(text);
    for (const s of this.p.listens.sessions(key)) s.sendText(text);
    this.p.board.touch(agentId, conversationKey);
  }

  /** Opens or clears a chat's help flag, here and on the other processes. */
  /**
   * Every process mirrors every help flag, so one that sees no change here has nothing to tell the others: a
   * whisper into a chat without an open flag publishes nothing.
   */
  setHelp(agentId: string, conversationKey: string | null, open: boolean): void {
    if (this.p.board.setHelp(agentId, conversationKey, open) && conversationKey !== null) this.p.live?.publish({ t: 'help', agentId, conversationKey, open });
  }

  private publishPresence(session: Session): void {
    if (!this.p.live) return;
    const p = session.principal;
    this.p.live.publish({ t: 'presence', agentId: p.userId, name: p.name, teamIds: p.teams.map((t) => t.id), sessions: this.p.board.localSessions(p.userId) });
  }
}
