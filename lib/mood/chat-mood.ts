// The chat mood entry point: loads the mood model once (lazily) and assesses a chat's lines with it.
import type { Mood } from '../protocol/index.ts';
import { assessChat, type ChatLine } from './chat-attention.ts';
import { loadMoodModel } from './model-loader.ts';


/**
 * The mood of a chat now: `lines` in page order (customer lines, or the whole transcript with authors), `waitingSince`
 * when the customer's oldest unanswered message arrived (null when the agent answered last).
 */
export async function chatMood(lines: readonly ChatLine[], waitingSince: number | null, now: number): Promise<Mood> {
  return assessChat(await loadMoodModel(), lines, waitingSince, now);
}
