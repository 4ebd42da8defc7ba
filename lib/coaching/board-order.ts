// The board's order and filters: most attention first (help requested, angry, at risk, long waits), by team and agent.
import type { BoardChat } from '../protocol/index.ts';

/** A chat's id on the board: agent ids cannot contain "/", so this never collides. */
export function boardChatId(chat: { agentId: string; key: string } | { agentId: string; conversationKey: string }): string {
  return `${chat.agentId}/${'key' in chat ? chat.key : chat.conversationKey}`;
}

/** Waits at or over this long count as long waits unless the panel is given its own threshold. */
export const DEFAULT_WAIT_ALERT_SECONDS = 120;

/** 0 help requested, 1 angry, 2 at risk, 3 waiting at least the threshold, 4 everything else. */
export function attentionTier(chat: BoardChat, now: number, waitAlertMs: number): number {
  if (chat.helpRequested) return 0;
  if (chat.mood.level === 'angry') return 1;
  if (chat.mood.level === 'at_risk') return 2;
  if (chat.waitingSince !== null && now - chat.waitingSince >= waitAlertMs) return 3;
  return 4;
}

/** A new array, most attention first; within a tier the longest wait, then the oldest chat, then a stable id order. */
export function sortByAttention(chats: readonly BoardChat[], now: number, waitAlertMs: number): BoardChat[] {
  const waited = (c: BoardChat) => (c.waitingSince === null ? -1 : now - c.waitingSince);
  return [...chats].sort(
    (a, b) =>
      attentionTier(a, now, waitAlertMs) - attentionTier(b, now, waitAlertMs) ||
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
