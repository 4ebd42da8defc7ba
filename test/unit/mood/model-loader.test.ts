// Loading the mood model: the packaged file decodes once and is shared; a broken file is refused with its reason and
// the next call tries again.
import { afterEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { encodeModel, loadMoodModel, quantiseModel, setMoodModelSource } from '../../../lib/mood/index.ts';

const packaged = () => new Uint8Array(readFileSync(new URL('../../../public/mood-model.bin.gz', import.meta.url)));

describe('mood model loading', () => {
  afterEach(() => setMoodModelSource(async () => packaged()));

  it('decodes the packaged file once and shares it', async () => {
    let reads = 0;
    setMoodModelSource(async () => (reads++, packaged()));
    const [a, b] = await Promise.all([loadMoodModel(), loadMoodModel()]);
    expect(a).toBe(b);
    expect(await loadMoodModel()).toBe(a);
    expect(reads).toBe(1);
    expect(a.bucketBits).toBe(18);
    expect(a.thresholds.good).toBeGreaterThan(a.thresholds.neutral);
  });

  it('refuses a file that is not gzip or not a model, with the reason, and tries again on the next call', async () => {
    setMoodModelSource(async () => new TextEncoder().encode('<html>not found</html>'));
    await expect(loadMoodModel()).rejects.toThrow();
    setMoodModelSource(async () => new Uint8Array(gzipSync(Buffer.from('not a model at all, just text'))));
    await expect(loadMoodModel()).rejects.toThrow(/mood model:/);
    const small = quantiseModel(8, new Float32Array(4 << 8), new Float32Array(4), { good: 0.2, neutral: -0.2, atRisk: -0.8 });
    setMoodModelSource(async () => new Uint8Array(gzipSync(encodeModel(small))));
    expect((await loadMoodModel()).bucketBits).toBe(8);
  });
});
