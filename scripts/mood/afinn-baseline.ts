// The baseline the mood model replaced: the AFINN-165 word list (the `sentiment` library), the message's score per
// word squashed with tanh, and the previous level thresholds. Kept for side-by-side measurement only.
import Sentiment from 'sentiment';
import type { MoodLevel } from '../../lib/protocol/index.ts';

const analyser = new Sentiment();
const THRESHOLDS = { good: 0.2, neutral: -0.15, atRisk: -0.55 };

export function afinnMood(text: string): { score: number; level: MoodLevel } {
  const result = analyser.analyze(text);
  const score = Math.tanh(result.score / Math.max(1, Math.min(result.tokens.length, 12)));
  const level: MoodLevel = score >= THRESHOLDS.good ? 'good' : score > THRESHOLDS.neutral ? 'neutral' : score > THRESHOLDS.atRisk ? 'at_risk' : 'angry';
  return { score, level };
}
