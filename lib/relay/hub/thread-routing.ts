// Durable thread frames: whispers, replies and help requests stored once per msgId and then delivered and
// acknowledged, read receipts, and reading a thread; who may touch whose thread is checked here.
import type { ClientFrameOf, CustomerSendMode, ReadReceipt, ThreadMessage } from '../../protocol/index.ts';
import { canCoachChat, stillInChat, unknownAgent, type GrantStore } from '../guests/index.ts';
import type { Directory } from '../identity/directory.ts';
import { newMessageId } from '../identity/secrets.ts';
import type { Logger } from '../log.ts';
import type { RelayMetrics } from '../metrics.ts';
import { ReplicationShortfall, type DurableStore, type StreamEntry } from '../store/durable-store.ts';
import type { FrameReplies } from './frame-replies.ts';
import { listenKey, type ListenRegistry } from './listen-registry.ts';
import type { LocalSessions } from './local-sessions.ts';
import type { Session } from './session.ts';
import { entryPayload, streamFrameText, type StreamEntryKind } from './stream-frames.ts';

export type ThreadRoutingParts = {
  identities: Directory;
  grants: GrantStore;
  messages: DurableStore;
  metrics: RelayMetrics;
  log: Logger;
  sessions: LocalSessions;
  listens: ListenRegistry;
  replies: FrameReplies;
  /** With other relay processes, the store publishes committed entries and the bus delivers them everywhere. */
  deliversItself: boolean;
  /** What the agent's latest `chat_state` says about sending to this chat's customer. */
  customerSendOf(agentId: string, conversationKey: string): CustomerSendMode;
  /** Opens or clears a chat's help flag on the board. */
  setHelp(agentId: string, conversationKey: string | null, open: boolean): void;
};

export class ThreadRouting {
  constructor(private readonly p: ThreadRoutingParts) {}

  async onWhisper(session: Session, frame: ClientFrameOf<'whisper'>, receivedAt: bigint): Promise<void> {
    const access = await canCoachChat(this.p.identities, this.p.grants, session.principal, frame.agentId, frame.conversationKey);
    if (!access.ok) return this.p.replies.error(session, access.code, access.message, frame);
    if (frame.kind === 'customer') {
      const mode = this.p.customerSendOf(frame.agentId, frame.conversationKey);
      if (mode !== 'allowed') return this.p.replies.error(session, 'not_allowed', notAllowedWords(access.agent.name, mode), frame);
    }
    const key = listenKey(frame.agentId, frame.conversationKey);
    const participants = await this.p.messages.threadParticipants(frame.agentId, frame.conversationKey);
    const recipients = [
      frame.agentId,
      session.userId,
      ...this.p.listens.users(key).map((u) => u.id),
      // Earlier whisperers, except guests whose access to this chat ended.
      ...(await stillInChat(this.p.identities, this.p.grants, access.agent, frame.conversationKey, participants)),
    ];
    this.commitMessage(session, frame, { kind: frame.kind, agentId: frame.agentId, conversationKey: frame.conversationKey, text: frame.text }, recipients, receivedAt, () =>
      this.p.setHelp(frame.agentId, frame.conversationKey, false),
    );
  }

  async onReply(session: Session, frame: ClientFrameOf<'reply'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    if (p.role !== 'agent') return this.p.replies.error(session, 'forbidden', 'only agents reply in a thread; supervisors send whispers', frame);
    const key = listenKey(p.userId, frame.conversationKey);
    const participants = await this.p.messages.threadParticipants(p.userId, frame.conversationKey);
    const self = await this.p.identities.getUserInOrg(p.orgId, p.userId);
    // Earlier whisperers, except guests whose access to this chat ended.
    const stillThere = self ? await stillInChat(this.p.identities, this.p.grants, self, frame.conversationKey, participants) : participants;
    let involved = [...this.p.listens.users(key).map((u) => u.id), ...stillThere];
    if (involved.length === 0) involved = await this.p.identities.supervisorsOfTeams(p.teams.map((t) => t.id));
    this.commitMessage(session, frame, { kind: 'reply', agentId: p.userId, conversationKey: frame.conversationKey, text: frame.text }, [p.userId, ...involved], receivedAt);
  }

  async onHelp(session: Session, frame: ClientFrameOf<'help'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    if (p.role !== 'agent') return this.p.replies.error(session, 'forbidden', 'only agents ask for help', frame);
    const supervisors = await this.p.identities.supervisorsOfTeams(p.teams.map((t) => t.id));
    this.commitMessage(session, frame, { kind: 'help', agentId: p.userId, conversationKey: frame.conversationKey, text: frame.reason }, [p.userId, ...supervisors], receivedAt, () =>
      this.p.setHelp(p.userId, frame.conversationKey, true),
    );
  }

