// Which sessions listen to which conversation; listening belongs to a socket and ends with it.
import type { UserRef } from '../../protocol/index.ts';
import type { Session } from './session.ts';

export function listenKey(agentId: string, conversationKey: string): string {
  return `${agentId}\u0000${conversationKey}`;
}

export class ListenRegistry {
  private readonly byConversation = new Map<string, Set<Session>>();

  /** Adds a listener; true when the set of listening users changed. */
  add(session: Session, agentId: string, conversationKey: string): boolean {
    const key = listenKey(agentId, conversationKey);
    let sessions = this.byConversation.get(key);
    if (!sessions) this.byConversation.set(key, (sessions = new Set()));
    if (sessions.has(session)) return false;
    const userWasListening = [...sessions].some((s) => s.userId === session.userId);
    sessions.add(session);
    session.listening.add(key);
    return !userWasListening;
  }

  /** Removes a listener; true when the set of listening users changed. */
  remove(session: Session, key: string): boolean {
    const sessions = this.byConversation.get(key);
    session.listening.delete(key);
    if (!sessions?.delete(session)) return false;
    if (sessions.size === 0) this.byConversation.delete(key);
    return ![...(sessions ?? [])].some((s) => s.userId === session.userId);
  }

  sessions(key: string): ReadonlySet<Session> {
    return this.byConversation.get(key) ?? EMPTY;
  }

  /** The distinct users listening, in the order they started. */
  users(key: string): UserRef[] {
    const seen = new Map<string, UserRef>();
    for (const s of this.sessions(key)) {
      if (!seen.has(s.userId)) seen.set(s.userId, { id: s.userId, name: s.principal.name, role: s.principal.role });
    }
    return [...seen.values()];
  }

  /** Listen keys of one agent's conversations that have listeners. */
  keysOfAgent(agentId: string): string[] {
    const prefix = `${agentId}\u0000`;
    return [...this.byConversation.keys()].filter((k) => k.startsWith(prefix));
  }
}

const EMPTY: ReadonlySet<Session> = new Set();

export function splitListenKey(key: string): { agentId: string; conversationKey: string } {
  const at = key.indexOf('\u0000');
  return { agentId: key.slice(0, at), conversationKey: key.slice(at + 1) };
}
