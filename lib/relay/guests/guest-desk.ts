// The relay's handling of guests: the org-scoped directory search, invitations and their removal, the `guests` and
// `guest_grants` frames, and the sweep that ends grants whose chat ended or whose maximum passed. Every change
// takes effect on live sockets at once: a guest who loses a grant stops listening to that chat.
import type { ClientFrameOf, Colleague, ErrorCode, GrantEndReason, GuestGrant, RelayFrame, TeamRef } from '../../protocol/index.ts';
import type { Directory, DirectoryAdmin } from '../identity/directory.ts';
import type { User } from '../identity/identity-store.ts';
import { newId } from '../identity/secrets.ts';
import type { Logger } from '../log.ts';
import type { Session } from '../hub/session.ts';
import { canCoachChat, coachesByTeam, unknownAgent, type ChatAccess } from './chat-access.ts';
import { wireGrant, type GrantStore, type StoredGrant } from './grant-store.ts';

export interface GuestSettings {
  /** A grant ends this long after it was given, at the latest. */
  maxMs: number;
  /** A grant ends when its chat has been missing from the agent's chat state this long. */
  chatGoneMs: number;
  /** Whether a guest may bring further colleagues into the chat it was invited to. */
  guestsMayInvite: boolean;
}

/** A change of one chat's grants, applied by every relay process to its own sockets. */
export interface GrantChange {
  orgId: string;
  agentId: string;
  conversationKey: string;
  /** Users whose own list of grants changed. */
  userIds: string[];
  ended?: { grant: GuestGrant; reason: GrantEndReason };
}

/** What the desk needs from the hub. */
export interface GuestHubPort {
  /** Live sockets of a user on this process. */
  sessionsOf(userId: string): Iterable<Session>;
  /** Live sockets on this process that listen to the chat. */
  listenersOf(agentId: string, conversationKey: string): Iterable<Session>;
  /** Ends every listen-in of `userId` on this chat on this process. */
  stopListening(userId: string, agentId: string, conversationKey: string): void;
  /** Whether the chat is in its agent's latest chat state. */
  hasChat(agentId: string, conversationKey: string): boolean;
  /** Tells the other relay processes (Redis mode); absent with one process. */
  publish?(change: GrantChange): void;
  error(session: Session, code: ErrorCode, message: string, frame?: { ref?: string; msgId?: string }): void;
}

export interface GuestDeskOptions {
  identities: Directory;
  /** Listing of an organisation's users and teams, for the directory search. */
  people: Pick<DirectoryAdmin, 'listUsers' | 'listTeams'>;
  grants: GrantStore;
  settings: GuestSettings;
  log: Logger;
}

const SEARCH_RESULTS = 20;
const PEOPLE_CACHE_MS = 5_000;

