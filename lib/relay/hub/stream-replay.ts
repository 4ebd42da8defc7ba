// Replaying a user's stream to a socket: the welcome with the resume decision, the committed entries after the
// client's last seq page by page, then live entries that waited meanwhile; and catching up after a gap.
import type { WelcomeFrame } from '../../protocol/index.ts';
import { CLOSE_CODES, PROTOCOL_VERSION } from '../../protocol/index.ts';
import type { Logger } from '../log.ts';
import { signedInUserOf } from '../identity/signed-in-user.ts';
import type { DurableStore } from '../store/durable-store.ts';
import type { Session } from './session.ts';
import { streamFrameText } from './stream-frames.ts';

const REPLAY_PAGE = 1000;

export class StreamReplay {
  constructor(
    private readonly messages: DurableStore,
    private readonly log: Logger,
    private readonly limits: WelcomeFrame['limits'],
    private readonly retentionDays?: number,
  ) {}

  /** Says `welcome` (resumed or not), replays what the session missed since `lastSeq`, then `synced`. */
  async welcome(session: Session, lastSeq: number | undefined): Promise<void> {
    const p = session.principal;
    const head = await this.messages.headSeq(p.userId);
    const oldest = await this.messages.oldestSeq(p.userId);
    const wanted = lastSeq ?? 0;
    let from = wanted;
    let resumed = true;
    if (wanted > head) {
      // The client saw a history this relay no longer has (data directory replaced): start over.
      resumed = false;
      from = 0;
    } else if (wanted < head && (oldest === undefined || oldest > wanted + 1)) {
      resumed = false;
      from = 0;
    }
    if (session.closed) return;
    session.send({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      sessionId: session.id,
      user: signedInUserOf(p),
      headSeq: head,
      resumed,
      limits: this.limits,
      ...(this.retentionDays === undefined ? {} : { retentionDays: this.retentionDays }),
    });

    session.sentSeq = from;
    await this.replay(session);
    session.send({ type: 'synced', seq: session.sentSeq });
    this.releaseBuffered(session);
  }

  /** A live entry skipped seqs on this socket: read the missing ones from the store, then go on. */
  async catchUp(session: Session): Promise<void> {
    try {
      await this.replay(session);
    } catch (error) {
      this.log.warn({ err: error, sessionId: session.id }, 'reading missed stream entries failed; closing the socket so the client resumes');
      session.close(CLOSE_CODES.internal, 'stream catch-up failed');
      return;
    }
    this.releaseBuffered(session);
  }

  /** Entries may have been missed (the link to other processes was back): every live session catches up. */
  resync(sessions: Iterable<Session>): void {
    for (const s of sessions) {
      if (s.closed || s.replayBuffer !== null) continue;
      s.replayBuffer = [];
      void this.catchUp(s);
    }
  }

  /** Sends committed stream entries after `session.sentSeq`, page by page. */
  private async replay(session: Session): Promise<void> {
    for (;;) {
      const page = await this.messages.readStream(session.userId, session.sentSeq, REPLAY_PAGE);
      if (session.closed) return;
      for (const entry of page) {
        if (entry.seq <= session.sentSeq) continue;
        session.sentSeq = entry.seq;
        session.sendText(streamFrameText(entry));
      }
      if (page.length < REPLAY_PAGE) break;
    }
  }

  /** Ends the replay state: live entries that arrived meanwhile go out in seq order, then waiting acks. */
  private releaseBuffered(session: Session): void {
    const buffered = session.replayBuffer ?? [];
    session.replayBuffer = null;
    buffered.sort((a, b) => a.seq - b.seq);
    for (const item of buffered) session.sendStreamEntry(item.seq, item.text);
    session.releaseWaiting();
  }
}
