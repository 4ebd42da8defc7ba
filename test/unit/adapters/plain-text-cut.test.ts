// @vitest-environment happy-dom
// A customer message longer than the transcript limit is cut, and the mirrored text says so.
import { describe, expect, it } from 'vitest';
import { CUT_MARK, MAX_TEXT_LENGTH, cutToLimit, plainText } from '../../../lib/adapters/engine/plain-text.ts';
import { TranscriptEventSchema } from '../../../lib/protocol/index.ts';

function bubble(text: string): Element {
  const element = document.createElement('div');
  element.textContent = text;
  return element;
}

describe('text over the transcript limit', () => {
  it('keeps text up to the limit whole and unmarked', () => {
    const exact = 'a'.repeat(MAX_TEXT_LENGTH);
    expect(plainText(bubble(exact))).toBe(exact);
    expect(plainText(bubble('Where is my order?'))).toBe('Where is my order?');
  });

  it('cuts a longer message to the limit and ends it with the cut mark', () => {
    const text = plainText(bubble('x'.repeat(MAX_TEXT_LENGTH + 1)));
    expect(text.length).toBe(MAX_TEXT_LENGTH);
    expect(text.endsWith('x … (cut)')).toBe(true);
    expect(text.slice(0, -CUT_MARK.length)).toBe('x'.repeat(MAX_TEXT_LENGTH - CUT_MARK.length));
  });

  it('does not split a surrogate pair or leave trailing spaces before the mark', () => {
    const emoji = 'a'.repeat(MAX_TEXT_LENGTH - CUT_MARK.length - 1) + '😀'.repeat(10);
    const cut = cutToLimit(emoji);
    expect(cut).toBe('a'.repeat(MAX_TEXT_LENGTH - CUT_MARK.length - 1) + CUT_MARK);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    const spaced = 'abc '.repeat(3000); // the cut falls just after a space
    expect(cutToLimit(spaced)).toMatch(/abc … \(cut\)$/);
  });

  it('produces a text the wire format accepts', () => {
    const text = plainText(bubble('y'.repeat(64 * 1024)));
    expect(TranscriptEventSchema.shape.text.safeParse(text).success).toBe(true);
    expect(TranscriptEventSchema.shape.text.safeParse(text + 'y').success).toBe(false);
  });
});
