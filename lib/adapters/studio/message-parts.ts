// Reads the parts of a generalised message the admin did not have to click: what tells authors apart, where the
// words are, the time (ISO attribute or a clock time), the page's own message id and text to leave out.
import { TEST_ATTRIBUTES, attributeSelector, cssIdent, isHashedName, isMeaningfulAttribute, isStateClass } from './name-quality.ts';
import { proposeInside, type SelectorProposal } from './propose-selector.ts';

type Author = 'customer' | 'agent' | 'system';

export interface AuthorRuleProposal {
  system?: string;
  agent?: string;
  customer?: string;
  otherwise?: Author;
}

/** Features of a message element and its descendants: classes and data-* values that could mark an author. */
function featuresOf(message: Element): { selector: string; own: boolean; generated: boolean }[] {
  const found: { selector: string; own: boolean; generated: boolean }[] = [];
  const nodes = [message, ...message.querySelectorAll('*')].slice(0, 40);
  for (const node of nodes) {
    const own = node === message;
    for (const name of node.classList) {
      if (!/^[a-zA-Z_-][\w-]*$/.test(name) || isStateClass(name)) continue;
      found.push({ selector: `.${cssIdent(name)}`, own, generated: isHashedName(name) });
    }
    for (const { name, value } of node.attributes) {
      if (!(isMeaningfulAttribute(name) || name === 'aria-label' || name === 'role') || !value || value.length > 40) continue;
      if (/\d{2,}/.test(value)) continue;
      found.push({ selector: attributeSelector(name, value), own, generated: false });
    }
  }
  return found;
}

function marks(element: Element, selector: string): boolean {
  try {
    return element.matches(selector) || element.querySelector(selector) !== null;
  } catch {
    return false;
  }
}

/**
 * Selectors telling the clicked examples' authors apart, checked on every message: each chosen one marks its own
 * example and none of the others'. Without any, the authors cannot be read and null is returned.
 */
export function proposeAuthors(examples: Partial<Record<Author, Element>>, all: readonly Element[]): AuthorRuleProposal | null {
  const entries = (Object.entries(examples) as [Author, Element][]).filter(([, element]) => element);
  const rule: AuthorRuleProposal = {};
  for (const [author, element] of entries) {
    const others = entries.filter(([other]) => other !== author).map(([, e]) => e);
    const candidates = featuresOf(element).filter((feature) => others.every((other) => !marks(other, feature.selector)));
    // Prefer a mark on the message itself, meaningful names, and one that marks some but not all messages.
    const scored = candidates
      .map((feature) => ({ feature, count: all.filter((message) => marks(message, feature.selector)).length }))
      .filter(({ count }) => count > 0 && count < all.length + (all.length === 1 ? 1 : 0))
      .sort((a, b) => Number(a.feature.generated) - Number(b.feature.generated) || Number(b.feature.own) - Number(a.feature.own) || a.feature.selector.length - b.feature.selector.length);
    const best = scored[0];
    if (best) rule[author] = best.feature.selector;
  }
  const marked = (['system', 'agent', 'customer'] as const).filter((author) => rule[author]);
  const shown = entries.map(([author]) => author);
  if (marked.length === 0) return null;
  // One author without a mark of its own is "everything else".
  const unmarked = shown.filter((author) => !rule[author]);
  if (unmarked.length > 1) return null;
  if (unmarked.length === 1) rule.otherwise = unmarked[0];
  // Customer and agent both marked, no system line clicked: messages marked as neither are system lines.
  else if (rule.customer && rule.agent && !rule.system && all.some((message) => !marks(message, rule.customer!) && !marks(message, rule.agent!))) rule.otherwise = 'system';
  return rule;
}

/** True when one of the chosen author selectors relies on generated class names (fragile). */
export function authorsAreFragile(rule: AuthorRuleProposal): boolean {
  return (['system', 'agent', 'customer'] as const).some((author) => {
    const selector = rule[author];
    return selector !== undefined && selector.startsWith('.') && isHashedName(selector.slice(1).replace(/\\/g, ''));
  });
}

/** An attribute every message carries with a different value: the page's own message id. */
export function proposeMessageId(all: readonly Element[]): { attribute: string } | null {
  if (all.length === 0) return null;
  const first = all[0]!;
  const names = [...first.attributes].map((attribute) => attribute.name).filter((name) => name === 'id' || (isMeaningfulAttribute(name) && !TEST_ATTRIBUTES.includes(name)));
  names.sort((a, b) => Number(!/id|key/i.test(a)) - Number(!/id|key/i.test(b)));
  for (const name of names) {
    const values = all.map((element) => element.getAttribute(name));
    if (values.every((value) => value) && new Set(values).size === values.length) return { attribute: name };
  }
  return null;
}

const CLOCK = /^\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s*m\.?)?\s*$/i;

export type TimeProposal = { value: string | { selector?: string; attribute?: string }; format: 'iso' | 'clock' | 'epoch-ms' | 'epoch-s' };

function isoLike(value: string | null): boolean {
  return value !== null && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value.trim()) && Number.isFinite(Date.parse(value.trim()));
}

/** Where a message shows its time: an ISO attribute (datetime, title) or a clock time in text. */
export function proposeTime(example: Element, peers: readonly Element[]): { rule: TimeProposal; element: Element } | null {
  for (const node of [example, ...example.querySelectorAll('*')]) {
    for (const attribute of ['datetime', 'data-time', 'data-timestamp', 'title', 'aria-label']) {
      const value = node.getAttribute(attribute);
      if (!isoLike(value) && !(attribute.startsWith('data-') && /^\d{10,13}$/.test(value ?? ''))) continue;
      const inside = node === example ? null : proposeInside(node, example, peers);
      const format = isoLike(value) ? 'iso' : (value ?? '').length === 13 ? 'epoch-ms' : 'epoch-s';
      return { rule: { value: { ...(inside ? { selector: inside.selector } : {}), attribute }, format }, element: node };
    }
  }
  for (const node of example.querySelectorAll('*')) {
    if (node.children.length > 0 || !CLOCK.test(node.textContent ?? '')) continue;
    const inside = proposeInside(node, example, peers);
    if (inside) return { rule: { value: inside.selector, format: 'clock' }, element: node };
  }
  return null;
}

/** The message words: the clicked part inside the message when it is a part, else the whole message. */
export function proposeText(clicked: Element, message: Element, peers: readonly Element[]): SelectorProposal | null {
  // A click on a word lands on its innermost element; the part is the closest block holding all the words.
  let part: Element = clicked;
  while (part.parentElement && part.parentElement !== message && /^(b|i|em|strong|a|span|code|u|s|mark|small)$/.test(part.localName)) part = part.parentElement;
  return proposeInside(part, message, peers);
}
