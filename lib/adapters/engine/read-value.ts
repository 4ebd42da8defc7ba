// Reads one configured value (a selector's text or attribute, the URL or the title, through an optional regex).
import type { ValueRule } from '../format/schema.ts';
import { plainText } from './plain-text.ts';

const compiled = new Map<string, RegExp>();

/** Compiles a regex source once; the format validated it, but a bad one still yields null, never a throw. */
export function regexFor(source: string): RegExp | null {
  let regex = compiled.get(source);
  if (!regex) {
    try {
      regex = new RegExp(source);
    } catch {
      return null;
    }
    compiled.set(source, regex);
  }
  return regex;
}

/** Applies a pattern: its first capture group when it has one, else the whole match; null when it does not match. */
export function applyPattern(value: string, source: string | undefined): string | null {
  if (!source) return value;
  const match = regexFor(source)?.exec(value);
  if (!match) return null;
  return match[1] ?? match[0];
}

/** The value a rule points at, trimmed; null when the element, attribute or pattern match is missing or empty. */
export function readValue(rule: ValueRule, context: ParentNode, doc: Document): string | null {
  const spec = typeof rule === 'string' ? { selector: rule } : rule;
  const from = 'from' in spec ? spec.from : undefined;
  let value: string | null;
  if (from === 'url') value = doc.location?.href ?? doc.URL;
  else if (from === 'title') value = doc.title;
  else {
    const element = spec.selector
      ? context.querySelector(spec.selector)
      : context.nodeType === 1
        ? (context as Element)
        : null;
    if (!element) return null;
    const attribute = 'attribute' in spec ? spec.attribute : undefined;
    value = attribute ? element.getAttribute(attribute) : plainText(element);
  }
  if (value === null) return null;
  const kept = applyPattern(value, 'pattern' in spec ? spec.pattern : undefined);
  const trimmed = kept?.trim() ?? '';
  return trimmed ? trimmed : null;
}

/** The element a rule reads from, when it reads an element (used to watch it for changes). */
export function ruleElement(rule: ValueRule, context: ParentNode): Element | null {
  const spec = typeof rule === 'string' ? { selector: rule } : rule;
  if ('from' in spec && spec.from && spec.from !== 'element') return null;
  return spec.selector ? context.querySelector(spec.selector) : null;
}
