// A chat's mood trend from its earlier scores, and the small per-chat score history the board keeps for it.
import type { BoardChat } from '../protocol/index.ts';
import { boardChatId } from './board-order.ts';

export type MoodTrend = 'rising' | 'falling' | 'steady';

/** Score changes smaller than this read as steady. */
export const TREND_STEP = 0.1;
/** How many earlier scores the trend looks at (and `recordMoodScores` keeps). */
export const TREND_WINDOW = 3;

/** Earlier scores per chat (`boardChatId`), oldest first. */
export type MoodHistory = Readonly<Record<string, readonly number[]>>;

/** Compares the current score with the mean of the last few earlier scores (oldest first). */
export function moodTrend(current: number, previous: readonly number[]): MoodTrend {
  const recent = previous.slice(-TREND_WINDOW);
  if (!recent.length) return 'steady';
  const mean = recent.reduce((sum, s) => sum + s, 0) / recent.length;
  const change = current - mean;
  if (change >= TREND_STEP) return 'rising';
  if (change <= -TREND_STEP) return 'falling';
  return 'steady';
}

/** How far the score fell below the best of the last few earlier scores (0 when it did not fall). */
export function moodDrop(current: number, previous: readonly number[]): number {
  const recent = previous.slice(-TREND_WINDOW);
  if (!recent.length) return 0;
  return Math.max(0, Math.max(...recent) - current);
}

/**
 * Keeps each chat's earlier scores: call it with the chats as they were before an update and the history so far.
 * A score is recorded only when it differs from the last one kept; chats that left the board are dropped.
 */
export function recordMoodScores(history: MoodHistory, chatsBefore: readonly BoardChat[], keep = TREND_WINDOW): Record<string, number[]> {
  const next: Record<string, number[]> = {};
  for (const chat of chatsBefore) {
    const id = boardChatId(chat);
    const scores = [...(history[id] ?? [])];
    if (scores[scores.length - 1] !== chat.mood.score) scores.push(chat.mood.score);
    next[id] = scores.slice(-keep);
  }
  return next;
}
