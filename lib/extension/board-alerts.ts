// Supervisor alerts from the live board: a help request, a chat whose mood drops to at risk or angry, and a customer
// waiting longer than the policy's threshold. Each alert fires once per cause until the cause clears.
import type { BoardChat, MoodLevel, RelayFrameOf } from '../protocol/index.ts';

export type BoardAlert = { id: string; kind: 'help' | 'mood' | 'wait'; title: string; message: string };

const RANK: Record<MoodLevel, number> = { good: 0, neutral: 1, at_risk: 2, angry: 3 };
const key = (chat: { agentId: string; key: string }) => `${chat.agentId}/${chat.key}`;
/** The customer with the helpdesk's chat id: two customers of one name are told apart. */
const named = (chat: BoardChat) => `${chat.customer} (#${chat.key})`;

export class BoardAlerts {
  private readonly chats = new Map<string, BoardChat>();
  /** Causes already alerted, e.g. `wait:<chat>`; removed when the cause clears so it can alert again. */
  private readonly raised = new Set<string>();

  constructor(private readonly waitAlertSeconds: () => number) {}

  /** Applies a board frame and returns the alerts it causes. A snapshot only sets the baseline. */
  apply(frame: RelayFrameOf<'board_snapshot'> | RelayFrameOf<'board_delta'>, now = Date.now()): BoardAlert[] {
    if (frame.type === 'board_snapshot') {
      this.chats.clear();
      for (const chat of frame.chats) {
        this.chats.set(key(chat), chat);
        if (chat.helpRequested) this.raised.add(`help:${key(chat)}`);
        if (RANK[chat.mood.level] >= RANK.at_risk) this.raised.add(`mood:${key(chat)}`);
      }
      return this.waits(now);
    }
    const alerts: BoardAlert[] = [];
    for (const gone of frame.remove) this.chats.delete(`${gone.agentId}/${gone.conversationKey}`);
    for (const chat of frame.upsert) {
      const id = key(chat);
      const before = this.chats.get(id);
      this.chats.set(id, chat);
      if (chat.helpRequested && !this.raised.has(`help:${id}`)) {
        this.raised.add(`help:${id}`);
        alerts.push({ id: `help:${id}`, kind: 'help', title: `${chat.agentName} asks for help`, message: `Chat with ${named(chat)}` });
      } else if (!chat.helpRequested) this.raised.delete(`help:${id}`);
      const worse = RANK[chat.mood.level] >= RANK.at_risk && (!before || RANK[chat.mood.level] > RANK[before.mood.level]);
      if (worse && !this.raised.has(`mood:${id}:${chat.mood.level}`)) {
        this.raised.add(`mood:${id}:${chat.mood.level}`);
        const level = chat.mood.level === 'angry' ? 'angry' : 'at risk';
        alerts.push({ id: `mood:${id}`, kind: 'mood', title: `${named(chat)} is ${level}`, message: `${chat.agentName}'s chat${chat.mood.reasons[0] ? `: ${chat.mood.reasons[0]}` : ''}` });
      }
      if (RANK[chat.mood.level] < RANK.at_risk) {
        this.raised.delete(`mood:${id}:at_risk`);
        this.raised.delete(`mood:${id}:angry`);
      }
    }
    return [...alerts, ...this.waits(now)];
  }

  /** Customers waiting over the threshold (call now and then: waits grow without board changes). */
  waits(now = Date.now()): BoardAlert[] {
    const alerts: BoardAlert[] = [];
    const limitMs = this.waitAlertSeconds() * 1000;
    for (const [id, chat] of this.chats) {
      const cause = `wait:${id}:${chat.waitingSince}`;
      if (chat.waitingSince === null || now - chat.waitingSince < limitMs) continue;
      if (this.raised.has(cause)) continue;
      this.raised.add(cause);
      const minutes = Math.max(1, Math.round((now - chat.waitingSince) / 60_000));
      alerts.push({ id: `wait:${id}`, kind: 'wait', title: `${named(chat)} has waited ${minutes} min`, message: `${chat.agentName}'s chat` });
    }
    return alerts;
  }

  /** Open help requests on the board (for the badge). */
  helpCount(): number {
    return [...this.chats.values()].filter((chat) => chat.helpRequested).length;
  }
}
