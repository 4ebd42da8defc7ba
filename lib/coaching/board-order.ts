// The board's order and filters: most attention first (help requested, then the lowest mood score, which already
// weighs the customer's messages, waiting, unanswered questions and escalation cues), by team and agent.
import type { BoardChat } from '../protocol/index.ts';

/** A chat's id on the board: agent ids cannot contain "/", so this never collides. */
export function boardChatId(chat: { agentId: string; key: string } | { agentId: string; conversationKey: string }): string {
  return `${chat.agentId}/${'key' in chat ? chat.key : chat.conversationKey}`;
}

/** Waits at or over this long count as long waits unless the panel is given its own threshold. */
export const DEFAULT_WAIT_ALERT_SECONDS = 120;

/** How the board marks a chat: 0 help requested, 1 angry, 2 at risk, 3 waiting at least the threshold, 4 the rest. */
export function attentionTier(chat: BoardChat, now: number, waitAlertMs: number): number {
  if (chat.helpRequested) return 0;
  if (chat.mood.level === 'angry') return 1;
  if (chat.mood.level === 'at_risk') return 2;
  if (chat.waitingSince !== null && now - chat.waitingSince >= waitAlertMs) return 3;
  return 4;
}

/** How much a wait at or over the board's own threshold adds to a chat's attention (on the mood score's scale). */
export const LONG_WAIT_ATTENTION = 0.2;

/**
 * A chat's need for attention, lower first: its mood score (-1..1), lowered by `LONG_WAIT_ATTENTION` while the
 * customer has waited at least the board's threshold (the agent's browser counts waits from a minute on).
 */
export function attentionScore(chat: BoardChat, now: number, waitAlertMs: number): number {
  const longWait = chat.waitingSince !== null && now - chat.waitingSince >= waitAlertMs;
  return chat.mood.score - (longWait ? LONG_WAIT_ATTENTION : 0);
}

/**
 * A new array, most attention first: help requests, then the lowest attention score; ties by the longest wait, the
 * oldest chat, then a stable id order.
 */
export function sortByAttention(chats: readonly BoardChat[], now: number, waitAlertMs: number): BoardChat[] {
  const waited = (c: BoardChat) => (c.waitingSince === null ? -1 : now - c.waitingSince);
  const help = (c: BoardChat) => (c.helpRequested ? 0 : 1);
  return [...chats].sort(
    (a, b) =>
      help(a) - help(b) ||
      attentionScore(a, now, waitAlertMs) - attentionScore(b, now, waitAlertMs) ||
      waited(b) - waited(a) ||
      a.startedAt - b.startedAt ||
      (boardChatId(a) < boardChatId(b) ? -1 : boardChatId(a) > boardChatId(b) ? 1 : 0),
  );
}

/** Which chats the board shows: null means no filter. */
export type BoardFilter = { teamId: string | null; agentId: string | null };

export function filterChats(chats: readonly BoardChat[], filter: BoardFilter): BoardChat[] {
  return chats.filter(
    (c) => (filter.teamId === null || c.teamIds.includes(filter.teamId)) && (filter.agentId === null || c.agentId === filter.agentId),
  );
}
