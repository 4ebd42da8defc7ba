// This process's side of the live bus (Redis mode): applies other processes' live changes to the board and the
// listen registry, hands over its own live state, and delivers what the bus brings to local sockets.
import type { GuestDesk } from '../guests/index.ts';
import type { RelayMetrics } from '../metrics.ts';
import type { LiveEvent, LiveSink, ProcessLiveState } from './live-bus.ts';
import type { LiveBoard } from './live-board.ts';
import type { ListenRegistry } from './listen-registry.ts';
import type { LocalSessions } from './local-sessions.ts';
import { kindFrameText, type StreamEntryKind } from './stream-frames.ts';
import type { StreamReplay } from './stream-replay.ts';

export type RemoteMirrorParts = {
  metrics: RelayMetrics;
  sessions: LocalSessions;
  listens: ListenRegistry;
  board: LiveBoard;
  replay: StreamReplay;
  listenersChanged(key: string): void;
  /** Applies other processes' changes of guest grants to this process's sockets. */
  guests: Pick<GuestDesk, 'apply'>;
  /** Another process stored a change of adapter health in this organisation. */
  healthChanged(orgId: string): void;
};

export class RemoteMirror implements LiveSink {
  constructor(private readonly p: RemoteMirrorParts) {}

  applyRemote(processId: string, event: LiveEvent): void {
    switch (event.t) {
      case 'presence':
        return this.p.board.setPresence(processId, event.agentId, event.name, event.teamIds, event.sessions);
      case 'chats':
        return this.p.board.setConversations(event.agentId, event.conversations);
      case 'help':
        this.p.board.setHelp(event.agentId, event.conversationKey, event.open);
        return;
      case 'listen_add':
        this.p.listens.addRemote(processId, event.sessionId, event.key, event.user);
        return this.p.listenersChanged(event.key);
      case 'listen_remove':
        if (this.p.listens.removeRemote(event.sessionId, event.key)) this.p.listenersChanged(event.key);
        return;
      case 'grants':
        void this.p.guests.apply(event.change);
        return;
      case 'health':
        return this.p.healthChanged(event.orgId);
    }
  }

  replaceProcess(processId: string, state: ProcessLiveState): void {
    const changed = new Set(this.p.listens.dropProcess(processId));
    const present = new Set(state.agents.map((a) => a.agentId));
    for (const a of state.agents) {
      this.p.board.setPresence(processId, a.agentId, a.name, a.teamIds, a.sessions);
      this.p.board.setConversations(a.agentId, a.conversations);
      for (const key of a.help) this.p.board.setHelp(a.agentId, key, true);
    }
    this.p.board.dropProcess(processId, present);

    for (const l of state.listeners) {
      this.p.listens.addRemote(processId, l.sessionId, l.key, l.user);
      changed.add(l.key);
    }
    for (const key of changed) this.p.listenersChanged(key);
  }

  dropProcess(processId: string): void {
    this.p.board.dropProcess(processId);
    for (const key of this.p.listens.dropProcess(processId)) this.p.listenersChanged(key);
  }

  localState(): ProcessLiveState {
    return { agents: this.p.board.localAgents(), listeners: this.p.listens.localListeners() };
  }

  deliverTranscript(key: string, text: Buffer): void {
    for (const s of this.p.listens.sessions(key)) s.sendText(text);
  }

  deliverStream(kind: StreamEntryKind, pairs: [string, number][], payloadJson: string): void {
    let sent = 0;
    for (const [userId, seq] of pairs) {
      const sessions = this.p.sessions.of(userId);
      if (!sessions) continue;
      const text = kindFrameText(kind, seq, payloadJson);
      for (const s of sessions) {
        s.sendStreamEntry(seq, text);
        sent++;
      }
    }
    if (sent > 0) this.p.metrics.deliveries.labels(kind).inc(sent);
  }

  resync(): void {
    this.p.replay.resync(this.p.sessions.all());
  }

  heldUsers(): Iterable<string> {
    return this.p.sessions.users();
  }
}
