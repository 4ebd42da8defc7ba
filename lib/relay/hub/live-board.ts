// The supervisors' live board: each online agent's open conversations, kept in memory (never stored),
// with coalesced deltas sent to subscribed sessions filtered by the teams they follow. Presence is counted
// per relay process, so agents connected to other processes (mirrored by the live bus) show too.
import type { BoardAgent, BoardChat, BoardDeltaFrame, ConversationState, CustomerSendMode, TeamRef, UserRef } from '../../protocol/index.ts';
import type { Session } from './session.ts';

interface AgentLive {
  id: string;
  name: string;
  teamIds: string[];
  /** Open sockets of this agent per relay process ('' or this process's id for local ones). */
  presence: Map<string, number>;
  conversations: Map<string, ConversationState>;
  removal?: NodeJS.Timeout;
}

interface PendingChange {
  agent: boolean;
  gone: boolean;
  upsert: Set<string>;
  remove: Set<string>;
}

export interface LiveBoardOptions {
  /** How long an agent's chats stay on the board after their last connection drops. */
  graceMs: number;
  /** Deltas are gathered for this long before they are sent. */
  coalesceMs: number;
  listenersOf: (agentId: string, conversationKey: string) => UserRef[];
  /** This process's id in the live bus ('' with a single process). */
  processId?: string;
  /** A chat's customerSend changed (a chat that closed or left the board counts as 'off'). */
  customerSendChanged?: (agentId: string, conversationKey: string, mode: CustomerSendMode) => void;
}

