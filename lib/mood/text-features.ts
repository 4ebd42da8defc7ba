// The features the mood model reads from one message: hashed word unigrams and bigrams, character 3-5-grams and a
// few shape marks (shouting, repeated ?!), each an index into a fixed number of buckets with an L2-normalised value.

/** Buckets the features hash into (2^BUCKET_BITS); the model file records it and must match. */
export const BUCKET_BITS = 18;

export interface SparseFeatures {
  indices: Uint32Array;
  values: Float32Array;
}

/** FNV-1a over UTF-16 code units: stable across platforms and runs. */
export function hashFeature(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower case, digits folded to 0, masked names and repeated whitespace tidied. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\[name\]/gi, 'name')
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase()
    .replace(/\d/g, '0')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words and single punctuation marks, in order. */
export function wordTokens(normalised: string): string[] {
  return normalised.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?|[?!]/gu) ?? [];
}

function shapeMarks(text: string): string[] {
  const marks: string[] = [];
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 8 && letters.replace(/[^A-Z]/g, '').length / letters.length >= 0.7) marks.push('#shout');
  if (/[?!]{2,}/.test(text)) marks.push('#marks');
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  marks.push(words <= 2 ? '#len:1-2' : words <= 5 ? '#len:3-5' : words <= 15 ? '#len:6-15' : '#len:16+');
  return marks;
}

/** The sparse feature vector of one message (duplicate buckets summed, then scaled to unit length). */
export function messageFeatures(text: string, bucketBits = BUCKET_BITS): SparseFeatures {
  const mask = (1 << bucketBits) - 1;
  const normalised = normaliseText(text);
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const index = hashFeature(feature) & mask;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  const words = wordTokens(normalised);
  const padded = ['<s>', ...words, '</s>'];
  for (const word of words) add(`w:${word}`);
  for (let i = 0; i + 1 < padded.length; i++) add(`b:${padded[i]} ${padded[i + 1]}`);
  const chars = ` ${words.join(' ')} `;
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= chars.length; i++) add(`c:${chars.slice(i, i + n)}`);
  for (const mark of shapeMarks(text)) add(mark);
  add('#bias');
  const indices = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [index, count] of counts) {
    indices[k] = index;
    values[k] = count;
    norm += count * count;
    k++;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale;
  return { indices, values };
}
