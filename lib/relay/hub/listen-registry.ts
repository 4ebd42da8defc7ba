// Which sessions listen to which conversation; listening belongs to a socket and ends with it. With several
// relay processes it also mirrors the listeners held by the other processes (kept in step by the live bus).
import type { UserRef } from '../../protocol/index.ts';
import type { Session } from './session.ts';

export function listenKey(agentId: string, conversationKey: string): string {
  return `${agentId}\u0000${conversationKey}`;
}

/** One listening socket, on this process (`session` set) or another one. */
export interface Listener {
  sessionId: string;
  processId: string;
  user: UserRef;
  session: Session | null;
}

export class ListenRegistry {
  /** Local sessions per conversation: the transcript hot path reads only this. */
  private readonly byConversation = new Map<string, Set<Session>>();
  /** Every listener per conversation, local and remote, in the order they started. */
  private readonly members = new Map<string, Map<string, Listener>>();
  /** Other processes with listeners per conversation, and how many sockets each has there. */
  private readonly remote = new Map<string, Map<string, number>>();

  constructor(private readonly processId = '') {}

  /** Adds a local listener; true when the set of listening users changed. */
  add(session: Session, agentId: string, conversationKey: string): boolean {
    const key = listenKey(agentId, conversationKey);
    let sessions = this.byConversation.get(key);
    if (!sessions) this.byConversation.set(key, (sessions = new Set()));
    if (sessions.has(session)) return false;
    const userWasListening = this.hasUser(key, session.userId);
    sessions.add(session);
    (session.listening ??= new Set()).add(key);
    const p = session.principal;
    this.member(key).set(session.id, { sessionId: session.id, processId: this.processId, user: { id: p.userId, name: p.name, role: p.role }, session });
    return !userWasListening;
  }

  /** Removes a local listener; true when the set of listening users changed. */
  remove(session: Session, key: string): boolean {
    const sessions = this.byConversation.get(key);
    session.listening?.delete(key);
    if (!sessions?.delete(session)) return false;
    if (sessions.size === 0) this.byConversation.delete(key);
    this.dropMember(key, session.id);
    return !this.hasUser(key, session.userId);
  }

  /** Mirrors a listener of another process. */
  addRemote(processId: string, sessionId: string, key: string, user: UserRef): void {
    const members = this.member(key);
    if (members.has(sessionId)) return;
    members.set(sessionId, { sessionId, processId, user, session: null });
    let procs = this.remote.get(key);
    if (!procs) this.remote.set(key, (procs = new Map()));
    procs.set(processId, (procs.get(processId) ?? 0) + 1);
  }

  /** Forgets a listener of another process; true when it was known. */
  removeRemote(sessionId: string, key: string): boolean {
    const listener = this.members.get(key)?.get(sessionId);
    if (!listener || listener.session) return false;
    this.dropMember(key, sessionId);
    const procs = this.remote.get(key);
    const left = (procs?.get(listener.processId) ?? 1) - 1;
    if (left > 0) procs!.set(listener.processId, left);
    else {
      procs?.delete(listener.processId);
      if (procs?.size === 0) this.remote.delete(key);
    }
    return true;
  }

  /** Forgets every listener of another process; returns the conversations that changed. */
  dropProcess(processId: string): string[] {
    const changed: string[] = [];
    for (const [key, members] of [...this.members]) {
      for (const listener of [...members.values()]) {
        if (listener.processId === processId && !listener.session && this.removeRemote(listener.sessionId, key)) {
          if (!changed.includes(key)) changed.push(key);
        }
      }
    }
    return changed;
  }

  /** Local listening sockets of a conversation. */
  sessions(key: string): ReadonlySet<Session> {
    return this.byConversation.get(key) ?? EMPTY;
  }

  /** Other processes that have listeners for a conversation. */
  remoteProcesses(key: string): Iterable<string> | undefined {
    return this.remote.get(key)?.keys();
  }

  /** The distinct users listening, in the order they started. */
  users(key: string): UserRef[] {
    const seen = new Map<string, UserRef>();
    for (const l of this.members.get(key)?.values() ?? []) if (!seen.has(l.user.id)) seen.set(l.user.id, l.user);
    return [...seen.values()];
  }

  /** Listen keys of one agent's conversations that have listeners. */
  keysOfAgent(agentId: string): string[] {
    const prefix = `${agentId}\u0000`;
    return [...this.members.keys()].filter((k) => k.startsWith(prefix));
  }

  /** Every local listener, for telling a newly started process. */
  localListeners(): { key: string; sessionId: string; user: UserRef }[] {
    const out: { key: string; sessionId: string; user: UserRef }[] = [];
    for (const [key, members] of this.members) for (const l of members.values()) if (l.session) out.push({ key, sessionId: l.sessionId, user: l.user });
    return out;
  }

  private hasUser(key: string, userId: string): boolean {
    for (const l of this.members.get(key)?.values() ?? []) if (l.user.id === userId) return true;
    return false;
  }

  private member(key: string): Map<string, Listener> {
    let members = this.members.get(key);
    if (!members) this.members.set(key, (members = new Map()));
    return members;
  }

  private dropMember(key: string, sessionId: string): void {
    const members = this.members.get(key);
    if (members?.delete(sessionId) && members.size === 0) this.members.delete(key);
  }
}

const EMPTY: ReadonlySet<Session> = new Set();

export function splitListenKey(key: string): { agentId: string; conversationKey: string } {
  const at = key.indexOf('\u0000');
  return { agentId: key.slice(0, at), conversationKey: key.slice(at + 1) };
}
