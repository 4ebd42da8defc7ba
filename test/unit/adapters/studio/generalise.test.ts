// @vitest-environment happy-dom
// From one clicked message (or list item) to all of them: the repeated element, its selector, count and container.
import { afterEach, describe, expect, it } from 'vitest';
import { generaliseRepeated } from '../../../../lib/adapters/studio/index.ts';
import { $, loadPage } from './fixture-pages.ts';

afterEach(() => document.body.replaceChildren());

describe('generaliseRepeated', () => {
  it('goes from a clicked word to every message of the demo helpdesk, with their container', () => {
    loadPage('adapters/northwind-chat.html', '/desk/conversations/c-1042');
    const found = generaliseRepeated([$('.hd-msg--customer .hd-msg__body b'), $('.hd-msg--agent p')], $('.hd-chat'))!;
    expect(found.selector).toBe('[data-msg-id]');
    expect(found.elements).toEqual([...document.querySelectorAll('.hd-msg')]);
    expect(found.examples).toEqual([$('.hd-msg--customer'), $('.hd-msg--agent')]);
    expect(found.container).toBe($('.hd-chat__log'));
    expect(found.containerSelector.selector).toBe('[role="log"]');
  });

  it('picks the message, not its paragraphs nor the day it belongs to', () => {
    document.body.innerHTML = `<section class="chat"><ol class="log">
      <li class="day"><article class="entry" data-author="customer"><p>a</p><p>b</p></article><article class="entry" data-author="agent"><p>c</p></article></li>
      <li class="day"><article class="entry" data-author="customer"><p>d</p></article></li></ol></section>`;
    const found = generaliseRepeated([document.querySelectorAll('p')[1]!, document.querySelectorAll('p')[2]!], $('.chat'))!;
    expect(found.elements).toEqual([...document.querySelectorAll('article')]);
    expect(found.elements).toHaveLength(3);
    expect(found.container).toBe($('.log'));
  });

  it('uses data attributes over generated classes on a React-style page', () => {
    loadPage('studio/parcelly-react.html', '/parcelly/inbox/conv/8f3a2c91');
    const found = generaliseRepeated([$('[data-sender=visitor] p'), $('[data-sender=operator] p')], $('section'))!;
    expect(found.selector).toBe('[data-sender]');
    expect(found.kind).toBe('data-attribute');
    expect(found.elements).toHaveLength(4);
  });

  it('generalises one clicked conversation to the whole list', () => {
    loadPage('studio/tidewater-fragment.html', '/tidewater/#/chats/q7Rt2');
    const found = generaliseRepeated([$('.thread-list__name')], $('.thread-list'))!;
    expect(found.selector).toBe('.thread-list__row');
    expect(found.elements).toHaveLength(2);
  });

  it('falls back to the structure when messages share no name, and marks it fragile', () => {
    loadPage('studio/tidewater-fragment.html', '/tidewater/#/chats/q7Rt2');
    const found = generaliseRepeated([$('.bubble--in .bubble__text'), $('.bubble--out'), $('.notice')], $('.conversation'))!;
    expect(found.kind).toBe('position');
    expect(found.selector).toBe('.stream > div');
    expect(found.elements).toHaveLength(4);
  });

  it('returns null for examples outside the scope', () => {
    document.body.innerHTML = `<div class="a"><p>x</p></div><div class="b"><p>y</p></div>`;
    expect(generaliseRepeated([$('.b p')], $('.a'))).toBeNull();
  });
});
