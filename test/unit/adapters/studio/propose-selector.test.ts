// @vitest-environment happy-dom
// Selectors for one clicked element: meaningful names over generated classes, utility classes and positions.
import { afterEach, describe, expect, it } from 'vitest';
import { isHashedName, isMeaningfulClass, isStableId, proposeInside, proposeSelector } from '../../../../lib/adapters/studio/index.ts';

afterEach(() => document.body.replaceChildren());

describe('names on the page', () => {
  it('tells generated and utility class names from meaningful ones', () => {
    for (const name of ['css-1x2y3z', 'sc-11wpqtg-0', 'Message_body__k2Jd8', '_3xYz9', 'jsx-2771854829', 'css-a1s2d3']) expect(isHashedName(name), name).toBe(true);
    for (const name of ['hd-msg--agent', 'bubble__text', 'thread-list__row', 'message', 'col12', 'ChatMessage']) expect(isHashedName(name), name).toBe(false);
    for (const name of ['p-4', 'mt-2', 'flex', 'text-sm', 'md:flex', 'w-[200px]', 'is-selected', 'active']) expect(isMeaningfulClass(name), name).toBe(false);
    expect(isMeaningfulClass('chat-log')).toBe(true);
  });

  it('keeps ids that are per record or generated out', () => {
    expect(isStableId('chat-log')).toBe(true);
    expect(isStableId('msg-123456')).toBe(false);
    expect(isStableId(':r1:')).toBe(false);
    expect(isStableId('9f8e7d6c5b4a')).toBe(false);
  });
});

describe('proposeSelector', () => {
  it('prefers a stable id, then test attributes, then roles and meaningful classes', () => {
    document.body.innerHTML = `
      <div id="inbox"><span class="css-1q2w3e">a</span></div>
      <div class="css-9z8x7c p-4" data-testid="chat-log" role="log"></div>
      <div class="css-4r5t6y mt-2" role="textbox"></div>
      <div class="composer flex"><textarea></textarea></div>`;
    expect(proposeSelector(document.querySelector('#inbox')!)).toEqual({ selector: '#inbox', kind: 'id' });
    expect(proposeSelector(document.querySelector('[role=log]')!)).toEqual({ selector: '[data-testid="chat-log"]', kind: 'test-attribute' });
    expect(proposeSelector(document.querySelector('[role=textbox]')!)).toEqual({ selector: '[role="textbox"]', kind: 'role' });
    expect(proposeSelector(document.querySelector('.composer')!)).toEqual({ selector: '.composer', kind: 'class' });
    expect(proposeSelector(document.querySelector('textarea')!)).toEqual({ selector: 'textarea', kind: 'tag' });
  });

  it('names a unique ancestor when the element has no unique name of its own', () => {
    document.body.innerHTML = `<header class="topbar"><span class="name">Dana</span></header><div><span class="name">Kim</span></div>`;
    const proposal = proposeSelector(document.querySelector('header .name')!);
    expect(proposal).toEqual({ selector: '.topbar .name', kind: 'class' });
    expect(document.querySelectorAll(proposal.selector)).toHaveLength(1);
  });

  it('falls back to a position only when nothing else is unique, and says so', () => {
    document.body.innerHTML = `<div><div><div>one</div><div>two</div></div></div>`;
    const second = document.querySelectorAll('div div div')[1]!;
    const proposal = proposeSelector(second);
    expect(proposal.kind).toBe('position');
    expect(document.querySelector(proposal.selector)).toBe(second);
  });

  it('finds a part inside a message that its peers share', () => {
    document.body.innerHTML = `<div class="m"><p class="body">hi <b>you</b></p><time>10:00</time></div><div class="m"><p class="body">yo</p></div>`;
    const [first, second] = document.querySelectorAll('.m');
    expect(proposeInside(first!.querySelector('p')!, first!, [first!, second!])).toEqual({ selector: '.body', kind: 'class' });
    expect(proposeInside(first!, first!)).toBeNull();
  });
});
