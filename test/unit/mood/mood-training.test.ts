// Training the mood model: data readers (CSV records, the support lines file), determinism (same data and seed, same
// weights bit for bit; another seed, other weights) and the figures used to judge it.
import { describe, expect, it } from 'vitest';
import { parseCsv, parseSupportLines, readSupportLines } from '../../../scripts/mood/training-data.ts';
import { trainSoftmax } from '../../../scripts/mood/softmax-trainer.ts';
import { moodFigures, naturalMixWeights, unhappyAuc } from '../../../scripts/mood/mood-metrics.ts';
import { goEmotionsLevel, banking77Level } from '../../../scripts/mood/label-mappings.ts';

describe('data readers', () => {
  it('reads CSV records with quoted commas, doubled quotes, line breaks and CRLF', () => {
    expect(parseCsv('text,category\r\n"a, b",x\r\n"say ""hi""\nthere",y\nplain,z\n')).toEqual([
      ['text', 'category'],
      ['a, b', 'x'],
      ['say "hi"\nthere', 'y'],
      ['plain', 'z'],
    ]);
  });

  it('reads the support lines and refuses a malformed line with its number', () => {
    const rows = readSupportLines();
    expect(rows.length).toBeGreaterThan(1500);
    expect(new Set(rows.map((r) => r.split))).toEqual(new Set(['train', 'dev', 'held_out']));
    expect(() => parseSupportLines('# c\nsplit\tlevel\tsituation\ttext\ntrain\thappy\tx\tHello')).toThrow(/line 3: unknown level happy/);
    expect(() => parseSupportLines('train\tgood\tx')).toThrow(/line 1: expected four/);
    expect(() => parseSupportLines('test\tgood\tx\tHi')).toThrow(/unknown split test/);
  });

  it('maps data set labels to levels as documented', () => {
    expect(goEmotionsLevel(['anger', 'gratitude'])).toBe('angry');
    expect(goEmotionsLevel(['disappointment', 'joy'])).toBe('at_risk');
    expect(goEmotionsLevel(['approval'])).toBe('neutral');
    expect(goEmotionsLevel(['gratitude'])).toBe('good');
    expect(() => goEmotionsLevel(['bliss'])).toThrow(/unknown emotion/);
    expect(banking77Level('card_arrival')).toBe('at_risk');
    expect(banking77Level('exchange_rate')).toBe('neutral');
  });
});

describe('training', () => {
  const examples = readSupportLines('train').slice(0, 300).map((r) => ({ text: r.text, level: r.level, weight: 1 }));
  const options = { bucketBits: 12, epochs: 2, learningRate: 0.3, l2: 1e-5, seed: 7 };

  it('gives the same weights bit for bit for the same data and seed, and others for another seed', () => {
    const a = trainSoftmax(examples, options);
    const b = trainSoftmax(examples, options);
    const c = trainSoftmax(examples, { ...options, seed: 8 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect([...a.bias]).toEqual([...b.bias]);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
    expect(a.trainingPriors.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
  });
});

describe('figures', () => {
  it('computes exact, macro-F1, unhappy precision/recall and AUC, also weighted to the natural mix', () => {
    const p = (label: 'good' | 'neutral' | 'at_risk' | 'angry', level: typeof label, score: number) => ({ label, level, score });
    const predictions = [p('neutral', 'neutral', 0), p('neutral', 'at_risk', -0.4), p('at_risk', 'at_risk', -0.5), p('angry', 'at_risk', -0.9), p('good', 'good', 0.8)];
    const f = moodFigures(predictions);
    expect(f.exact).toBeCloseTo(3 / 5);
    expect(f.unhappyPrecision).toBeCloseTo(2 / 3);
    expect(f.unhappyRecall).toBe(1);
    expect(f.auc).toBe(1);
    expect(f.confusion.angry.at_risk).toBe(1);
    expect(unhappyAuc([p('neutral', 'neutral', -1), p('at_risk', 'at_risk', 0)])).toBe(0);
    const w = naturalMixWeights(predictions);
    expect(w.neutral * 2 + w.at_risk + w.angry + w.good).toBeCloseTo(predictions.length);
  });
});
