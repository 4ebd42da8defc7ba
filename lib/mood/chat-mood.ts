// A chat's mood from its customer's messages: AFINN sentiment (the `sentiment` library) weighted towards recent
// messages, minus escalation cues, minus the time the customer has been waiting. Yields a score, a level and reasons.
import Sentiment from 'sentiment';
import type { Mood, MoodLevel } from '../protocol/index.ts';
import { findCues } from './escalation-cues.ts';

export interface CustomerLine {
  text: string;
  /** When it was written (ms), if the page shows it. */
  at: number | null;
}

const analyser = new Sentiment();
/** Only the latest messages speak for the mood now. */
const RECENT = 4;
const RECENCY = [1, 0.6, 0.35, 0.2];

export const LEVEL_THRESHOLDS = { good: 0.2, neutral: -0.15, atRisk: -0.55 } as const;

export function levelOf(score: number): MoodLevel {
  if (score >= LEVEL_THRESHOLDS.good) return 'good';
  if (score > LEVEL_THRESHOLDS.neutral) return 'neutral';
  if (score > LEVEL_THRESHOLDS.atRisk) return 'at_risk';
  return 'angry';
}

/** Sentiment of one message in -1..1: AFINN's per-word average, squashed. */
export function messageSentiment(text: string): { score: number; negative: string[]; positive: string[] } {
  const result = analyser.analyze(text);
  const words = Math.max(1, Math.min(result.tokens.length, 12));
  return { score: Math.tanh(result.score / words), negative: result.negative, positive: result.positive };
}

/**
 * The mood of a chat now. `waitingSince` is when the customer's oldest unanswered message arrived (null when the
 * agent answered last).
 */
export function chatMood(lines: readonly CustomerLine[], waitingSince: number | null, now: number): Mood {
  const recent = lines.slice(-RECENT).reverse();
  if (recent.length === 0) return { score: 0, level: 'neutral', reasons: [] };
  let weighted = 0;
  let totalWeight = 0;
  let cuePull = 0;
  const reasons = new Map<string, number>();
  const negativeWords = new Set<string>();
  recent.forEach((line, i) => {
    const w = RECENCY[i] ?? 0.1;
    const s = messageSentiment(line.text);
    weighted += s.score * w;
    totalWeight += w;
    if (s.score < -0.2) for (const word of s.negative) negativeWords.add(word);
    for (const cue of findCues(line.text)) {
      cuePull += cue.weight * w;
      reasons.set(cue.reason, Math.max(reasons.get(cue.reason) ?? 0, cue.weight * w));
    }
  });
  let score = weighted / totalWeight - Math.min(0.8, cuePull);
  if (negativeWords.size > 0) reasons.set(`negative words: ${[...negativeWords].slice(0, 3).join(', ')}`, 0.3);
  if (waitingSince !== null) {
    const waitedS = Math.max(0, now - waitingSince) / 1000;
    if (waitedS > 60) {
      const pull = Math.min(0.4, ((waitedS - 60) / 240) * 0.4);
      score -= pull;
      reasons.set(`waiting ${formatWait(waitedS)}`, pull + 0.01);
    }
  }
  score = Math.max(-1, Math.min(1, score));
  const ordered = [...reasons.entries()].sort((a, b) => b[1] - a[1]).map(([reason]) => reason);
  return { score: Math.round(score * 100) / 100, level: levelOf(score), reasons: ordered.slice(0, 5) };
}

function formatWait(seconds: number): string {
  return seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 360) / 10} h`;
}
