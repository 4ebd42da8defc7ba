// Redaction of customer transcript text before it leaves the agent's browser: payment card numbers (Luhn-checked),
// email addresses, phone numbers, and patterns an admin sets by policy.

export interface RedactionRules {
  /** Regular expressions (JavaScript syntax, case-insensitive) whose matches are replaced by `[redacted]`. */
  patterns: RegExp[];
}

export type PatternResult = { ok: true; rules: RedactionRules } | { ok: false; rules: RedactionRules; errors: string[] };

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** 13 to 19 digits, optionally in groups separated by single spaces or dashes. */
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
/** A run of digits with optional +, spaces, dots, dashes and parentheses holding 7 to 15 digits. */
const PHONE_CANDIDATE = /(?<![\w+(])(?:\+|\()?\d[\d\s().-]{5,}\d\b/g;
/** Calendar dates look like phone candidates and are kept. */
const DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$/;

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

/** Returns the text with sensitive parts replaced by `[card]`, `[email]`, `[phone]` or `[redacted]`. */
export function redact(text: string, rules: RedactionRules = { patterns: [] }): string {
  let out = text.replace(EMAIL, '[email]');
  out = out.replace(CARD_CANDIDATE, (match) => (luhnValid(match.replace(/\D/g, '')) ? '[card]' : match));
  out = out.replace(PHONE_CANDIDATE, (match) => {
    if (DATE.test(match)) return match;
    const digits = match.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15 ? '[phone]' : match;
  });
  for (const pattern of rules.patterns) {
    pattern.lastIndex = 0;
    out = out.replace(pattern, '[redacted]');
  }
  return out;
}
