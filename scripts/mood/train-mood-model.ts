// `npm run mood:train`: trains the mood model from GoEmotions, BANKING77 and data/mood/support-lines.tsv, corrects
// its class priors to the natural mix, picks level thresholds on the development split, and writes the compact
// model file. Deterministic: the same data and seed write the same bytes (`-- --check` compares with the committed file
// instead of writing it).
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { MOOD_CLASSES, encodeModel, quantiseModel, type MoodModel } from '../../lib/mood/mood-model.ts';
import { assessChat } from '../../lib/mood/chat-attention.ts';
import { BUCKET_BITS } from '../../lib/mood/text-features.ts';
import { REPO_ROOT } from './training-data.ts';
import { join } from 'node:path';
import { NATURAL_MIX } from './mood-metrics.ts';
import { chooseThresholds } from './level-thresholds.ts';
import { trainSoftmax, type TrainingExample, type TrainingOptions } from './softmax-trainer.ts';
import { readBanking77, readGoEmotions, readSupportLines, type LabelledText } from './training-data.ts';

export const MOOD_MODEL_FILE = join(REPO_ROOT, 'public/mood-model.bin.gz');

/** How much one message of each source counts in training. */
export const SOURCE_WEIGHTS = { goemotions: 1, banking77: 1, support: 6 } as const;
export const TRAINING_OPTIONS: TrainingOptions = { bucketBits: BUCKET_BITS, epochs: 6, learningRate: 0.3, l2: 1e-5, seed: 20261129 };

export function trainingExamples(weights = SOURCE_WEIGHTS): TrainingExample[] {
  const tag = (rows: LabelledText[], weight: number) => rows.map((r) => ({ text: r.text, level: r.level, weight }));
  return [
    ...tag(readGoEmotions('train'), weights.goemotions),
    ...tag(readBanking77('train'), weights.banking77),
    ...tag(readSupportLines('train'), weights.support),
  ];
}

/** Trains, corrects priors, picks thresholds on the dev split and quantises. */
export function buildModel(examples: readonly TrainingExample[], options: TrainingOptions = TRAINING_OPTIONS): MoodModel {
  const trained = trainSoftmax(examples, options);
  const bias = Float32Array.from(trained.bias, (b, c) => b + Math.log(NATURAL_MIX[MOOD_CLASSES[c]!] / Math.max(1e-6, trained.trainingPriors[c]!)));
  const draft = quantiseModel(options.bucketBits, trained.weights, bias, { good: 1, neutral: 0, atRisk: -1 });
  // Thresholds are chosen on what the product computes for a chat of one customer message.
  const scored = (rows: LabelledText[]) => rows.map((r) => ({ label: r.level, score: assessChat(draft, [{ text: r.text, at: null }], null, 0).score }));
  const thresholds = chooseThresholds([
    { messages: scored(readSupportLines('dev')), share: 0.7, floor: { precision: 0.6, recall: 0.75 } },
    { messages: scored(readGoEmotions('dev')), share: 0.3, floor: { precision: 0.45, recall: 0.5 } },
  ]);
  return { ...draft, thresholds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const examples = trainingExamples();
  const model = buildModel(examples);
  const bytes = gzipSync(encodeModel(model), { level: 9 });
  const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
  console.log(`trained on ${examples.length} messages in ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`thresholds: good >= ${model.thresholds.good}, neutral > ${model.thresholds.neutral}, at_risk > ${model.thresholds.atRisk}`);
  if (process.argv.includes('--check')) {
    // Reproducibility: the committed file must be exactly what training writes.
    const committed = existsSync(MOOD_MODEL_FILE) ? readFileSync(MOOD_MODEL_FILE) : new Uint8Array();
    const same = Buffer.from(bytes).equals(committed);
    console.log(`${same ? 'same bytes as' : 'DIFFERS from'} ${MOOD_MODEL_FILE} (trained ${sha(bytes)}, committed ${sha(committed)})`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(MOOD_MODEL_FILE, bytes);
    console.log(`wrote ${MOOD_MODEL_FILE}: ${bytes.length} bytes, sha256 ${sha(bytes)}`);
  }
}
