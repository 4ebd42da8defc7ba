// Finds the open conversation's key: a record id the page address (path, query or #fragment) or an attribute carries,
// the same value the conversation list gives for that chat, so coaching stays attached to the right chat.
import { isMeaningfulAttribute } from './name-quality.ts';
import { proposeInside, proposeSelector } from './propose-selector.ts';

export type KeyRule = { from?: 'url'; selector?: string; attribute?: string; pattern?: string };

export interface KeyProposal {
  /** activeConversation.key */
  key: KeyRule;
  /** conversations.key, read inside a list item; null without a list or when the list does not carry the key. */
  listKey: KeyRule | null;
  /** The key as read now. */
  value: string;
  /** Where it was found, in words (e.g. "the address's #fragment"). */
  source: 'path' | 'query' | 'fragment' | 'attribute';
  /** A regular expression telling chat pages apart, when the key is in the address. */
  chatUrl: string | null;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Looks like a record id: has a digit, or is a long hex/uuid-like run. */
export function isIdLike(token: string): boolean {
  if (token.length < 2 || token.length > 100) return false;
  return /\d/.test(token) || /^[0-9a-f-]{8,}$/i.test(token);
}

/** Id-like tokens of a value such as `/agent/chats/9001?tab=2` or `c-1042`. */
export function idTokens(value: string): string[] {
  const tokens = [value, ...value.split(/[/?#&=,;\s]+/)];
  return [...new Set(tokens.map((token) => token.trim()).filter(isIdLike))];
}

/** Values the list item (and the elements in it) carries: href, data-*, id, value. */
function itemValues(item: Element): { element: Element; attribute: string; value: string }[] {
  const found: { element: Element; attribute: string; value: string }[] = [];
  for (const element of [item, ...item.querySelectorAll('*')].slice(0, 30)) {
    for (const { name, value } of element.attributes) {
      if (name === 'href' || name === 'id' || name === 'value' || isMeaningfulAttribute(name)) found.push({ element, attribute: name, value });
    }
  }
  return found;
}

/** A pattern that finds `token` where it sits in `text`, anchored on the piece just before it (`/chats/`, `?id=`). */
function patternAround(text: string, token: string, stop: string): string | null {
  const at = text.lastIndexOf(token);
  if (at < 0) return null;
  const before = text.slice(0, at);
  const anchor = /(?:[/?#&=][^/?#&=]*)?[/?#&=]$/.exec(before)?.[0] ?? before.slice(-12);
  return `${escapeRegex(anchor)}([^${stop}]+)`;
}

function readWith(pattern: string, text: string): string | null {
  try {
    return new RegExp(pattern).exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** The key in the URL: a token equal to one of `wanted` (or, without any, the last id-like part), path first. */
function keyInUrl(url: URL, wanted: readonly string[]): { pattern: string; value: string; source: KeyProposal['source'] } | null {
  const href = url.href;
  const pick = (parts: string[]) => (wanted.length ? parts.find((part) => wanted.includes(part)) : [...parts].reverse().find(isIdLike));
  const fromPath = pick(url.pathname.split('/').filter(Boolean).map(decodeURIComponent));
  if (fromPath) {
    const pattern = patternAround(url.origin + url.pathname, fromPath, '/?#');
    if (pattern && readWith(pattern, href) === fromPath) return { pattern, value: fromPath, source: 'path' };
  }
  for (const [name, value] of url.searchParams) {
    if (wanted.length ? wanted.includes(value) : isIdLike(value) && /id|chat|conv|ticket|thread/i.test(name)) {
      const pattern = `[?&]${escapeRegex(name)}=([^&#]+)`;
      if (readWith(pattern, href) === value) return { pattern, value, source: 'query' };
    }
  }
  const fragment = url.hash.slice(1);
  const fromFragment = pick(fragment.split(/[/?&=]+/).filter(Boolean));
  if (fromFragment) {
    const within = patternAround(`#${fragment}`, fromFragment, '/?&#');
    const pattern = within && !within.startsWith('#') ? `#.*?${within}` : within;
    if (pattern && readWith(pattern, href) === fromFragment) return { pattern, value: fromFragment, source: 'fragment' };
  }
  return null;
}

/** How a list item's attribute gives `token`: the attribute whole, or a pattern around it. */
function listRule(item: Element, token: string): KeyRule | null {
  for (const { element, attribute, value } of itemValues(item)) {
    const inside = element === item ? null : proposeInside(element, item);
    const base: KeyRule = { ...(inside ? { selector: inside.selector } : {}), attribute };
    if (value === token) return base;
    if (!value.includes(token)) continue;
    const pattern = patternAround(value, token, '/?#&');
    if (pattern && readWith(pattern, value) === token) return { ...base, pattern };
  }
  return null;
}

/** Attributes on the chat area, its ancestors and descendants that hold `token` (or look like a chat id). */
function keyInAttributes(chatArea: Element, wanted: readonly string[]): { rule: KeyRule; value: string } | null {
  const nodes = [chatArea, ...ancestors(chatArea), ...chatArea.querySelectorAll('*')].slice(0, 400);
  for (const node of nodes) {
    for (const { name, value } of node.attributes) {
      if (!(isMeaningfulAttribute(name) || name === 'id')) continue;
      const match = wanted.length ? wanted.includes(value) : isIdLike(value) && /(chat|conv|ticket|thread|room).*id|id$/i.test(name);
      if (!match) continue;
      return { rule: { selector: proposeSelector(node).selector, attribute: name }, value };
    }
  }
  return null;
}

function ancestors(element: Element): Element[] {
  const list: Element[] = [];
  for (let node = element.parentElement; node; node = node.parentElement) list.push(node);
  return list;
}

/**
 * The open conversation's key. `activeItem` is the list item of the open chat (when the admin picked a list): its
 * id-like values are looked for in the address (path, then query, then #fragment), then in attributes of the chat
 * area. Without a list, the last id-like part of the address is taken, then a chat-id-like attribute.
 */
export function proposeConversationKey(url: string, chatArea: Element, activeItem: Element | null): KeyProposal | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const wanted = activeItem ? itemValues(activeItem).flatMap(({ value }) => idTokens(value)) : [];
  const inUrl = keyInUrl(parsed, wanted) ?? (wanted.length ? null : keyInUrl(parsed, []));
  if (inUrl) {
    return {
      key: { from: 'url', pattern: inUrl.pattern },
      listKey: activeItem ? listRule(activeItem, inUrl.value) : null,
      value: inUrl.value,
      source: inUrl.source,
      chatUrl: inUrl.pattern,
    };
  }
  const inAttribute = keyInAttributes(chatArea, wanted) ?? (wanted.length ? keyInAttributes(chatArea, []) : null);
  if (!inAttribute) return null;
  return { key: inAttribute.rule, listKey: activeItem ? listRule(activeItem, inAttribute.value) : null, value: inAttribute.value, source: 'attribute', chatUrl: null };
}
