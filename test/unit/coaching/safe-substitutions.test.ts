// Names with control characters (a NUL above all) survive texts built through i18n.getMessage.
import { describe, expect, it } from 'vitest';
import { substitutionText, translateEnglish, withSafeSubstitutions, type Translate } from '../../../lib/coaching/index.ts';

/** Chromium's getMessage as seen: the text ends at the first NUL, so a name with one vanishes with what follows. */
const chromiumLike: Translate = (key, substitutions) => translateEnglish(key, substitutions).split('\u0000')[0] ?? '';

describe('substitutions through getMessage', () => {
  it('loses the name without the wrapper (the failure being fixed)', () => {
    expect(chromiumLike('alertHelp', ['Alice', '\u0000Bob'])).toBe('Alice asked for help with ');
  });

  it('keeps every name, with each control character shown as U+FFFD', () => {
    const t = withSafeSubstitutions(chromiumLike);
    expect(t('alertHelp', ['Alice', '\u0000Bob'])).toBe('Alice asked for help with \uFFFDBob');
    expect(t('alertHelp', ['Al\u0007ice\u007F', 'Bob\u0000\u0085'])).toBe('Al\uFFFDice\uFFFD asked for help with Bob\uFFFD\uFFFD');
  });

  it('passes ordinary names, tabs, line breaks, dollars and a single string unchanged', () => {
    const t = withSafeSubstitutions(chromiumLike);
    expect(t('alertHelp', ['Zoë $1', 'Ann\tLee'])).toBe('Zoë $1 asked for help with Ann\tLee');
    expect(substitutionText('a\nb\r\nc')).toBe('a\nb\r\nc');
    expect(withSafeSubstitutions((_key, s) => String(s))('alertHelp', 'x\u0000')).toBe('x\uFFFD');
    expect(withSafeSubstitutions((_key, s) => String(s))('alertHelp')).toBe('undefined');
  });
});
