// From one or a few clicked examples (a message, a conversation in the list) to every element of that kind: the
// repeated element each example belongs to, a selector matching all of them, their count and their container.
import { isRobust, ownSelectors, proposeSelector, rankOf, type SelectorKind, type SelectorProposal } from './propose-selector.ts';

export interface RepeatedElements {
  /** Matches every element of the kind (searched inside `container`). */
  selector: string;
  kind: SelectorKind;
  /** The elements found, in page order. */
  elements: Element[];
  /** The repeated element each example belongs to, in the examples' order. */
  examples: Element[];
  /** The closest element holding all of them, and a selector for it in the document. */
  container: Element;
  containerSelector: SelectorProposal;
}

type Level = { proposal: SelectorProposal; elements: Element[]; owners: Element[] };

/** Ancestors-or-self of `element` strictly inside `scope`, innermost first. */
function chainInside(element: Element, scope: Element): Element[] {
  const chain: Element[] = [];
  for (let node: Element | null = element; node && node !== scope && scope.contains(node); node = node.parentElement) chain.push(node);
  return chain;
}

function lowestCommonAncestor(elements: readonly Element[]): Element | null {
  const [first, ...rest] = elements;
  if (!first) return null;
  for (let node: Element | null = first.parentElement; node; node = node.parentElement) if (rest.every((element) => node.contains(element))) return node;
  return null;
}

function queryAll(scope: Element, selector: string): Element[] {
  try {
    return [...scope.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

/** The matches hold each example in a different match and none holds another: the selector picks whole, separate items. */
function levelFor(proposal: SelectorProposal, scope: Element, examples: readonly Element[]): Level | null {
  const elements = queryAll(scope, proposal.selector);
  if (elements.length < examples.length) return null;
  const owners: Element[] = [];
  for (const example of examples) {
    const owner = elements.find((element) => element === example || element.contains(example));
    if (!owner || owners.includes(owner)) return null;
    owners.push(owner);
  }
  const set = new Set(elements);
  for (const element of elements) for (let node = element.parentElement; node && node !== scope; node = node.parentElement) if (set.has(node)) return null;
  return { proposal, elements, owners };
}

/** Selectors every example's counterpart at this depth matches: what the examples have in common. */
function sharedProposals(element: Element, examples: readonly Element[], scope: Element): SelectorProposal[] {
  return ownSelectors(element, true).filter((proposal) =>
    examples.every((example) => chainInside(example, scope).some((node) => safeMatches(node, proposal.selector))),
  );
}

function safeMatches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/**
 * The repeated element the examples are instances of, inside `scope` (e.g. the chat area). Levels from the example
 * up to the scope are tried; the outermost level that still finds (nearly) as many items as any level wins, so a
 * message is preferred over its paragraphs and over a day's group of messages. Positions are the last resort.
 */
export function generaliseRepeated(examples: readonly Element[], scope: Element): RepeatedElements | null {
  const first = examples[0];
  if (!first || examples.some((example) => !scope.contains(example))) return null;
  const levels: Level[] = [];
  for (const node of chainInside(first, scope)) {
    const passing = sharedProposals(node, examples, scope)
      .map((proposal) => levelFor(proposal, scope, examples))
      .filter((level): level is Level => level !== null && level.owners[0] === node);
    if (passing.length === 0) continue;
    // The level's items: what its most specific selector finds (a class or attribute before a bare tag, which
    // would also find the item's other parts); then the most robust selector finding exactly those.
    const several = passing.some((level) => level.elements.length > 1) ? passing.filter((level) => level.elements.length > 1) : passing;
    const reference = [...several].sort((a, b) => specificity(a.proposal.kind) - specificity(b.proposal.kind))[0]!;
    const same = several.filter((level) => sameElements(level.elements, reference.elements));
    const chosen = same.sort((a, b) => rankOf(a.proposal.kind) - rankOf(b.proposal.kind))[0]!;
    levels.push(chosen);
  }
  const structural = byStructure(examples, scope);
  if (structural) levels.push(structural);
  if (levels.length === 0) return null;
  const most = Math.max(...levels.map((level) => level.elements.length));
  const good = levels.filter((level) => level.elements.length >= most * 0.7);
  // Outermost good level, robust kinds before generated classes and positions.
  const best = [...good].sort((a, b) => Number(!isRobust(a.proposal.kind)) - Number(!isRobust(b.proposal.kind)) || depthOf(a, scope) - depthOf(b, scope))[0]!;
  const container = best.elements.length > 1 ? lowestCommonAncestor(best.elements)! : best.elements[0]!.parentElement ?? scope;
  const containerSelector = proposeSelector(container);
  const selector = best.proposal.kind === 'position' ? best.proposal.selector.replace(/^:container/, containerSelector.selector) : best.proposal.selector;
  return {
    selector,
    kind: best.proposal.kind,
    elements: best.elements,
    examples: best.owners,
    container,
    containerSelector,
  };
}

/** Rank for telling items from their parts: a bare tag is the least specific. */
function specificity(kind: SelectorKind): number {
  return kind === 'tag' ? 6.5 : rankOf(kind);
}

function sameElements(a: readonly Element[], b: readonly Element[]): boolean {
  return a.length === b.length && a.every((element, index) => element === b[index]);
}

function depthOf(level: Level, scope: Element): number {
  return chainInside(level.owners[0]!, scope).length;
}

/** Children of one parent sharing a tag: `:container > div`, completed with the container's selector by the caller. */
function byStructure(examples: readonly Element[], scope: Element): Level | null {
  const common = examples.length > 1 ? lowestCommonAncestor(examples) : examples[0]!.parentElement;
  if (!common || !scope.contains(common) && common !== scope) return null;
  const owners = examples.map((example) => chainInside(example, common)).map((chain) => chain[chain.length - 1]);
  if (owners.some((owner) => !owner) || new Set(owners).size !== owners.length) return null;
  const tag = owners[0]!.localName;
  if (owners.some((owner) => owner!.localName !== tag)) return null;
  const elements = [...common.children].filter((child) => child.localName === tag);
  return { proposal: { selector: `:container > ${tag}`, kind: 'position' }, elements, owners: owners as Element[] };
}
