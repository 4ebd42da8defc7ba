// Figures of a mood predictor on labelled messages: exact, macro-F1, unhappy (at_risk or angry) precision and recall,
// AUC of the score for unhappy against the rest, per-level precision/recall and the confusion matrix. Messages can
// be weighted so a set counts as if it had the natural mix of levels.
import type { MoodLevel } from '../../lib/protocol/index.ts';
import { MOOD_CLASSES } from '../../lib/mood/mood-model.ts';

export interface Prediction {
  label: MoodLevel;
  level: MoodLevel;
  /** Lower is unhappier. */
  score: number;
}

export interface MoodFigures {
  count: number;
  exact: number;
  macroF1: number;
  unhappyPrecision: number;
  unhappyRecall: number;
  auc: number;
  perLevel: Record<MoodLevel, { precision: number; recall: number; f1: number }>;
  /** confusion[label][predicted], message counts (unweighted). */
  confusion: Record<MoodLevel, Record<MoodLevel, number>>;
}

/** The mix of levels in real support chats: about 7 % good, 69 % neutral, 22 % at risk, 2 % angry. */
export const NATURAL_MIX: Readonly<Record<MoodLevel, number>> = { good: 0.07, neutral: 0.69, at_risk: 0.22, angry: 0.02 };

const unhappy = (level: MoodLevel) => level === 'at_risk' || level === 'angry';

/** Per-level weights that make `predictions` count like the natural mix (levels absent from the set count 0). */
export function naturalMixWeights(predictions: readonly Prediction[]): Record<MoodLevel, number> {
  const counts = Object.fromEntries(MOOD_CLASSES.map((l) => [l, 0])) as Record<MoodLevel, number>;
  for (const p of predictions) counts[p.label]++;
  const present = MOOD_CLASSES.filter((l) => counts[l] > 0);
  const mass = present.reduce((sum, l) => sum + NATURAL_MIX[l], 0);
  return Object.fromEntries(MOOD_CLASSES.map((l) => [l, counts[l] ? (NATURAL_MIX[l] / mass) * (predictions.length / counts[l]) : 0])) as Record<MoodLevel, number>;
}

export function moodFigures(predictions: readonly Prediction[], levelWeights?: Record<MoodLevel, number>): MoodFigures {
  const w = (p: Prediction) => levelWeights?.[p.label] ?? 1;
  const confusion = Object.fromEntries(MOOD_CLASSES.map((l) => [l, Object.fromEntries(MOOD_CLASSES.map((q) => [q, 0]))])) as MoodFigures['confusion'];
  const weighted = Object.fromEntries(MOOD_CLASSES.map((l) => [l, Object.fromEntries(MOOD_CLASSES.map((q) => [q, 0]))])) as MoodFigures['confusion'];
  let total = 0;
  let correct = 0;
  let tp = 0;
  let predictedUnhappy = 0;
  let actualUnhappy = 0;
  for (const p of predictions) {
    confusion[p.label][p.level]++;
    weighted[p.label][p.level] += w(p);
    total += w(p);
    if (p.label === p.level) correct += w(p);
    if (unhappy(p.level)) predictedUnhappy += w(p);
    if (unhappy(p.label)) actualUnhappy += w(p);
    if (unhappy(p.level) && unhappy(p.label)) tp += w(p);
  }
  const perLevel = {} as MoodFigures['perLevel'];
  const present: number[] = [];
  for (const level of MOOD_CLASSES) {
    const hit = weighted[level][level];
    const predicted = MOOD_CLASSES.reduce((sum, l) => sum + weighted[l][level], 0);
    const actual = MOOD_CLASSES.reduce((sum, l) => sum + weighted[level][l], 0);
    const precision = predicted > 0 ? hit / predicted : 0;
    const recall = actual > 0 ? hit / actual : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perLevel[level] = { precision, recall, f1 };
    if (actual > 0) present.push(f1);
  }
  return {
    count: predictions.length,
    exact: total > 0 ? correct / total : 0,
    macroF1: present.length ? present.reduce((a, b) => a + b, 0) / present.length : 0,
    unhappyPrecision: predictedUnhappy > 0 ? tp / predictedUnhappy : 0,
    unhappyRecall: actualUnhappy > 0 ? tp / actualUnhappy : 0,
    auc: unhappyAuc(predictions, w),
    perLevel,
    confusion,
  };
}

/** Probability that an unhappy message scores below a not-unhappy one (ties count half), weighted. */
export function unhappyAuc(predictions: readonly Prediction[], weight: (p: Prediction) => number = () => 1): number {
  const sorted = [...predictions].sort((a, b) => a.score - b.score);
  let posTotal = 0;
  let negTotal = 0;
  for (const p of sorted) if (unhappy(p.label)) posTotal += weight(p);
  else negTotal += weight(p);
  if (posTotal === 0 || negTotal === 0) return Number.NaN;
  // Walk from the highest score down: each unhappy message beats the not-unhappy ones scoring above it.
  let negAbove = 0;
  let sum = 0;
  for (let i = sorted.length - 1; i >= 0; ) {
    let j = i;
    let pos = 0;
    let neg = 0;
    while (j >= 0 && sorted[j]!.score === sorted[i]!.score) {
      if (unhappy(sorted[j]!.label)) pos += weight(sorted[j]!);
      else neg += weight(sorted[j]!);
      j--;
    }
    sum += pos * (negAbove + neg / 2);
    negAbove += neg;
    i = j;
  }
  return sum / (posTotal * negTotal);
}
