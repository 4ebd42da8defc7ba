// Keeps per-conversation timing (started, last customer message, waiting since) from what the engine has seen,
// and turns the page's conversation list into ConversationState entries without the mood.
import type { ConversationInfo, PageConversation, PageMessage } from './contract.ts';

interface Timing {
  startedAt: number;
  lastCustomerAt: number | null;
  waitingSince: number | null;
}

export class ConversationTracker {
  private readonly timings = new Map<string, Timing>();

  private timing(key: string, now: number): Timing {
    let timing = this.timings.get(key);
    if (!timing) {
      timing = { startedAt: now, lastCustomerAt: null, waitingSince: null };
      this.timings.set(key, timing);
    }
    return timing;
  }

  /** Recomputes a conversation's timing from its transcript (oldest first). */
  observeTranscript(key: string, messages: readonly { message: PageMessage; seenAt: number }[], now: number): void {
    const timing = this.timing(key, now);
    let lastCustomerAt: number | null = null;
    let waitingSince: number | null = null;
    for (const { message, seenAt } of messages) {
      const at = message.at ?? seenAt;
      if (at < timing.startedAt) timing.startedAt = at;
      if (message.author === 'customer') {
        lastCustomerAt = lastCustomerAt === null ? at : Math.max(lastCustomerAt, at);
        if (waitingSince === null) waitingSince = at;
      } else if (message.author === 'agent') {
        waitingSince = null;
      }
    }
    timing.lastCustomerAt = lastCustomerAt ?? timing.lastCustomerAt;
    timing.waitingSince = messages.length > 0 ? waitingSince : timing.waitingSince;
  }

  /** The open conversations: the page's list when it has one, else just the active conversation. */
  list(listed: readonly PageConversation[] | null, active: { key: string; customer: string } | null, now: number): ConversationInfo[] {
    const entries: PageConversation[] = listed ? listed.map((entry) => ({ ...entry })) : [];
    if (active) {
      const current = entries.find((entry) => entry.key === active.key);
      for (const entry of entries) entry.active = entry.key === active.key;
      if (current) current.customer = current.customer || active.customer;
      else entries.push({ key: active.key, customer: active.customer, active: true });
    }
    const keys = new Set(entries.map((entry) => entry.key));
    for (const key of [...this.timings.keys()]) if (!keys.has(key)) this.timings.delete(key);
    return entries.map((entry) => {
      const timing = this.timing(entry.key, now);
      return {
        key: entry.key,
        customer: entry.customer,
        startedAt: timing.startedAt,
        lastCustomerAt: timing.lastCustomerAt,
        waitingSince: timing.waitingSince,
        active: entry.active,
      };
    });
  }
}
