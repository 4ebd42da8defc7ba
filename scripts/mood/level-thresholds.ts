// Chooses the score thresholds between levels on development messages: the best macro-F1 on the natural mix of
// levels, among thresholds that keep unhappy precision and recall above a floor.
import type { LevelThresholds } from '../../lib/mood/mood-model.ts';
import { levelOfScore } from '../../lib/mood/mood-model.ts';
import type { MoodLevel } from '../../lib/protocol/index.ts';
import { moodFigures, naturalMixWeights, type MoodFigures } from './mood-metrics.ts';

export interface ScoredMessage {
  label: MoodLevel;
  score: number;
}

export interface DevSet {
  messages: readonly ScoredMessage[];
  /** How much this set's macro-F1 counts. */
  share: number;
  /** Unhappy precision and recall the thresholds must keep on this set (or come as close as they can). */
  floor: { precision: number; recall: number };
}

/** Each set's figures count by its share; every set is weighted to the natural mix. */
export function chooseThresholds(sets: readonly DevSet[]): LevelThresholds {
  const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Math.round((from + i * step) * 1000) / 1000);
  const weights = sets.map((set) => naturalMixWeights(set.messages.map((m) => ({ ...m, level: m.label }))));
  let best: { thresholds: LevelThresholds; value: number } | null = null;
  for (const good of steps(0.05, 0.35, 0.025)) {
    for (const neutral of steps(-0.5, 0, 0.025)) {
      for (const atRisk of steps(-0.975, neutral - 0.05, 0.025)) {
        const thresholds = { good, neutral, atRisk };
        let value = 0;
        sets.forEach((set, i) => {
          const figures: MoodFigures = moodFigures(
            set.messages.map((m) => ({ label: m.label, score: m.score, level: levelOfScore(m.score, thresholds) })),
            weights[i],
          );
          // Falling short of a floor costs more than any macro-F1 gain, in proportion to the shortfall.
          const shortfall = Math.max(0, set.floor.precision - figures.unhappyPrecision) + Math.max(0, set.floor.recall - figures.unhappyRecall);
          value += set.share * figures.macroF1 - 2 * shortfall;
        });
        if (!best || value > best.value) best = { thresholds, value };
      }
    }
  }
  return best!.thresholds;
}