export class GuestDesk {
  private port: GuestHubPort | undefined;
  private readonly people = new Map<string, { until: number; users: User[]; teams: Map<string, TeamRef> }>();
  /** When each unended grant's chat was last seen in its agent's chat state (this process's view). */
  private readonly chatSeenAt = new Map<string, number>();
  private readonly startedAt = Date.now();
  private sweeping = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly o: GuestDeskOptions) {}

  /** Connects the desk to its hub and starts the sweep. */
  attach(port: GuestHubPort): void {
    this.port = port;
    const shortest = Math.min(this.o.settings.chatGoneMs, this.o.settings.maxMs);
    const every = Math.min(5_000, Math.max(100, Math.floor(shortest / 4)));
    this.timer = setInterval(() => void this.sweep(), every);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private get hub(): GuestHubPort {
    if (!this.port) throw new Error('the guest desk is not attached to a hub');
    return this.port;
  }

  // --- frames ---

  async onDirectorySearch(session: Session, frame: ClientFrameOf<'directory_search'>): Promise<void> {
    const p = session.principal;
    const { users, teams } = await this.peopleOf(p.orgId);
    const query = frame.query.toLocaleLowerCase();
    const found: Colleague[] = [];
    for (const user of users) {
      if (user.id === p.userId) continue;
      const own = user.teamIds.map((id) => teams.get(id)).filter((t): t is TeamRef => t !== undefined);
      if (!user.name.toLocaleLowerCase().includes(query) && !own.some((t) => t.name.toLocaleLowerCase().includes(query))) continue;
      found.push({ id: user.id, name: user.name, role: user.role, teams: own });
      if (found.length === SEARCH_RESULTS) break;
    }
    if (!session.closed) session.send({ type: 'directory', ref: frame.ref, users: found });
  }

  async onInvite(session: Session, frame: ClientFrameOf<'invite'>): Promise<void> {
    const chat = await this.chatFor(session, frame, 'invite');
    if (!chat) return;
    const p = session.principal;
    const invitee = await this.o.identities.getUserInOrg(p.orgId, frame.userId);
    if (!invitee) return this.hub.error(session, 'not_found', `no user ${frame.userId}`, frame);
    if (invitee.id === chat.agent.id) return this.hub.error(session, 'forbidden', `${invitee.id} is the agent of this chat`, frame);
    const now = Date.now();
    const { teams } = await this.peopleOf(p.orgId);
    const grant: StoredGrant = {
      id: newId('ses').replace('ses_', 'gr_'),
      orgId: p.orgId,
      agentId: chat.agent.id,
      agentName: chat.agent.name,
      conversationKey: frame.conversationKey,
      guest: {
        id: invitee.id,
        name: invitee.name,
        role: invitee.role,
        teams: invitee.teamIds.map((id) => teams.get(id)).filter((t): t is TeamRef => t !== undefined),
      },
      invitedBy: { id: p.userId, name: p.name, role: p.role },
      createdAt: now,
      expiresAt: now + this.o.settings.maxMs,
      endedAt: null,
      endReason: null,
      endedBy: null,
    };
    const outcome = await this.o.grants.create(grant, now);
    if (outcome.created) {
      this.chatSeenAt.set(grant.id, now);
      this.o.log.info({ grantId: grant.id, agentId: grant.agentId, guestId: invitee.id, by: p.userId }, 'guest invited into a chat');
      await this.changed({ orgId: p.orgId, agentId: grant.agentId, conversationKey: grant.conversationKey, userIds: [invitee.id] });
    }
    if (frame.ref !== undefined && !session.closed) session.send({ type: 'ack', ref: frame.ref });
  }

  async onUninvite(session: Session, frame: ClientFrameOf<'uninvite'>): Promise<void> {
    const chat = await this.chatFor(session, frame, 'uninvite');
    if (!chat) return;
    const p = session.principal;
    const active = await this.o.grants.activeFor(p.orgId, chat.agent.id, frame.conversationKey, frame.userId, Date.now());
    const ended = active && (await this.o.grants.end(active.id, Date.now(), 'removed', p.userId));
    if (!ended) return this.hub.error(session, 'not_found', `no guest ${frame.userId} in this chat`, frame);
    this.o.log.info({ grantId: ended.id, guestId: frame.userId, by: p.userId }, 'guest removed from a chat');
    await this.ended(ended, 'removed');
    if (frame.ref !== undefined && !session.closed) session.send({ type: 'ack', ref: frame.ref });
  }

  /**
   * The chat an invite or uninvite is about, when the sender may manage its guests: its agent, a supervisor or
   * admin who coaches the agent, a guest removing itself, or (when the relay allows it) a guest inviting.
   * Anyone else gets the answer for an unknown agent.
   */
  private async chatFor(session: Session, frame: ClientFrameOf<'invite' | 'uninvite'>, kind: 'invite' | 'uninvite'): Promise<{ agent: User } | undefined> {
    const p = session.principal;
    const agentId = frame.agentId ?? (p.role === 'agent' ? p.userId : undefined);
    if (agentId === undefined) {
      this.hub.error(session, 'invalid_frame', `${kind}: agentId is required for supervisors and admins`, frame);
      return undefined;
    }
    if (agentId === p.userId && p.role === 'agent') {
      const self = await this.o.identities.getUserInOrg(p.orgId, agentId);
      if (self) return { agent: self };
    }
    const access = await canCoachChat(this.o.identities, this.o.grants, p, agentId, frame.conversationKey);
    let outcome: ChatAccess = access;
    if (access.ok && access.grant) {
      const leaving = kind === 'uninvite' && frame.userId === p.userId;
      if (!leaving && !(kind === 'invite' && this.o.settings.guestsMayInvite)) outcome = unknownAgent(agentId);
    }
    if (!outcome.ok) {
      this.hub.error(session, outcome.code, outcome.message, frame);
      return undefined;
    }
    return { agent: outcome.agent };
  }

  /** After `synced`: the agent learns who is in its chats, and anyone its own grants. */
  async afterSynced(session: Session): Promise<void> {
    const p = session.principal;
    const now = Date.now();
    if (p.role === 'agent') {
      const byChat = new Map<string, StoredGrant[]>();
      for (const g of await this.o.grants.activeOfAgent(p.userId, now)) {
        const list = byChat.get(g.conversationKey) ?? [];
        list.push(g);
        byChat.set(g.conversationKey, list);
      }
      for (const [conversationKey, grants] of byChat) {
        if (!session.closed) session.send({ type: 'guests', agentId: p.userId, conversationKey, guests: grants.map(wireGrant) });
      }
    }
    const own = await this.o.grants.activeOfGuest(p.userId, now);
    if (own.length > 0 && !session.closed) session.send({ type: 'guest_grants', grants: own.map(wireGrant) });
  }

  // --- changes ---

  private async ended(grant: StoredGrant, reason: GrantEndReason): Promise<void> {
    this.chatSeenAt.delete(grant.id);
    await this.changed({
      orgId: grant.orgId,
      agentId: grant.agentId,
      conversationKey: grant.conversationKey,
      userIds: [grant.guest.id],
      ended: { grant: wireGrant(grant), reason },
    });
  }

  private async changed(change: GrantChange): Promise<void> {
    this.hub.publish?.(change);
    await this.apply(change);
  }

  /** Applies a change of a chat's grants to this process's sockets (a change made here or by another process). */
  async apply(change: GrantChange): Promise<void> {
    const hub = this.hub;
    const now = Date.now();
    if (change.ended) {
      const guestId = change.ended.grant.guest.id;
      const [guest, agent] = await Promise.all([
        this.o.identities.getUserInOrg(change.orgId, guestId),
        this.o.identities.getUserInOrg(change.orgId, change.agentId),
      ]);
      const stillCoaches = guest && agent && coachesByTeam(guest, agent);
      if (!stillCoaches) hub.stopListening(guestId, change.agentId, change.conversationKey);
    }
    const guests = (await this.o.grants.activeOfChat(change.agentId, change.conversationKey, now)).map(wireGrant);
    const frame: RelayFrame = { type: 'guests', agentId: change.agentId, conversationKey: change.conversationKey, guests };
    if (change.ended) frame.ended = change.ended;
    const text = JSON.stringify(frame);
    const told = new Set<Session>();
    for (const s of [...hub.sessionsOf(change.agentId), ...hub.listenersOf(change.agentId, change.conversationKey)]) {
      if (told.has(s)) continue;
      told.add(s);
      s.sendText(text);
    }
    for (const userId of change.userIds) {
      const sessions = [...hub.sessionsOf(userId)];
      if (sessions.length === 0) continue;
      const own = JSON.stringify({ type: 'guest_grants', grants: (await this.o.grants.activeOfGuest(userId, now)).map(wireGrant) } satisfies RelayFrame);
      for (const s of sessions) s.sendText(own);
    }
  }

  /** Ends grants past their maximum, and grants whose chat has been missing from its agent's chat state too long. */
  async sweep(now = Date.now()): Promise<void> {
    if (this.sweeping || !this.port) return;
    this.sweeping = true;
    try {
      const unended = await this.o.grants.unended();
      const known = new Set<string>();
      for (const g of unended) {
        known.add(g.id);
        let reason: GrantEndReason | null = null;
        if (g.expiresAt <= now) reason = 'expired';
        else if (this.hub.hasChat(g.agentId, g.conversationKey)) this.chatSeenAt.set(g.id, now);
        else {
          const seen = this.chatSeenAt.get(g.id) ?? Math.max(g.createdAt, this.startedAt);
          if (now - seen >= this.o.settings.chatGoneMs) reason = 'chat_ended';
        }
        if (reason === null) continue;
        const ended = await this.o.grants.end(g.id, now, reason, null);
        if (ended) {
          this.o.log.info({ grantId: g.id, reason }, 'guest grant ended');
          await this.ended(ended, reason);
        }
      }
      for (const id of this.chatSeenAt.keys()) if (!known.has(id)) this.chatSeenAt.delete(id);
    } catch (error) {
      this.o.log.warn({ err: error }, 'ending guest grants failed; retrying at the next sweep');
    } finally {
      this.sweeping = false;
    }
  }

  private async peopleOf(orgId: string): Promise<{ users: User[]; teams: Map<string, TeamRef> }> {
    const now = Date.now();
    const hit = this.people.get(orgId);
    if (hit && hit.until > now) return hit;
    const [users, teamList] = await Promise.all([this.o.people.listUsers(orgId), this.o.people.listTeams(orgId)]);
    const entry = { until: now + PEOPLE_CACHE_MS, users, teams: new Map(teamList.map((t) => [t.id, { id: t.id, name: t.name }])) };
    if (this.people.size > 1000) this.people.clear();
    this.people.set(orgId, entry);
    return entry;
  }
}
