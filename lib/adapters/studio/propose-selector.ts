// Proposes a CSS selector for one element a person clicked: stable ids, test and data-* attributes, roles and
// meaningful classes first; an ancestor's name when the element's own is not unique; positions only as a last resort.
import { TEST_ATTRIBUTES, attributeSelector, cssIdent, isDataSpecific, isMeaningfulAttribute, isMeaningfulClass, isStableId } from './name-quality.ts';

/** How a selector finds its element, most robust first. `position` breaks when the page's layout changes. */
export type SelectorKind = 'id' | 'test-attribute' | 'data-attribute' | 'role' | 'class' | 'tag' | 'generated-class' | 'position';

export interface SelectorProposal {
  selector: string;
  kind: SelectorKind;
}

const RANK: Record<SelectorKind, number> = { id: 0, 'test-attribute': 1, 'data-attribute': 2, role: 3, class: 4, tag: 5, 'generated-class': 6, position: 7 };

/** True when the kind survives a redesign that keeps the helpdesk's meaning (not a position or generated class). */
export function isRobust(kind: SelectorKind): boolean {
  return kind !== 'position' && kind !== 'generated-class';
}

export function rankOf(kind: SelectorKind): number {
  return RANK[kind];
}

const SEMANTIC_TAGS = new Set(['main', 'nav', 'header', 'footer', 'aside', 'article', 'section', 'form', 'textarea', 'time', 'h1', 'h2', 'h3', 'h4', 'ol', 'ul', 'li', 'table', 'tr', 'dialog', 'b', 'strong', 'p']);

function tagOf(element: Element): string {
  return element.localName.toLowerCase();
}

/**
 * Simple selectors describing the element by itself, most robust first. With `generalising`, values that name one
 * record (ids, per-message attribute values) are left out and attribute presence (`[data-message-id]`) is offered.
 */
export function ownSelectors(element: Element, generalising = false): SelectorProposal[] {
  const found: SelectorProposal[] = [];
  const tag = tagOf(element);
  if (!generalising && element.id && isStableId(element.id)) found.push({ selector: `#${cssIdent(element.id)}`, kind: 'id' });
  const attributes = [...element.attributes].filter((attribute) => isMeaningfulAttribute(attribute.name));
  attributes.sort((a, b) => Number(!TEST_ATTRIBUTES.includes(a.name)) - Number(!TEST_ATTRIBUTES.includes(b.name)));
  for (const { name, value } of attributes) {
    const kind: SelectorKind = TEST_ATTRIBUTES.includes(name) ? 'test-attribute' : 'data-attribute';
    if (value && value.length <= 40 && !isDataSpecific(value)) found.push({ selector: attributeSelector(name, value), kind });
  }
  const role = element.getAttribute('role');
  if (role) found.push({ selector: attributeSelector('role', role), kind: 'role' });
  const label = element.getAttribute('aria-label');
  if (!generalising && label && label.length <= 40 && !isDataSpecific(label)) found.push({ selector: attributeSelector('aria-label', label), kind: 'role' });
  const name = element.getAttribute('name');
  if (name && !isDataSpecific(name) && /^(textarea|input|select|form)$/.test(tag)) found.push({ selector: `${tag}${attributeSelector('name', name)}`, kind: 'role' });
  const classes = [...element.classList];
  const meaningful = classes.filter(isMeaningfulClass);
  for (const name of meaningful) found.push({ selector: `.${cssIdent(name)}`, kind: 'class' });
  for (let i = 0; i < meaningful.length; i++) {
    for (let j = i + 1; j < meaningful.length; j++) found.push({ selector: `.${cssIdent(meaningful[i]!)}.${cssIdent(meaningful[j]!)}`, kind: 'class' });
  }
  const editable = element.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') found.push({ selector: `[contenteditable]`, kind: 'role' });
  if (generalising) for (const { name } of attributes) found.push({ selector: attributeSelector(name), kind: TEST_ATTRIBUTES.includes(name) ? 'test-attribute' : 'data-attribute' });
  if (SEMANTIC_TAGS.has(tag)) found.push({ selector: tag, kind: 'tag' });
  for (const name of classes.filter((c) => !meaningful.includes(c) && /^[a-zA-Z_-][\w-]*$/.test(c))) found.push({ selector: `.${cssIdent(name)}`, kind: 'generated-class' });
  found.push({ selector: tag, kind: 'tag' });
  const seen = new Set<string>();
  return found.filter((proposal) => !seen.has(proposal.selector) && seen.add(proposal.selector)).sort((a, b) => rankOf(a.kind) - rankOf(b.kind));
}

