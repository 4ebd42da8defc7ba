// Sends a coach's `customer` message through the helpdesk on screen, once: claims it from the background's journal,
// looks at the transcript and the reply box first, inserts the text only into an empty box, waits for the editor to
// take it, records that it is about to press send, presses once, and confirms from the transcript.
import type { CustomerSendReason } from '../../protocol/index.ts';
import type { AdapterEngine } from '../../adapters/engine/index.ts';
import { SEND_TIMING } from '../../adapters/engine/reply-send.ts';
import { agentLinesWith, confirmedSent, decideStart, takeState, type EarlierAttempt } from '../customer-send/send-decisions.ts';
import { askBackground } from '../messages.ts';

/** The background offers a message to the tabs showing its chat. */
export type SendOffer = { messageId: string; conversationKey: string; text: string };

/** The background's answer to a claim: act (first attempt, or after an earlier one) or leave it. */
export type ClaimAnswer = { act: false } | { act: true; earlier: EarlierAttempt };

/** The background's side of the journal, as the tab reaches it. */
export type SendJournalLink = {
  claim(request: { messageId: string; conversationKey: string; canSend: boolean; seenIds: string[] }): Promise<ClaimAnswer>;
  advance(messageId: string, stage: 'inserted' | 'pressing'): Promise<boolean>;
  finish(messageId: string, outcome: 'sent' | 'not_sent', reason?: CustomerSendReason): Promise<unknown>;
};

/** The journal in the background, reached through the extension's message boundary. */
export const backgroundJournal: SendJournalLink = {
  claim: (request) => askBackground({ type: 'customer_send_claim', ...request }),
  advance: (messageId, stage) => askBackground({ type: 'customer_send_step', messageId, stage }),
  finish: (messageId, outcome, reason) => askBackground({ type: 'customer_send_finish', messageId, outcome, ...(reason ? { reason } : {}) }),
};

export type ExecutorParts = {
  engine(): AdapterEngine | null;
  conversationKey(): string | null;
  journal: SendJournalLink;
  /** The state shown in the agent's thread while it acts and when it is done. */
  shown?: (messageId: string, state: 'sending' | 'sent' | 'not_sent', reason?: CustomerSendReason) => void;
  /** How often the page is looked at while waiting (default 100 ms). */
  pollMs?: number;
  now?: () => number;
};

export class CustomerSendExecutor {
  /** Messages this page is acting on now: a second offer of one of them is ignored, never run twice. */
  private readonly running = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly p: ExecutorParts) {
    this.now = p.now ?? (() => Date.now());
  }

  /** Acts on an offer if this page shows its chat; resolves when done (or when another tab has it). */
  async offer(offer: SendOffer): Promise<void> {
    if (this.running.has(offer.messageId) || this.p.conversationKey() !== offer.conversationKey) return;
    this.running.add(offer.messageId);
    try {
      await this.run(offer);
    } finally {
      this.running.delete(offer.messageId);
    }
  }

  private async run(offer: SendOffer): Promise<void> {
    const engine = this.p.engine();
    if (!engine) return;
    const { messageId, text } = offer;
    const action = engine.sendAction();
    const seenIds = agentLinesWith(engine.pageMessages(), text);
    const claim = await this.p.journal.claim({ messageId, conversationKey: offer.conversationKey, canSend: action !== null, seenIds });
    if (!claim.act || !action) return;
    const seen = claim.earlier?.seenIds ?? seenIds;
    const report = async (outcome: 'sent' | 'not_sent', reason?: CustomerSendReason) => {
      this.p.shown?.(messageId, outcome, reason);
      await this.p.journal.finish(messageId, outcome, reason);
    };
    const start = decideStart(claim.earlier, engine.replyDraft(), text, engine.pageMessages());
    if (start.do === 'report') return report(start.outcome, start.outcome === 'not_sent' ? start.reason : undefined);
    this.p.shown?.(messageId, 'sending');
    if (start.do === 'insert') {
      const inserted = engine.insertReply(text, 'append');
      if (!inserted.ok) return report('not_sent', 'editor_did_not_take');
      if (!(await this.p.journal.advance(messageId, 'inserted'))) return;
    }
    const insertedAt = this.now();
    const settleMs = action.settleMs ?? SEND_TIMING.settleMs;
    const taken = await this.until(action.takeWithinMs ?? SEND_TIMING.takeWithinMs, () => {
      const state = takeState(engine.replyDraft(), text, engine.sendReady(), this.now() - insertedAt >= settleMs);
      return state === 'waiting' ? null : state;
    });
    if (taken !== 'taken') return report('not_sent', taken ?? 'editor_did_not_take');
    // Durable before pressing: after this point a restart never presses again.
    if (!(await this.p.journal.advance(messageId, 'pressing'))) return;
    if (takeState(engine.replyDraft(), text, engine.sendReady(), true) !== 'taken') return report('not_sent', 'editor_did_not_take');
    const pressed = engine.pressSend();
    if (!pressed.ok) return report('not_sent', 'editor_did_not_take');
    const confirmed = await this.until(action.confirmWithinMs ?? SEND_TIMING.confirmWithinMs, () =>
      confirmedSent(engine.replyDraft(), text, engine.pageMessages(), seen) ? true : null,
    );
    return confirmed ? report('sent') : report('not_sent', 'not_confirmed');
  }

  /** Looks at the page every poll until `check` answers or `withinMs` passes (then null). */
  private async until<T>(withinMs: number, check: () => T | null): Promise<T | null> {
    const deadline = this.now() + withinMs;
    for (;;) {
      const answer = check();
      if (answer !== null) return answer;
      if (this.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, this.p.pollMs ?? 100));
    }
  }
}
