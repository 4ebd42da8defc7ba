// Redaction of customer transcript text before it leaves the agent's browser: the built-in rules (email addresses,
// IBANs and card numbers that pass their checksums, US social security numbers, phone numbers) and admin patterns.
// The rules and their examples are written down in docs/security.md ("Redaction").

export interface RedactionRules {
  /** Regular expressions (JavaScript syntax, case-insensitive) whose matches are replaced by `[redacted]`. */
  patterns: RegExp[];
}

export type PatternResult = { ok: true; rules: RedactionRules } | { ok: false; rules: RedactionRules; errors: string[] };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Two letters, two check digits, then 11 to 30 letters or digits, written together or in groups of four. */
const IBAN_CANDIDATE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/gi;
/** 13 to 19 digits, optionally in groups separated by single spaces or dashes (after a + it is a phone number). */
const CARD_CANDIDATE = /(?<!\+)\b\d(?:[ -]?\d){12,18}\b/g;
/** The US social security number format. */
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
/** A run of digits with optional +, spaces, dots, dashes and parentheses (one line) holding 7 to 15 digits. */
const PHONE_CANDIDATE = /(?<![\w+(])(?:\+|\()?\d[\d \t().-]{5,}\d\b/g;
/** Calendar dates look like phone candidates and are kept. */
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;
/** Amounts grouped by thousands (1.250.000, 3 400 000) are kept. */
const THOUSANDS = /^\d{1,3}(?:[. ]\d{3})+$/;

/** Compiles admin-given pattern strings; invalid ones are reported in words and left out, the rest still apply. */
export function compileRedactionPatterns(sources: readonly string[]): PatternResult {
  const patterns: RegExp[] = [];
  const errors: string[] = [];
  for (const source of sources) {
    if (source.trim() === '') continue;
    try {
      patterns.push(new RegExp(source, 'gi'));
    } catch (error) {
      errors.push(`redaction pattern "${source}" is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  return errors.length ? { ok: false, rules: { patterns }, errors } : { ok: true, rules: { patterns } };
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** ISO 13616 check: the IBAN with its first four characters moved to the end, letters as 10..35, mod 97 is 1. */
export function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '').toUpperCase();
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = (value > 9 ? remainder * 100 + value : remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

function phoneLike(match: string): boolean {
  if (DATE.test(match)) return false;
  const digits = match.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return false;
  if (/^[+(0]/.test(match)) return true;
  if (THOUSANDS.test(match)) return false;
  // A bare run of digits is an order, ticket or tracking number more often than a phone number: kept.
  return /[ \t().-]/.test(match);
}

interface Span {
  start: number;
  end: number;
  /** The placeholder, or null for text a rule looked at and decided to keep (no later rule touches it). */
  replacement: string | null;
}

/** A placeholder to mask the match; null to keep it as it is; undefined when it is not this rule's business. */
type Detector = { pattern: RegExp; decide: (match: string) => string | null | undefined };

const DETECTORS: Detector[] = [
  { pattern: EMAIL, decide: () => '[email]' },
  { pattern: IBAN_CANDIDATE, decide: (m) => (m.replace(/\D/g, '').length >= 8 && ibanValid(m) ? '[iban]' : undefined) },
  // A card-shaped number that fails Luhn is an order, tracking or reference number: kept, also from the phone rule.
  { pattern: CARD_CANDIDATE, decide: (m) => (luhnValid(m.replace(/\D/g, '')) ? '[card]' : null) },
  { pattern: SSN, decide: () => '[ssn]' },
  { pattern: PHONE_CANDIDATE, decide: (m) => (phoneLike(m) ? '[phone]' : undefined) },
];

/**
 * Returns the text with sensitive parts replaced by `[email]`, `[iban]`, `[card]`, `[ssn]`, `[phone]`, then
 * admin patterns by `[redacted]`. Built-in rules run in that order on the original text; a part one rule took
 * (masked or deliberately kept, like a card-shaped number that fails Luhn) is not looked at again.
 */
export function redact(text: string, rules: RedactionRules = { patterns: [] }): string {
  const spans: Span[] = [];
  for (const { pattern, decide } of DETECTORS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (spans.some((s) => start < s.end && end > s.start)) continue;
      const replacement = decide(match[0]);
      if (replacement !== undefined) spans.push({ start, end, replacement });
    }
  }
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + (span.replacement ?? text.slice(span.start, span.end));
    at = span.end;
  }
  out += text.slice(at);
  for (const pattern of rules.patterns) {
    pattern.lastIndex = 0;
    out = out.replace(pattern, '[redacted]');
  }
  return out;
}
