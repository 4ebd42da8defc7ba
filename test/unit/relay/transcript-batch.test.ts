// The transcripts one relay process sends another in one pub/sub message: encoded and read back byte for byte.
import { describe, expect, it } from 'vitest';
import { encodeTranscripts, forEachTranscript } from '../../../lib/relay/redis/transcript-batch.ts';

const read = (message: Buffer) => {
  const out: [string, string][] = [];
  forEachTranscript(message, (key, text) => out.push([key, text.toString()]));
  return out;
};

describe('transcript batches between relay processes', () => {
  it('carries keys and frame texts, non-ASCII and colons included, in order', () => {
    const items = ['usr_1\u0000chat:1', '{"text":"Grüße, 😀 — 12:30"}', 'usr_2\u0000c', '{"text":""}', 'usr_1\u0000chat:1', 'x'.repeat(70_000)];
    const message = encodeTranscripts(items);
    expect(read(message)).toEqual([
      [items[0], items[1]],
      [items[2], items[3]],
      [items[4], items[5]],
    ]);
    let expected = 0;
    for (let i = 0; i < items.length; i += 2) {
      const [key, text] = [Buffer.byteLength(items[i]!), Buffer.byteLength(items[i + 1]!)];
      expected += `${key}:${text}:`.length + key + text;
    }
    expect(message.length).toBe(expected);
  });

  it('refuses a malformed or truncated message instead of reading past it', () => {
    expect(() => read(Buffer.from('3:5:abcde'))).toThrow(/truncated/);
    expect(() => read(Buffer.from('x:1:ab'))).toThrow(/malformed/);
    expect(() => read(Buffer.from('12'))).toThrow(/malformed/);
    expect(read(Buffer.alloc(0))).toEqual([]);
  });
});
