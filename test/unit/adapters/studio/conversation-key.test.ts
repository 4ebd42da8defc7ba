// @vitest-environment happy-dom
// The open conversation's key: from the address's path, query or #fragment, or from an attribute, matched with the list.
import { afterEach, describe, expect, it } from 'vitest';
import { proposeConversationKey } from '../../../../lib/adapters/studio/index.ts';
import { readValue } from '../../../../lib/adapters/engine/read-value.ts';

afterEach(() => document.body.replaceChildren());

function page(html: string) {
  document.body.innerHTML = html;
  return { chat: document.querySelector('.chat')!, item: document.querySelector('.item') };
}

describe('proposeConversationKey', () => {
  it('reads the key from the path and the list item from its href', () => {
    const { chat, item } = page(`<nav><a class="item" href="/agent/chats/9001">Jo</a><a href="/agent/chats/9002">Pri</a></nav><main class="chat"></main>`);
    const key = proposeConversationKey('https://desk.example/agent/chats/9001?tab=2', chat, item)!;
    expect(key).toMatchObject({ source: 'path', value: '9001', key: { from: 'url', pattern: '/chats/([^/?#]+)' }, listKey: { attribute: 'href', pattern: '/chats/([^/?#&]+)' } });
    expect(readValue(key.listKey!, document.querySelectorAll('nav a')[1]!, document)).toBe('9002');
  });

  it('reads the key from the query', () => {
    const { chat, item } = page(`<ul><li class="item" data-ticket="T-88">Jo</li></ul><main class="chat"></main>`);
    const key = proposeConversationKey('https://desk.example/inbox?view=all&ticket=T-88', chat, item)!;
    expect(key).toMatchObject({ source: 'query', value: 'T-88', key: { from: 'url', pattern: '[?&]ticket=([^&#]+)' }, listKey: { attribute: 'data-ticket' } });
  });

  it('reads the key from the #fragment only the page keeps it in', () => {
    const { chat, item } = page(`<ul><li class="item"><a href="#/chats/q7Rt2">Ana</a></li></ul><main class="chat"></main>`);
    const key = proposeConversationKey('https://chat.example/app/#/chats/q7Rt2', chat, item)!;
    expect(key.source).toBe('fragment');
    expect(key.key).toEqual({ from: 'url', pattern: '#.*?/chats/([^/?&#]+)' });
    expect(new RegExp(key.key.pattern!).exec('https://chat.example/app/#/chats/zz9')?.[1]).toBe('zz9');
    expect(key.listKey).toEqual({ selector: 'a', attribute: 'href', pattern: '/chats/([^/?#&]+)' });
    expect(key.chatUrl).toBe(key.key.pattern);
  });

  it('reads the key from an attribute when the address does not carry it', () => {
    const { chat, item } = page(`<ul><li class="item" data-conv-id="c-1042">Jo</li></ul><main class="chat" data-chat-id="c-1042"></main>`);
    const key = proposeConversationKey('https://desk.example/inbox', chat, item)!;
    expect(key).toMatchObject({ source: 'attribute', value: 'c-1042', key: { selector: '.chat', attribute: 'data-chat-id' }, listKey: { attribute: 'data-conv-id' }, chatUrl: null });
  });

  it('without a list, takes the last id-like part of the address', () => {
    const { chat } = page(`<main class="chat"></main>`);
    expect(proposeConversationKey('https://desk.example/t/5521/messages', chat, null)).toMatchObject({ value: '5521', key: { pattern: '/t/([^/?#]+)' } });
  });

  it('returns null when no id is anywhere', () => {
    const { chat } = page(`<main class="chat"></main>`);
    expect(proposeConversationKey('https://desk.example/inbox', chat, null)).toBeNull();
  });
});
