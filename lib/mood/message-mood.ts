// One customer message's mood: an acknowledgement or a message in another language is left unassessed; anything
// else gets the model's level probabilities and a score in -1..1 (lower is unhappier).
import type { MoodLevel } from '../protocol/index.ts';
import { isAcknowledgement } from './acknowledgements.ts';
import { detectNonEnglish } from './language-detection.ts';
import { levelOfScore, predictMessage, scoreOfProbabilities, type MoodModel } from './mood-model.ts';

export type MessageMood =
  | { kind: 'assessed'; score: number; level: MoodLevel; probabilities: Float64Array }
  | { kind: 'acknowledgement' }
  | { kind: 'other_language'; language: string };

export function messageMood(model: MoodModel, text: string): MessageMood {
  if (isAcknowledgement(text)) return { kind: 'acknowledgement' };
  const language = detectNonEnglish(text);
  if (language) return { kind: 'other_language', language };
  const probabilities = predictMessage(model, text);
  const score = scoreOfProbabilities(probabilities);
  return { kind: 'assessed', score, level: levelOfScore(score, model.thresholds), probabilities };
}
