// The hub's part for adapter health: stores each user's report (replacing the last), and tells the supervisors'
// boards which agents of their teams have a page that is not recognised (`page_health`), here and, through the live
// bus, on the other relay processes.
import type { ClientFrameOf, PageHealthAgent, RelayFrame } from '../../protocol/index.ts';
import type { FrameReplies } from '../hub/frame-replies.ts';
import type { LiveBus } from '../hub/live-bus.ts';
import type { LocalSessions } from '../hub/local-sessions.ts';
import type { Session } from '../hub/session.ts';
import type { Directory } from '../identity/directory.ts';
import type { Logger } from '../log.ts';
import type { AdapterHealthStore, StoredSiteHealth } from './health-store.ts';

export type HealthDeskParts = {
  store: AdapterHealthStore;
  identities: Directory;
  sessions: LocalSessions;
  replies: FrameReplies;
  log: Logger;
  live?: LiveBus | undefined;
  now?: () => number;
  /** Changes in one organisation within this many ms reach its boards as one `page_health` (default 100). */
  coalesceMs?: number;
};

type AgentReports = { teamIds: string[]; agent: PageHealthAgent };

export class HealthDesk {
  /** Organisations whose boards are told soon. */
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly p: HealthDeskParts) {}

  async onReport(session: Session, frame: ClientFrameOf<'adapter_health'>): Promise<void> {
    const { orgId } = session.principal;
    let changed: boolean;
    try {
      changed = await this.p.store.replace(orgId, session.userId, frame.sites, (this.p.now ?? Date.now)());
    } catch (err) {
      this.p.log.error({ err, userId: session.userId }, 'adapter health could not be stored');
      return this.p.replies.error(session, 'internal', 'adapter health could not be stored; send it again later', frame);
    }
    this.p.replies.ack(session, frame.ref);
    if (!changed) return;
    this.p.live?.publish({ t: 'health', orgId });
    this.orgChanged(orgId);
  }

  /** A board subscription was answered: its `page_health` follows. */
  async boardSubscribed(session: Session): Promise<void> {
    if (!session.boardTeams) return;
    const agents = await this.agentsOf(session.principal.orgId);
    this.sendTo(session, agents);
  }

  /**
   * Some user of `orgId` reported a change (here or on another process): every local board of that org hears, once
   * for the changes of a short while, so that a burst of reports reads the store once.
   */
  orgChanged(orgId: string): void {
    if (this.pending.has(orgId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(orgId);
      this.tellBoards(orgId).catch((err: unknown) => this.p.log.warn({ err, orgId }, 'page health not sent'));
    }, this.p.coalesceMs ?? 100);
    timer.unref();
    this.pending.set(orgId, timer);
  }

  /** The relay stops: nothing more is sent. */
  stop(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private async tellBoards(orgId: string): Promise<void> {
    const boards = this.p.sessions.all().filter((s) => s.boardTeams && s.principal.orgId === orgId);
    if (boards.length === 0) return;
    const agents = await this.agentsOf(orgId);
    for (const session of boards) this.sendTo(session, agents);
  }

  private sendTo(session: Session, agents: readonly AgentReports[]): void {
    const teams = session.boardTeams;
    if (!teams || session.closed) return;
    const frame: RelayFrame = { type: 'page_health', agents: agents.filter((a) => a.teamIds.some((t) => teams.has(t))).map((a) => a.agent) };
    session.send(frame);
  }

  /** Agents of `orgId` with missing page parts, each with its teams (to filter by board). */
  private async agentsOf(orgId: string): Promise<AgentReports[]> {
    const byUser = new Map<string, StoredSiteHealth[]>();
    for (const report of await this.p.store.listOrg(orgId)) {
      if (!report.adapter || report.missing.length === 0) continue;
      byUser.set(report.userId, [...(byUser.get(report.userId) ?? []), report]);
    }
    const out: AgentReports[] = [];
    for (const [userId, reports] of byUser) {
      const user = await this.p.identities.getUserInOrg(orgId, userId);
      if (!user || user.role !== 'agent') continue;
      const adapters = new Map<string, { id: string; name: string; parts: Set<PageHealthAgent['adapters'][number]['parts'][number]> }>();
      let since = Infinity;
      for (const report of reports) {
        const adapter = report.adapter!;
        let entry = adapters.get(adapter.id);
        if (!entry) adapters.set(adapter.id, (entry = { id: adapter.id, name: adapter.name, parts: new Set() }));
        for (const m of report.missing) {
          entry.parts.add(m.part);
          since = Math.min(since, m.since);
        }
      }
      out.push({ teamIds: user.teamIds, agent: { agentId: userId, agentName: user.name, since, adapters: [...adapters.values()].map((a) => ({ id: a.id, name: a.name, parts: [...a.parts] })) } });
    }
    return out;
  }
}
