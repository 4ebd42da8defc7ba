// The mood model's pieces: hashed text features, the model file format (round trip, refusals), acknowledgements and
// the detection of messages in other languages.
import { describe, expect, it } from 'vitest';
import {
  decodeModel,
  detectNonEnglish,
  encodeModel,
  hashFeature,
  isAcknowledgement,
  levelOfScore,
  messageFeatures,
  normaliseText,
  predictMessage,
  quantiseModel,
} from '../../../lib/mood/index.ts';

describe('text features', () => {
  it('hashes with FNV-1a (stable across runs and platforms)', () => {
    expect(hashFeature('')).toBe(0x811c9dc5);
    expect(hashFeature('a')).toBe(0xe40c292c);
    expect(hashFeature('foobar')).toBe(0xbf9cf968);
  });

  it('normalises case, digits, masked names and quotes', () => {
    expect(normaliseText('  Order 4471 for [NAME]’s   card ')).toBe("order 0000 for name's card");
  });

  it('makes a unit-length sparse vector of word, bigram, character and shape features', () => {
    const f = messageFeatures('Still not working', 12);
    expect(f.indices.length).toBe(f.values.length);
    expect(new Set(f.indices).size).toBe(f.indices.length);
    expect(Math.max(...f.indices)).toBeLessThan(1 << 12);
    expect(f.values.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(1, 5);
    expect(messageFeatures('Still not working', 12)).toEqual(f);
    // Different wording, different features; shouting adds a mark.
    expect(messageFeatures('STILL NOT WORKING', 12).indices.length).toBeGreaterThan(f.indices.length);
  });
});

describe('model file', () => {
  const bits = 8;
  const weights = Float32Array.from({ length: 4 << bits }, (_, i) => Math.sin(i) * (i % 4 === 0 ? 2 : 0.5));
  const model = quantiseModel(bits, weights, Float32Array.of(0.1, 0.5, -0.2, -1), { good: 0.3, neutral: -0.2, atRisk: -0.6 });

  it('round-trips, with int8 weights within half a step of the float ones', () => {
    const back = decodeModel(encodeModel(model));
    expect(back.thresholds.good).toBeCloseTo(0.3, 6);
    expect([...back.bias]).toEqual([...model.bias]);
    expect(back.weights).toEqual(model.weights);
    for (let c = 0; c < 4; c++) {
      for (let b = 0; b < 1 << bits; b++) {
        const i = c * (1 << bits) + b;
        expect(Math.abs(back.weights[i]! * back.scale[c]! - weights[i]!)).toBeLessThanOrEqual(back.scale[c]! / 2 + 1e-6);
      }
    }
    const p = predictMessage(back, 'still not working');
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('refuses a file of another kind, version or size with the reason', () => {
    const bytes = encodeModel(model);
    expect(() => decodeModel(bytes.slice(0, 20))).toThrow(/too short/);
    const wrongMagic = bytes.slice();
    wrongMagic[0] = 0;
    expect(() => decodeModel(wrongMagic)).toThrow(/not a mood model file/);
    const wrongVersion = bytes.slice();
    wrongVersion[4] = 9;
    expect(() => decodeModel(wrongVersion)).toThrow(/version 9/);
    expect(() => decodeModel(bytes.slice(0, bytes.length - 1))).toThrow(/expected/);
  });

  it('maps scores to levels at its thresholds', () => {
    const t = { good: 0.3, neutral: -0.2, atRisk: -0.6 };
    expect([0.5, 0, -0.3, -0.9].map((s) => levelOfScore(s, t))).toEqual(['good', 'neutral', 'at_risk', 'angry']);
  });
});

describe('acknowledgements and languages', () => {
  it('takes short acknowledgements as such, and nothing longer or with content', () => {
    for (const text of ['Yes.', 'Ok', 'Thanks', 'thank you!', 'Sure, one moment', 'ok 👍', 'No.']) expect(isAcknowledgement(text), text).toBe(true);
    for (const text of ['Thanks for nothing', 'Yes, but it still fails', 'No refund yet', 'Hello??']) expect(isAcknowledgement(text), text).toBe(false);
  });

  it('names clearly non-English messages and leaves English (and short or unclear text) alone', () => {
    expect(detectNonEnglish('Ich habe meine Bestellung noch nicht erhalten')).toBe('German');
    expect(detectNonEnglish("Je n'ai toujours pas reçu ma commande, merci de me répondre")).toBe('French');
    expect(detectNonEnglish('Todavía no he recibido mi pedido y nadie me responde')).toBe('Spanish');
    expect(detectNonEnglish('Ainda não recebi o meu pedido')).toBe('Portuguese');
    expect(detectNonEnglish('Non ho ancora ricevuto il mio ordine')).toBe('Italian');
    expect(detectNonEnglish('Ik heb mijn bestelling nog steeds niet ontvangen')).toBe('Dutch');
    expect(detectNonEnglish('Мой заказ не пришёл')).toBe('Russian');
    expect(detectNonEnglish('我的订单还没有到')).toBe('Chinese');
    expect(detectNonEnglish('注文した商品がまだ届いていません')).toBe('Japanese');
    for (const text of ['I have not received my order.', 'Do not answer the contact phone', 'Ok', 'Danke', 'The product arrived broken, I want a refund or a new one', 'Hola']) {
      expect(detectNonEnglish(text), text).toBeNull();
    }
  });
});
