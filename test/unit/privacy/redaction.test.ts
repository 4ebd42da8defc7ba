// Redaction of transcripts: cards (Luhn), emails, phones, admin patterns, and what must stay untouched.
import { describe, expect, it } from 'vitest';
import { compileRedactionPatterns, luhnValid, redact } from '../../../lib/privacy/redaction.ts';

describe('redact', () => {
  it('removes card numbers in any common grouping, but only Luhn-valid ones', () => {
    expect(redact('my card is 4111 1111 1111 1111, thanks')).toBe('my card is [card], thanks');
    expect(redact('4111-1111-1111-1111')).toBe('[card]');
    expect(redact('5555555555554444 expired')).toBe('[card] expired');
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(redact('order 1234567890123 shipped')).not.toContain('[card]');
  });

  it('removes email addresses and phone numbers', () => {
    expect(redact('write to jane.doe+shop@example.co.uk please')).toBe('write to [email] please');
    expect(redact('call me on +44 20 7946 0958')).toBe('call me on [phone]');
    expect(redact('or (555) 123-4567 after 5')).toBe('or [phone] after 5');
  });

  it('leaves ordinary numbers alone: prices, dates, short order ids', () => {
    const text = 'Order #48213 cost 59.90 on 2026-11-21, 3 items';
    expect(redact(text)).toBe(text);
  });

  it('applies admin patterns case-insensitively and reports invalid ones in words', () => {
    const compiled = compileRedactionPatterns(['ACCT-\\d{6}', '(unclosed', '']);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.errors).toHaveLength(1);
    expect(compiled.errors[0]).toContain('"(unclosed" is not a valid regular expression');
    expect(redact('account acct-123456 is locked', compiled.rules)).toBe('account [redacted] is locked');
  });
});
