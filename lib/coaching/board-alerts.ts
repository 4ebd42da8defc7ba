// Alerts for the supervisor: help requests, mood drops and customers waiting over the threshold.
import type { BoardChat } from '../protocol/index.ts';
import { boardChatId } from './board-order.ts';
import { moodDrop, type MoodHistory } from './mood-trend.ts';

export type BoardAlertKind = 'help' | 'mood_drop' | 'long_wait';

export type BoardAlert = {
  /** Stable while the condition lasts: the kind, the chat and when the condition began (if known). */
  id: string;
  kind: BoardAlertKind;
  chat: BoardChat;
  /** For `long_wait`: how long the customer has waited, in ms. */
  waitedMs?: number;
};

/** A fall of at least this much below the best recent score is a mood drop. */
export const DEFAULT_MOOD_DROP = 0.3;

/** Help requests first, then mood drops, then long waits (longest first). */
export function boardAlerts(
  chats: readonly BoardChat[],
  options: { now: number; waitAlertMs: number; moodHistory?: MoodHistory; moodDropAtLeast?: number },
): BoardAlert[] {
  const history = options.moodHistory ?? {};
  const dropAtLeast = options.moodDropAtLeast ?? DEFAULT_MOOD_DROP;
  const help: BoardAlert[] = [];
  const drops: BoardAlert[] = [];
  const waits: BoardAlert[] = [];
  for (const chat of chats) {
    const id = boardChatId(chat);
    if (chat.helpRequested) help.push({ id: `help:${id}`, kind: 'help', chat });
    if (moodDrop(chat.mood.score, history[id] ?? []) >= dropAtLeast) drops.push({ id: `mood_drop:${id}:${chat.mood.score}`, kind: 'mood_drop', chat });
    if (chat.waitingSince !== null) {
      const waitedMs = options.now - chat.waitingSince;
      if (waitedMs >= options.waitAlertMs) waits.push({ id: `long_wait:${id}:${chat.waitingSince}`, kind: 'long_wait', chat, waitedMs });
    }
  }
  waits.sort((a, b) => (b.waitedMs ?? 0) - (a.waitedMs ?? 0));
  return [...help, ...drops, ...waits];
}