export class LiveBoard {
  private readonly agents = new Map<string, AgentLive>();
  private readonly subscribers = new Set<Session>();
  private readonly helpOpen = new Set<string>();
  private pending = new Map<string, PendingChange>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LiveBoardOptions) {}

  agentConnected(session: Session): void {
    const p = session.principal;
    const local = this.options.processId ?? '';
    const count = this.agents.get(p.userId)?.presence.get(local) ?? 0;
    this.setPresence(local, p.userId, p.name, p.teams.map((t) => t.id), count + 1);
  }

  agentDisconnected(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent) return;
    const local = this.options.processId ?? '';
    this.setPresence(local, agentId, agent.name, agent.teamIds, Math.max(0, (agent.presence.get(local) ?? 0) - 1));
  }

  /** Local open sockets of an agent. */
  localSessions(agentId: string): number {
    return this.agents.get(agentId)?.presence.get(this.options.processId ?? '') ?? 0;
  }

  /** Sets how many sockets an agent has open on one process; the board changes when the total crosses zero. */
  setPresence(processId: string, agentId: string, name: string, teamIds: string[], count: number): void {
    let agent = this.agents.get(agentId);
    if (!agent) {
      if (count === 0) return;
      agent = { id: agentId, name, teamIds, presence: new Map(), conversations: new Map() };
      this.agents.set(agentId, agent);
    }
    const wasOnline = isOnline(agent);
    if (count > 0) agent.presence.set(processId, count);
    else agent.presence.delete(processId);
    const online = isOnline(agent);
    if (online) {
      if (agent.removal) clearTimeout(agent.removal);
      agent.removal = undefined;
      if (!wasOnline) this.change(agentId).agent = true;
      return;
    }
    if (!wasOnline) return;
    this.change(agentId).agent = true;
    const gone = agent;
    agent.removal = setTimeout(() => {
      if (this.agents.get(agentId) !== gone || isOnline(gone)) return;
      const change = this.change(agentId);
      for (const key of gone.conversations.keys()) change.remove.add(key);
      change.gone = true;
      for (const state of gone.conversations.values()) this.announceCustomerSend(agentId, state.key, state.customerSend, 'off');
      for (const key of this.helpOpen) if (key.startsWith(`${agentId}\u0000`)) this.helpOpen.delete(key);
      this.agents.delete(agentId);
    }, this.options.graceMs);
    agent.removal.unref();
  }

  /** Forgets every socket another process had (it stopped or died), except for the agents in `keep`. */
  dropProcess(processId: string, keep?: ReadonlySet<string>): void {
    for (const agent of [...this.agents.values()]) {
      if (agent.presence.has(processId) && !keep?.has(agent.id)) this.setPresence(processId, agent.id, agent.name, agent.teamIds, 0);
    }
  }

  /** Agents with sockets on this process, with their chats and open help flags, for another process. */
  localAgents(): { agentId: string; name: string; teamIds: string[]; sessions: number; conversations: ConversationState[]; help: string[] }[] {
    const local = this.options.processId ?? '';
    const out = [];
    for (const agent of this.agents.values()) {
      const sessions = agent.presence.get(local) ?? 0;
      if (sessions === 0) continue;
      const help = [...agent.conversations.keys()].filter((k) => this.helpOpen.has(`${agent.id}\u0000${k}`));
      out.push({ agentId: agent.id, name: agent.name, teamIds: agent.teamIds, sessions, conversations: [...agent.conversations.values()], help });
    }
    return out;
  }

  /** Replaces an agent's open conversations; only what changed is sent on. */
  setConversations(agentId: string, conversations: readonly ConversationState[]): void {
    const agent = this.agents.get(agentId);
    if (!agent) return;
    const next = new Map(conversations.map((c) => [c.key, c]));
    const change = this.change(agentId);
    for (const key of agent.conversations.keys()) {
      if (!next.has(key)) {
        change.remove.add(key);
        change.upsert.delete(key);
        this.helpOpen.delete(`${agentId}\u0000${key}`);
      }
    }
    for (const [key, state] of next) {
      const before = agent.conversations.get(key);
      if (!before || !sameState(before, state)) {
        change.upsert.add(key);
        change.remove.delete(key);
      }
    }
    const before = agent.conversations;
    agent.conversations = next;
    for (const [key, state] of before) if (!next.has(key)) this.announceCustomerSend(agentId, key, state.customerSend, 'off');
    for (const [key, state] of next) this.announceCustomerSend(agentId, key, before.get(key)?.customerSend, state.customerSend);
  }

  private announceCustomerSend(agentId: string, key: string, was: CustomerSendMode | undefined, now: CustomerSendMode | undefined): void {
    if ((was ?? 'off') !== (now ?? 'off')) this.options.customerSendChanged?.(agentId, key, now ?? 'off');
  }

  /** Re-sends one chat (its listeners or help flag changed). */
  touch(agentId: string, conversationKey: string): void {
    const agent = this.agents.get(agentId);
    if (agent?.conversations.has(conversationKey)) this.change(agentId).upsert.add(conversationKey);
  }

  /** Opens or clears a chat's help flag; says whether that changed it. */
  setHelp(agentId: string, conversationKey: string | null, open: boolean): boolean {
    if (conversationKey === null) return false;
    const key = `${agentId}\u0000${conversationKey}`;
    if (open === this.helpOpen.has(key)) return false;
    if (open) this.helpOpen.add(key);
    else this.helpOpen.delete(key);
    this.touch(agentId, conversationKey);
    return true;
  }

  hasConversation(agentId: string, conversationKey: string): boolean {
    return this.agents.get(agentId)?.conversations.has(conversationKey) ?? false;
  }

  /** What the agent's latest `chat_state` says about sending to this chat's customer ('off' when absent). */
  customerSendOf(agentId: string, conversationKey: string): CustomerSendMode {
    return this.agents.get(agentId)?.conversations.get(conversationKey)?.customerSend ?? 'off';
  }

  subscribe(session: Session, teams: readonly TeamRef[]): { agents: BoardAgent[]; chats: BoardChat[] } {
    session.boardTeams = new Set(teams.map((t) => t.id));
    this.subscribers.add(session);
    const agents: BoardAgent[] = [];
    const chats: BoardChat[] = [];
    for (const agent of this.agents.values()) {
      if (!visible(agent.teamIds, session.boardTeams)) continue;
      agents.push(this.agentView(agent));
      for (const key of agent.conversations.keys()) chats.push(this.chatView(agent, key));
    }
    return { agents, chats };
  }

  unsubscribe(session: Session): void {
    session.boardTeams = null;
    this.subscribers.delete(session);
  }

  /** Sends gathered deltas now (normally on a timer). */
  flush(): void {
    this.timer = undefined;
    const pending = this.pending;
    this.pending = new Map();
    if (this.subscribers.size === 0) return;
    const byFilter = new Map<string, { teams: Set<string>; sessions: Session[] }>();
    for (const s of this.subscribers) {
      if (!s.boardTeams) continue;
      const key = [...s.boardTeams].sort().join(',');
      let group = byFilter.get(key);
      if (!group) byFilter.set(key, (group = { teams: s.boardTeams, sessions: [] }));
      group.sessions.push(s);
    }
    for (const group of byFilter.values()) {
      const frame: BoardDeltaFrame = { type: 'board_delta', agents: [], agentsGone: [], upsert: [], remove: [] };
      for (const [agentId, change] of pending) {
        const agent = this.agents.get(agentId);
        const teamIds = agent?.teamIds ?? this.lastTeams.get(agentId) ?? [];
        if (!visible(teamIds, group.teams)) continue;
        if (agent && change.agent) frame.agents.push(this.agentView(agent));
        for (const key of change.remove) frame.remove.push({ agentId, conversationKey: key });
        if (agent) for (const key of change.upsert) if (agent.conversations.has(key)) frame.upsert.push(this.chatView(agent, key));
        if (!agent && change.gone) frame.agentsGone.push(agentId);
      }
      if (frame.agents.length + frame.agentsGone.length + frame.upsert.length + frame.remove.length === 0) continue;
      const text = JSON.stringify(frame);
      for (const s of group.sessions) s.sendText(text);
    }
    for (const agentId of pending.keys()) if (!this.agents.has(agentId)) this.lastTeams.delete(agentId);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const agent of this.agents.values()) if (agent.removal) clearTimeout(agent.removal);
  }

  private readonly lastTeams = new Map<string, string[]>();

  private change(agentId: string): PendingChange {
    let change = this.pending.get(agentId);
    if (!change) {
      change = { agent: false, gone: false, upsert: new Set(), remove: new Set() };
      this.pending.set(agentId, change);
      const agent = this.agents.get(agentId);
      if (agent) this.lastTeams.set(agentId, agent.teamIds);
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.coalesceMs);
      this.timer.unref();
    }
    return change;
  }

  private agentView(agent: AgentLive): BoardAgent {
    return { id: agent.id, name: agent.name, teamIds: agent.teamIds, online: isOnline(agent) };
  }

  private chatView(agent: AgentLive, key: string): BoardChat {
    const state = agent.conversations.get(key)!;
    return {
      ...state,
      agentId: agent.id,
      agentName: agent.name,
      teamIds: agent.teamIds,
      listeners: this.options.listenersOf(agent.id, key),
      helpRequested: this.helpOpen.has(`${agent.id}\u0000${key}`),
    };
  }
}

function isOnline(agent: AgentLive): boolean {
  return agent.presence.size > 0;
}

function visible(agentTeams: readonly string[], followed: ReadonlySet<string>): boolean {
  return agentTeams.some((t) => followed.has(t));
}

function sameState(a: ConversationState, b: ConversationState): boolean {
  return (
    a.customer === b.customer &&
    a.startedAt === b.startedAt &&
    a.lastCustomerAt === b.lastCustomerAt &&
    a.waitingSince === b.waitingSince &&
    a.active === b.active &&
    (a.customerSend ?? 'off') === (b.customerSend ?? 'off') &&
    a.mood.level === b.mood.level &&
    a.mood.score === b.mood.score &&
    a.mood.reasons.join('\n') === b.mood.reasons.join('\n')
  );
}
