// Redaction of transcripts, rule by rule with the examples docs/security.md lists: what is masked, what is kept
// on purpose (card-shaped numbers failing Luhn, dates, amounts, order numbers), admin patterns.
import { describe, expect, it } from 'vitest';
import { compileRedactionPatterns, ibanValid, luhnValid, redact } from '../../../lib/privacy/redaction.ts';

describe('redact', () => {
  it('masks card numbers in any common grouping, but only Luhn-valid ones', () => {
    expect(redact('my card is 4111 1111 1111 1111, thanks')).toBe('my card is [card], thanks');
    expect(redact('4111-1111-1111-1111')).toBe('[card]');
    expect(redact('5555555555554444 expired')).toBe('[card] expired');
    expect(redact('Amex 3782 822463 10005')).toBe('Amex [card]');
    expect(luhnValid('4111111111111112')).toBe(false);
  });

  it('keeps card-shaped numbers that fail Luhn: order, tracking and reference numbers', () => {
    expect(redact('order 1234567890123 shipped')).toBe('order 1234567890123 shipped');
    expect(redact('tracking 4111 1111 1111 1112')).toBe('tracking 4111 1111 1111 1112');
    // Not even as a phone number, though it has spaces and 13 digits.
    expect(redact('ref 1234 5678 9012 3')).toBe('ref 1234 5678 9012 3');
  });

  it('masks email addresses', () => {
    expect(redact('write to jane.doe+shop@example.co.uk please')).toBe('write to [email] please');
    expect(redact('j@x.io or 4111111111111111')).toBe('[email] or [card]');
  });

  it('masks IBANs that pass the ISO 13616 check, written together or in groups of four', () => {
    expect(redact('IBAN DE89 3704 0044 0532 0130 00 please')).toBe('IBAN [iban] please');
    expect(redact('to GB82WEST12345698765432')).toBe('to [iban]');
    expect(redact('fr7630006000011234567890189')).toBe('[iban]');
    expect(ibanValid('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(redact('code DE89 3704 0044 0532 0130 01')).not.toContain('[iban]');
    expect(redact('ab12 then that boat sank')).toBe('ab12 then that boat sank');
  });

  it('masks US social security numbers', () => {
    expect(redact('SSN 123-45-6789.')).toBe('SSN [ssn].');
  });

  it('masks phone numbers: international, with a trunk 0, in parentheses or grouped', () => {
    expect(redact('call me on +44 20 7946 0958')).toBe('call me on [phone]');
    expect(redact('or (555) 123-4567 after 5')).toBe('or [phone] after 5');
    expect(redact('mobile 07946 095800')).toBe('mobile [phone]');
    expect(redact('ring 555-123-4567')).toBe('ring [phone]');
    expect(redact('+4915112345678')).toBe('[phone]');
    expect(redact('home 06 12 34 56 78')).toBe('home [phone]');
  });

  it('keeps ordinary numbers: prices, dates, amounts, short ids and bare digit runs', () => {
    for (const text of [
      'Order #48213 cost 59.90 on 2026-11-21, 3 items',
      'delivered 21.11.2026 and 11/21/2026',
      'a refund of 1.250.000 IDR or 3 400 000 VND',
      'ticket 88812345 is open',
      'version 1.2.3, room 404',
    ]) {
      expect(redact(text), text).toBe(text);
    }
  });

  it('keeps hostile text as text: placeholders only replace, never add markup', () => {
    expect(redact('<img src=x onerror=alert(1)> mail a@b.co')).toBe('<img src=x onerror=alert(1)> mail [email]');
  });

  it('applies admin patterns case-insensitively after the built-in rules, and reports invalid ones in words', () => {
    const compiled = compileRedactionPatterns(['ACCT-\\d{6}', '(unclosed', '']);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.errors).toHaveLength(1);
    expect(compiled.errors[0]).toContain('"(unclosed" is not a valid regular expression');
    expect(redact('account acct-123456 is locked', compiled.rules)).toBe('account [redacted] is locked');
    expect(redact('acct-123456 and acct-654321', compiled.rules)).toBe('[redacted] and [redacted]');
  });
});