  async onRead(session: Session, frame: ClientFrameOf<'read'>, receivedAt: bigint): Promise<void> {
    const p = session.principal;
    const agentId = await this.threadOwner(session, frame);
    if (agentId === undefined) return;
    const senders = new Set<string>();
    const fresh: string[] = [];
    for (const id of new Set(frame.messageIds)) {
      const message = await this.p.messages.getMessage(id);
      if (!message || message.agentId !== agentId || message.conversationKey !== frame.conversationKey) {
        return this.p.replies.error(session, 'not_found', `no message ${id} in this thread`, frame);
      }
      if (message.from.id === p.userId || (await this.p.messages.isReadBy(id, p.userId))) continue;
      fresh.push(id);
      senders.add(message.from.id);
    }
    if (fresh.length === 0) return this.p.replies.ack(session, frame.ref);
    const receipt: ReadReceipt = {
      agentId,
      conversationKey: frame.conversationKey,
      messageIds: fresh,
      by: { id: p.userId, name: p.name, role: p.role },
      at: Date.now(),
    };
    this.p.messages.appendReceipt(receipt, [...new Set([p.userId, ...senders])]).then(
      (entries) => {
        if (this.p.deliversItself) this.deliver(entries, 'read');
        const own = entries.find((e) => e.userId === p.userId);
        session.afterStreamSeq(own?.seq ?? null, () => {
          this.p.replies.ack(session, frame.ref);
          this.p.metrics.deliveryLatency.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
        });
      },
      (error: unknown) => {
        this.p.log.error({ err: error }, 'storing a read receipt failed');
        this.p.replies.error(session, 'internal', 'the read receipt could not be stored; send it again', frame);
      },
    );
  }

  async onThreadGet(session: Session, frame: ClientFrameOf<'thread_get'>): Promise<void> {
    const agentId = await this.threadOwner(session, frame);
    if (agentId === undefined) return;
    const messages = await this.p.messages.thread(agentId, frame.conversationKey, frame.limit ?? 200);
    session.send({ type: 'thread', ref: frame.ref, agentId, conversationKey: frame.conversationKey, messages });
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
    this.p.messages.appendMessage(message, p.orgId, [...new Set(recipients)]).then(
      (outcome) => {
        if (outcome.duplicate) {
          const existing = outcome.existing;
          const same = existing.kind === content.kind && existing.agentId === content.agentId && existing.conversationKey === content.conversationKey && existing.text === content.text;
          if (!same) return this.p.replies.error(session, 'conflict', `msgId ${frame.msgId} was already used for a different message`, frame);
          // The ack follows the original's own copy on this socket.
          session.afterStreamSeq(outcome.senderSeq, () => session.send({ type: 'ack', msgId: frame.msgId, id: existing.id, duplicate: true }));
          return;
        }
        if (this.p.deliversItself) this.deliver(outcome.entries, 'message');
        const own = outcome.entries.find((e) => e.userId === p.userId);
        session.afterStreamSeq(own?.seq ?? null, () => {
          session.send({ type: 'ack', msgId: frame.msgId, id: message.id, duplicate: false });
          this.p.metrics.deliveryLatency.observe(Number(process.hrtime.bigint() - receivedAt) / 1e9);
        });
        onStored?.();
      },
      (error: unknown) => {
        if (error instanceof ReplicationShortfall) {
          this.p.log.warn({ msgId: frame.msgId, confirmed: error.confirmed }, 'a message was not confirmed by enough replicas in time');
          return this.p.replies.error(session, 'internal', error.message, frame);
        }
        this.p.log.error({ err: error, msgId: frame.msgId }, 'storing a message failed');
        this.p.replies.error(session, 'internal', 'the message could not be stored; send it again', frame);
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
      // An agent reads another agent's thread only as a guest of that one chat.
      if (frame.conversationKey !== null) {
        const guest = await canCoachChat(this.p.identities, this.p.grants, p, frame.agentId, frame.conversationKey);
        if (guest.ok) return frame.agentId;
      }
      this.p.replies.error(session, 'not_found', `no thread of ${frame.agentId} for you`, frame);
      return undefined;
    }
    if (frame.agentId === undefined) {
      this.p.replies.error(session, 'invalid_frame', `${frame.type}: agentId is required for supervisors and admins`, frame);
      return undefined;
    }
    const agentId = frame.agentId;
    // A grant opens one conversation's thread; help requests tied to no conversation stay with the agent's teams.
    const access =
      frame.conversationKey === null
        ? await canCoachChat(this.p.identities, this.p.grants, p, agentId, '').then((a) => (a.ok && a.grant ? unknownAgent(agentId) : a))
        : await canCoachChat(this.p.identities, this.p.grants, p, agentId, frame.conversationKey);
    if (!access.ok) {
      this.p.replies.error(session, access.code, access.message, frame);
      return undefined;
    }
    return frame.agentId;
  }

  /** Sends committed stream entries to every live session of their users (single process; public for outcomes). */
  deliver(entries: StreamEntry[], kind: StreamEntryKind): void {
    let sent = 0;
    let body: object | undefined;
    let bodyJson = '';
    for (const entry of entries) {
      const sessions = this.p.sessions.of(entry.userId);
      if (!sessions) continue;
      const payload = entryPayload(entry);
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
    if (sent > 0) this.p.metrics.deliveries.labels(kind).inc(sent);
  }
}

/** Why a `customer` whisper is refused, in words for the sender. */
function notAllowedWords(agentName: string, mode: CustomerSendMode): string {
  return mode === 'ask'
    ? `${agentName} has not allowed replies to the customer in this chat; ask them to allow it`
    : `sending to the customer is off in this chat (${agentName}'s policy or helpdesk does not allow it)`;
}
