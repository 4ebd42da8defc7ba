// @vitest-environment happy-dom
// Reading fixtures through the demo adapter: what inspectPage finds, broken markup, and hostile script-bearing text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../../lib/adapters/builtin/index.ts';
import { inspectPage } from '../../../lib/adapters/engine/index.ts';

const fixture = (name: string) => readFileSync(resolve('test/fixtures/adapters', name), 'utf8');
const adapter = builtinAdapters.find((candidate) => candidate.id === 'northwind-demo')!;

afterEach(() => {
  document.body.replaceChildren();
  delete (window as { __undertonePwned?: unknown }).__undertonePwned;
});

describe('inspectPage on the demo helpdesk markup', () => {
  it('finds the agent, the conversations, the active chat, its messages and the reply box', () => {
    history.replaceState(null, '', '/desk/conversations/c-1042');
    document.body.innerHTML = fixture('northwind-chat.html');
    const found = inspectPage(adapter, document, Date.parse('2026-11-21T10:00:00Z'));
    expect(found.missing).toEqual([]);
    expect(found.agentName).toBe('Alice Martin');
    expect(found.conversations).toEqual([
      { key: 'c-1042', customer: 'Jordan Lee', active: true },
      { key: 'c-1043', customer: 'Priya Natarajan', active: false },
    ]);
    expect(found.active).toEqual({ key: 'c-1042', customer: 'Jordan Lee' });
    expect(found.counts).toEqual({ customer: 2, agent: 1, system: 1 });
    expect(found.messages).toEqual([
      { id: 'm-1', pageId: true, author: 'system', text: 'Chat assigned to Alice Martin', at: Date.parse('2026-11-21T09:00:00Z') },
      { id: 'm-2', pageId: true, author: 'customer', text: 'Hi, my order #5521 never arrived.', at: Date.parse('2026-11-21T09:00:20Z') },
      { id: 'm-3', pageId: true, author: 'agent', text: 'Sorry to hear that!\nLet me check.', at: Date.parse('2026-11-21T09:01:00Z') },
      { id: 'm-4', pageId: true, author: 'customer', text: 'Still waiting… this is ridiculous', at: Date.parse('2026-11-21T09:05:00Z') },
    ]);
    expect(found.replyBox).toBe(true);
    expect(found.mounts).toEqual({ whisperThread: true, supervisorPanel: true });
  });

  it('lists what is missing on markup it does not know, without throwing', () => {
    history.replaceState(null, '', '/desk');
    document.body.innerHTML = fixture('northwind-broken.html');
    const found = inspectPage(adapter, document);
    expect(found.chatView).toBe(true);
    expect(found.messages).toBeNull();
    expect(found.active).toBeNull();
    expect(found.missing).toEqual(['transcript container ".hd-chat__log"', 'active conversation key']);
    expect(found.replyBox).toBe(false);
    expect(found.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^reply box/), 'agent name not found']));
  });

  it('says when the URL is not a chat view', () => {
    history.replaceState(null, '', '/settings');
    document.body.innerHTML = fixture('northwind-chat.html');
    const found = inspectPage(adapter, document);
    expect(found.chatUrl).toBe(false);
    expect(found.missing[0]).toMatch(/chat view URL/);
  });

  it('reads hostile messages as plain text and executes nothing', async () => {
    history.replaceState(null, '', '/desk');
    document.body.innerHTML = fixture('northwind-hostile.html');
    const found = inspectPage(adapter, document);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(found.active).toEqual({ key: 'c-666', customer: '<img src=x onerror="window.__undertonePwned=1">Mallory' });
    expect(found.messages?.map((message) => message.text)).toEqual([
      '<script>window.__undertonePwned=1</script> hello',
      'look here[image]',
      'click & "quotes"',
    ]);
    expect((window as { __undertonePwned?: unknown }).__undertonePwned).toBeUndefined();
    // Reading created no elements: the only scripts are the fixture's own inert ones.
    expect(document.querySelectorAll('script')).toHaveLength(1);
  });

  it('derives stable ids when the page has none, numbering identical messages', () => {
    history.replaceState(null, '', '/desk');
    document.body.innerHTML = fixture('northwind-chat.html');
    for (const element of document.querySelectorAll('.hd-msg')) element.removeAttribute('data-msg-id');
    const copy = document.querySelector('[class~="hd-msg--customer"]')!.cloneNode(true);
    document.querySelector('.hd-chat__log')!.append(copy);
    const first = inspectPage(adapter, document).messages!;
    const second = inspectPage(adapter, document).messages!;
    expect(first.map((message) => message.id)).toEqual(second.map((message) => message.id));
    expect(first.every((message) => message.id.startsWith('d:') && !message.pageId)).toBe(true);
    expect(first[4]!.id).toBe(`${first[1]!.id}#2`);
  });
});
