// Benchmark (not a test): what the mood model costs the agent's browser, against the AFINN word list it replaced, in
// the same run: time per message (features and prediction; a whole chat assessment), time to load and decode the
// model file, and its size packed and in memory. Run: npm run bench:mood [-- --rounds 5]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { assessChat, decodeModel, gunzip, messageFeatures, predictFeatures, type MoodModel } from '../../../lib/mood/index.ts';
import { afinnMood } from '../../../scripts/mood/afinn-baseline.ts';
import { MOOD_MODEL_FILE } from '../../../scripts/mood/train-mood-model.ts';
import { readGoEmotions, readSupportLines } from '../../../scripts/mood/training-data.ts';

const ROUNDS = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 5;

/** Median of `rounds` passes over all messages, in microseconds per message. */
function perMessage(texts: readonly string[], run: (text: string) => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (const text of texts) run(text);
    times.push(((performance.now() - start) * 1000) / texts.length);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

const packed = readFileSync(MOOD_MODEL_FILE);
const loadStart = performance.now();
const model: MoodModel = decodeModel(await gunzip(new Uint8Array(packed)));
const loadMs = performance.now() - loadStart;
const texts = [...readSupportLines().map((r) => r.text), ...readGoEmotions('test').map((r) => r.text)];
const meanChars = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;

// Warm up both paths once so the JIT has compiled them.
for (const text of texts) {
  afinnMood(text);
  predictFeatures(model, messageFeatures(text));
}
const afinn = perMessage(texts, afinnMood);
const features = perMessage(texts, (text) => messageFeatures(text));
const model1 = perMessage(texts, (text) => predictFeatures(model, messageFeatures(text)));
const chat = perMessage(texts, (text) => assessChat(model, [{ text, at: null }], null, 0));

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`mood bench: ${texts.length} messages (mean ${meanChars.toFixed(0)} characters), median of ${ROUNDS} rounds, node ${process.version}`);
console.log('| figure | mood model | AFINN baseline |');
console.log('|---|---|---|');
console.log(`| time per message (score only) | ${model1.toFixed(1)} µs | ${afinn.toFixed(1)} µs |`);
console.log(`| of which features | ${features.toFixed(1)} µs | - |`);
console.log(`| chat of one message (assessChat: cues, acknowledgement, language) | ${chat.toFixed(1)} µs | - |`);
console.log(`| model file (gzip, shipped) | ${kb(packed.length)} | - |`);
console.log(`| weights in memory | ${kb(model.weights.byteLength)} | - |`);
console.log(`| load and decode once | ${loadMs.toFixed(0)} ms | - |`);
