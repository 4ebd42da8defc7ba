// The mood model: a linear softmax classifier over hashed text features (four levels), its compact file format
// (int8 weights with a scale per level, float32 biases and the level thresholds) and its prediction for one message.
import type { MoodLevel } from '../protocol/index.ts';
import { messageFeatures, type SparseFeatures } from './text-features.ts';

/** The model's classes, in the order of its weights and probabilities. */
export const MOOD_CLASSES: readonly MoodLevel[] = ['good', 'neutral', 'at_risk', 'angry'];
const MAGIC = 0x4d4d5455; // "UTMM" little endian
const VERSION = 1;
const HEADER_BYTES = 8 + 4 * (4 + 4 + 3);

/** Score limits between levels: good from `good`, neutral above `neutral`, at_risk above `atRisk`, angry below. */
export interface LevelThresholds {
  good: number;
  neutral: number;
  atRisk: number;
}

export interface MoodModel {
  bucketBits: number;
  /** Per class (MOOD_CLASSES order). */
  bias: Float32Array;
  scale: Float32Array;
  /** Class-major: weights[c * buckets + bucket], times scale[c]. */
  weights: Int8Array;
  thresholds: LevelThresholds;
}

/** Rounds float weights (class-major) to int8 with one scale per class: the largest magnitude maps to 127. */
export function quantiseModel(bucketBits: number, weights: Float32Array, bias: Float32Array, thresholds: LevelThresholds): MoodModel {
  const buckets = 1 << bucketBits;
  const scale = new Float32Array(MOOD_CLASSES.length);
  const quantised = new Int8Array(weights.length);
  for (let c = 0; c < MOOD_CLASSES.length; c++) {
    let max = 0;
    for (let b = 0; b < buckets; b++) max = Math.max(max, Math.abs(weights[c * buckets + b]!));
    const s = max > 0 ? max / 127 : 1;
    scale[c] = s;
    for (let b = 0; b < buckets; b++) quantised[c * buckets + b] = Math.round(weights[c * buckets + b]! / s);
  }
  return { bucketBits, bias: Float32Array.from(bias), scale, weights: quantised, thresholds };
}

export function encodeModel(model: MoodModel): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + model.weights.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint8(4, VERSION);
  view.setUint8(5, model.bucketBits);
  view.setUint8(6, MOOD_CLASSES.length);
  let at = 8;
  const header = [...model.bias, ...model.scale, model.thresholds.good, model.thresholds.neutral, model.thresholds.atRisk];
  for (const v of header) {
    view.setFloat32(at, v, true);
    at += 4;
  }
  bytes.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.length), HEADER_BYTES);
  return bytes;
}

/** Reads a model file's (decompressed) bytes; a file of another format or size is refused with the reason. */
export function decodeModel(bytes: Uint8Array): MoodModel {
  if (bytes.length < HEADER_BYTES) throw new Error(`mood model: ${bytes.length} bytes is too short for a model file`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new Error('mood model: not a mood model file (wrong magic number)');
  if (view.getUint8(4) !== VERSION) throw new Error(`mood model: file version ${view.getUint8(4)}, this code reads ${VERSION}`);
  const bucketBits = view.getUint8(5);
  const classes = view.getUint8(6);
  if (classes !== MOOD_CLASSES.length || bucketBits < 8 || bucketBits > 24) throw new Error('mood model: unexpected shape in the header');
  const expected = HEADER_BYTES + classes * (1 << bucketBits);
  if (bytes.length !== expected) throw new Error(`mood model: ${bytes.length} bytes, expected ${expected}`);
  let at = 8;
  const read = () => {
    const v = view.getFloat32(at, true);
    at += 4;
    return v;
  };
  const bias = Float32Array.from({ length: classes }, read);
  const scale = Float32Array.from({ length: classes }, read);
  const thresholds = { good: read(), neutral: read(), atRisk: read() };
  const weights = new Int8Array(bytes.buffer.slice(bytes.byteOffset + HEADER_BYTES, bytes.byteOffset + bytes.byteLength));
  return { bucketBits, bias, scale, weights, thresholds };
}

/** Class probabilities (MOOD_CLASSES order) for already computed features. */
export function predictFeatures(model: MoodModel, features: SparseFeatures): Float64Array {
  const buckets = 1 << model.bucketBits;
  const logits = new Float64Array(MOOD_CLASSES.length);
  for (let c = 0; c < logits.length; c++) {
    let sum = 0;
    const base = c * buckets;
    for (let i = 0; i < features.indices.length; i++) sum += features.values[i]! * model.weights[base + features.indices[i]!]!;
    logits[c] = model.bias[c]! + model.scale[c]! * sum;
  }
  return softmax(logits);
}

export function predictMessage(model: MoodModel, text: string): Float64Array {
  return predictFeatures(model, messageFeatures(text, model.bucketBits));
}

export function softmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  const out = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += out[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
}

/**
 * A message's score from its level probabilities, -1 (surely angry) to 0.4 (surely good): unhappiness weighs most, so
 * the score ranks unhappy messages first, and anger more than a problem report so the two levels stay apart.
 */
export function scoreOfProbabilities(p: ArrayLike<number>): number {
  return 0.4 * p[0]! - 0.8 * p[2]! - p[3]!;
}

export function levelOfScore(score: number, thresholds: LevelThresholds): MoodLevel {
  if (score >= thresholds.good) return 'good';
  if (score > thresholds.neutral) return 'neutral';
  if (score > thresholds.atRisk) return 'at_risk';
  return 'angry';
}