function matchesOnly(scope: ParentNode, selector: string, element: Element): boolean {
  try {
    const all = scope.querySelectorAll(selector);
    return all.length === 1 && all[0] === element;
  } catch {
    return false;
  }
}

function ancestorsOf(element: Element, limit: number): Element[] {
  const list: Element[] = [];
  for (let node = element.parentElement; node && list.length < limit; node = node.parentElement) list.push(node);
  return list;
}

/** The element's own selector, unique in `scope`, when it has one. */
function uniqueOwn(element: Element, scope: ParentNode): SelectorProposal | null {
  return ownSelectors(element).find((proposal) => isRobust(proposal.kind) && matchesOnly(scope, proposal.selector, element)) ?? null;
}

/** A position path from `anchor` (exclusive) down to `element`: `> div:nth-of-type(2) > span`. */
function positionPath(anchor: Element | null, element: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = element; node && node !== anchor; node = node.parentElement) {
    const tag = tagOf(node);
    const parent: Element | null = node.parentElement;
    const same = parent ? [...parent.children].filter((child) => child.localName === node!.localName) : [node];
    steps.unshift(same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(node) + 1})` : tag);
    if (!parent) break;
  }
  return steps.join(' > ');
}

/** The most robust selector that finds exactly this element in `scope` (the document by default). */
export function proposeSelector(element: Element, scope: ParentNode = element.ownerDocument): SelectorProposal {
  const own = uniqueOwn(element, scope);
  if (own) return own;
  const candidates = ownSelectors(element);
  for (const ancestor of ancestorsOf(element, 10)) {
    const anchor = uniqueOwn(ancestor, scope);
    if (!anchor) continue;
    const candidate = candidates.find((own) => matchesOnly(scope, `${anchor.selector} ${own.selector}`, element));
    if (candidate) {
      const kind = rankOf(candidate.kind) >= rankOf(anchor.kind) ? candidate.kind : anchor.kind;
      return { selector: `${anchor.selector} ${candidate.selector}`, kind };
    }
    const path = `${anchor.selector} > ${positionPath(ancestor, element)}`;
    if (matchesOnly(scope, path, element)) return { selector: path, kind: 'position' };
  }
  const body = element.ownerDocument.body;
  return { selector: `body > ${positionPath(body, element)}`, kind: 'position' };
}

/** A selector for `target` searched inside `within` (a message, a list item): finds it first there. Null for `within` itself. */
export function proposeInside(target: Element, within: Element, peers: readonly Element[] = []): SelectorProposal | null {
  if (target === within || !within.contains(target)) return null;
  let best: { proposal: SelectorProposal; hits: number } | null = null;
  for (const proposal of ownSelectors(target, true)) {
    let first: Element | null;
    try {
      first = within.querySelector(proposal.selector);
    } catch {
      continue;
    }
    if (first !== target) continue;
    const hits = peers.filter((peer) => peer.querySelector(proposal.selector) !== null).length;
    const better = !best || Number(isRobust(best.proposal.kind)) < Number(isRobust(proposal.kind)) || (isRobust(best.proposal.kind) === isRobust(proposal.kind) && hits > best.hits);
    if (better) best = { proposal, hits };
  }
  if (best) return best.proposal;
  return { selector: `:scope > ${positionPath(within, target)}`, kind: 'position' };
}
