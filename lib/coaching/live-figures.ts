// The console's strip of live figures: chats on the board, customers waiting, the longest wait, open help requests.
import type { BoardChat } from '../protocol/index.ts';

export type LiveFigures = {
  /** Chats on the board. */
  live: number;
  /** Chats whose customer waits for an answer. */
  waiting: number;
  /** The longest current wait in ms; null when nobody waits. */
  longestWaitMs: number | null;
  /** Chats with an open help request. */
  helpRequests: number;
};

export function liveFigures(chats: readonly BoardChat[], now: number): LiveFigures {
  let waiting = 0;
  let longestWaitMs: number | null = null;
  let helpRequests = 0;
  for (const chat of chats) {
    if (chat.helpRequested) helpRequests += 1;
    if (chat.waitingSince === null) continue;
    waiting += 1;
    const waited = Math.max(0, now - chat.waitingSince);
    if (longestWaitMs === null || waited > longestWaitMs) longestWaitMs = waited;
  }
  return { live: chats.length, waiting, longestWaitMs, helpRequests };
}
