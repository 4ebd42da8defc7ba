// Trains the mood model's softmax regression over hashed features: seeded shuffles, AdaGrad steps with L2, so the
// same data and seed give the same weights bit for bit.
import { MOOD_CLASSES } from '../../lib/mood/mood-model.ts';
import { messageFeatures, type SparseFeatures } from '../../lib/mood/text-features.ts';
import type { LabelledText } from './training-data.ts';

export interface TrainingExample extends LabelledText {
  /** How much this example counts (data sets are weighted against each other). */
  weight: number;
}

export interface TrainingOptions {
  bucketBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export interface TrainedWeights {
  bucketBits: number;
  /** Class-major: weights[c * buckets + bucket]. */
  weights: Float32Array;
  bias: Float32Array;
  /** Weighted share of each class in the training data (for prior correction). */
  trainingPriors: Float64Array;
}

/** Mulberry32: a small seeded generator, enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainSoftmax(examples: readonly TrainingExample[], options: TrainingOptions): TrainedWeights {
  const classes = MOOD_CLASSES.length;
  const buckets = 1 << options.bucketBits;
  const weights = new Float32Array(classes * buckets);
  const squares = new Float32Array(classes * buckets);
  const bias = new Float64Array(classes);
  const biasSquares = new Float64Array(classes);
  const features: SparseFeatures[] = examples.map((e) => messageFeatures(e.text, options.bucketBits));
  const labels = examples.map((e) => MOOD_CLASSES.indexOf(e.level));
  const trainingPriors = new Float64Array(classes);
  examples.forEach((e, i) => (trainingPriors[labels[i]!] = trainingPriors[labels[i]!]! + e.weight));
  const total = trainingPriors.reduce((a, b) => a + b, 0);
  for (let c = 0; c < classes; c++) trainingPriors[c] = trainingPriors[c]! / total;

  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const logits = new Float64Array(classes);
  const eps = 1e-6;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const n of order) {
      const { indices, values } = features[n]!;
      const weight = examples[n]!.weight;
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let sum = bias[c]!;
        const base = c * buckets;
        for (let k = 0; k < indices.length; k++) sum += values[k]! * weights[base + indices[k]!]!;
        logits[c] = sum;
        max = Math.max(max, sum);
      }
      let norm = 0;
      for (let c = 0; c < classes; c++) norm += logits[c] = Math.exp(logits[c]! - max);
      for (let c = 0; c < classes; c++) {
        const gradient = weight * (logits[c]! / norm - (labels[n] === c ? 1 : 0));
        biasSquares[c] = biasSquares[c]! + gradient * gradient;
        bias[c] = bias[c]! - (options.learningRate * gradient) / Math.sqrt(biasSquares[c]! + eps);
        const base = c * buckets;
        for (let k = 0; k < indices.length; k++) {
          const at = base + indices[k]!;
          const g = gradient * values[k]! + options.l2 * weights[at]!;
          squares[at] = squares[at]! + g * g;
          weights[at] = weights[at]! - (options.learningRate * g) / Math.sqrt(squares[at]! + eps);
        }
      }
    }
  }
  return { bucketBits: options.bucketBits, weights, bias: Float32Array.from(bias), trainingPriors };
}
