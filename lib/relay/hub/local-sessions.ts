// The sockets on this relay process by user: who is connected here, for routing and delivery.
import type { Session } from './session.ts';

export class LocalSessions {
  private readonly byUser = new Map<string, Set<Session>>();

  get count(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  add(session: Session): void {
    let set = this.byUser.get(session.userId);
    if (!set) this.byUser.set(session.userId, (set = new Set()));
    set.add(session);
  }

  /** Forgets a session; false when it was not registered (already closed). */
  remove(session: Session): boolean {
    const set = this.byUser.get(session.userId);
    if (!set?.delete(session)) return false;
    if (set.size === 0) this.byUser.delete(session.userId);
    return true;
  }

  of(userId: string): ReadonlySet<Session> | undefined {
    return this.byUser.get(userId);
  }

  users(): Iterable<string> {
    return this.byUser.keys();
  }

  all(): Session[] {
    return [...this.byUser.values()].flatMap((set) => [...set]);
  }
}
