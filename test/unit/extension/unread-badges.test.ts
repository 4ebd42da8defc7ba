// @vitest-environment happy-dom
// Unread counts beside the helpdesk's own chat list: shown for other chats only, kept through re-renders, removed at 0.
import { describe, expect, it } from 'vitest';
import { createUnreadBadges } from '../../../components/in-page/unread-badges.ts';

function list(keys: string[]): Map<string, Element> {
  document.body.innerHTML = '';
  const items = new Map<string, Element>();
  for (const key of keys) {
    const li = document.createElement('li');
    li.textContent = key;
    document.body.append(li);
    items.set(key, li);
  }
  return items;
}
// The badges' shadow roots are closed (the page cannot read them): the test keeps each root as it is attached.
const roots = new WeakMap<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
  const root = attachShadow.call(this, init);
  roots.set(this, root);
  return root;
};
const rootOf = (item: Element) => {
  const host = item.querySelector('undertone-unread');
  return host ? roots.get(host) : undefined;
};
const badgeText = (item: Element) => rootOf(item)?.querySelector('span')?.textContent ?? null;

describe('unread badges', () => {
  it('shows counts beside other chats, never beside the open one', () => {
    const badges = createUnreadBadges((n) => `${n} unread whispers`);
    const items = list(['c-1', 'c-2', 'c-3']);
    badges.render(new Map([['c-1', 2], ['c-2', 1], ['c-3', 0]]), items, 'c-2');
    expect([badgeText(items.get('c-1')!), badgeText(items.get('c-2')!), badgeText(items.get('c-3')!)]).toEqual(['2', null, null]);
    const label = rootOf(items.get('c-1')!)!.querySelector('span')!.getAttribute('aria-label');
    expect(label).toBe('2 unread whispers');
    // A tooltip in words and an icon, so the number is not taken for the helpdesk's own count.
    const badge = rootOf(items.get('c-1')!)!.querySelector('span')!;
    expect(badge.getAttribute('title')).toBe('2 unread whispers');
    expect(badge.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    // The page sees a host with no readable root, and no count or label outside it.
    expect(items.get('c-1')!.querySelector('undertone-unread')!.shadowRoot).toBeNull();
    expect(document.body.innerHTML).not.toContain('unread whispers');
  });

  it('puts the badge back when the page replaces its list, and drops it when read', () => {
    const badges = createUnreadBadges((n) => `${n}`);
    badges.render(new Map([['c-1', 3]]), list(['c-1', 'c-2']), null);
    const rerendered = list(['c-1', 'c-2']);
    badges.render(new Map([['c-1', 120]]), rerendered, null);
    expect(badgeText(rerendered.get('c-1')!)).toBe('99+');
    expect(document.querySelectorAll('undertone-unread')).toHaveLength(1);
    badges.render(new Map([['c-1', 0]]), rerendered, null);
    expect(document.querySelectorAll('undertone-unread')).toHaveLength(0);
  });

  it('adds only text to the page and removes everything it added', () => {
    const badges = createUnreadBadges((n) => `${n}`);
    const items = list(['<img src=x onerror=alert(1)>']);
    badges.render(new Map([['<img src=x onerror=alert(1)>', 1]]), items, null);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    badges.remove();
    expect(document.querySelectorAll('undertone-unread')).toHaveLength(0);
  });
});
