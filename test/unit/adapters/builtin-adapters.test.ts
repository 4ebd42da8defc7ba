// @vitest-environment happy-dom
// The built-in Chatwoot and Zendesk Agent Workspace adapters read fixtures shaped after those products' markup.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../../lib/adapters/builtin/index.ts';
import { createAdapterEngine, findAdapter, inspectPage, type AdapterEngine } from '../../../lib/adapters/engine/index.ts';
import type { AdapterConfig } from '../../../lib/adapters/format/index.ts';

const fixture = (name: string) => readFileSync(resolve('test/fixtures/adapters', name), 'utf8');
let engine: AdapterEngine | null = null;

/** The same adapter, matching this test page's origin (the engine checks the URL; inspectPage does not). */
const onTestOrigin = (adapter: AdapterConfig): AdapterConfig => ({ ...adapter, match: { ...adapter.match, urls: ['http://localhost/*'] } });

afterEach(() => {
  engine?.stop();
  engine = null;
  document.body.replaceChildren();
});

describe('Chatwoot adapter', () => {
  const url = 'https://app.chatwoot.com/app/accounts/7/inbox/3/conversations/512';

  it('is chosen for a Chatwoot conversation URL', () => {
    expect(findAdapter(builtinAdapters, url)?.id).toBe('chatwoot');
  });

  it('reads the open conversation, authors by bubble variant, plain text without quotes or times', () => {
    const adapter = findAdapter(builtinAdapters, url)!;
    history.replaceState(null, '', '/app/accounts/7/inbox/3/conversations/512');
    document.body.innerHTML = fixture('chatwoot-conversation.html');
    const now = new Date(2026, 10, 21, 12, 0).getTime();
    const found = inspectPage(adapter, document, now);
    expect(found.missing).toEqual([]);
    expect(found.active).toEqual({ key: '512', customer: 'Jordan Lee' });
    expect(found.messages?.map((message) => [message.id, message.author, message.text])).toEqual([
      ['101', 'system', 'Conversation was assigned to Alice by Bot'],
      ['102', 'customer', 'My parcel never arrived.\nOrder 5521.'],
      ['103', 'agent', 'Sorry about that, checking now.'],
      ['104', 'system', 'Customer is a VIP, be nice'],
    ]);
    expect(found.messages?.[1]?.at).toBe(new Date(2026, 10, 21, 9, 5).getTime());
    expect(found.replyBox).toBe(true);
    expect(found.mounts.whisperThread).toBe(true);
  });

  it('puts a reply into the ProseMirror editor without pressing send', () => {
    const adapter = findAdapter(builtinAdapters, url)!;
    history.replaceState(null, '', '/app/accounts/7/conversations/512');
    document.body.innerHTML = fixture('chatwoot-conversation.html');
    let sent = 0;
    document.querySelector('.send-button')!.addEventListener('click', () => (sent += 1));
    engine = createAdapterEngine({ adapters: [onTestOrigin(adapter)] });
    expect(engine.status().state).toBe('recognised');
    expect(engine.insertReply('Checking with the courier.')).toMatchObject({ ok: true });
    expect(document.querySelector('.ProseMirror')!.textContent).toBe('Checking with the courier.');
    expect(sent).toBe(0);
  });
});

describe('Zendesk Agent Workspace adapter', () => {
  const url = 'https://acme.zendesk.com/agent/tickets/42';

  it('reads only the active ticket of several kept in the page', () => {
    const adapter = findAdapter(builtinAdapters, url)!;
    expect(adapter.id).toBe('zendesk-agent-workspace');
    history.replaceState(null, '', '/agent/tickets/42');
    document.body.innerHTML = fixture('zendesk-ticket.html');
    const found = inspectPage(adapter, document);
    expect(found.missing).toEqual([]);
    expect(found.active).toEqual({ key: '42', customer: 'Priya Natarajan' });
    expect(found.messages?.map((message) => [message.author, message.text, message.pageId])).toEqual([
      ['customer', 'I was charged twice this month.', false],
      ['agent', 'Let me look at your invoices.', false],
      ['customer', 'Thanks', false],
    ]);
  });

  it('inserts into the active ticket editor only', () => {
    const adapter = findAdapter(builtinAdapters, url)!;
    history.replaceState(null, '', '/agent/tickets/42');
    document.body.innerHTML = fixture('zendesk-ticket.html');
    engine = createAdapterEngine({ adapters: [onTestOrigin(adapter)] });
    expect(engine.insertReply('We will refund the second charge.')).toMatchObject({ ok: true });
    const editors = [...document.querySelectorAll('[data-test-id="omnicomposer-rich-text-ckeditor"]')];
    expect(editors.map((editor) => editor.textContent)).toEqual(['', 'We will refund the second charge.']);
  });

  it('follows a tab switch to another ticket as a new snapshot', () => {
    const adapter = findAdapter(builtinAdapters, url)!;
    history.replaceState(null, '', '/agent/tickets/42');
    document.body.innerHTML = fixture('zendesk-ticket.html');
    const keys: string[] = [];
    engine = createAdapterEngine({ adapters: [onTestOrigin(adapter)], onTranscript: (update) => keys.push(`${update.conversationKey}:${update.snapshot}`) });
    history.pushState(null, '', '/agent/tickets/41');
    document.querySelector('[data-test-id="ticket-42"]')!.setAttribute('data-is-active', 'false');
    document.querySelector('[data-test-id="ticket-41"]')!.setAttribute('data-is-active', 'true');
    engine.flush();
    expect(keys).toEqual(['42:true', '41:true']);
    expect(engine.transcript()).toMatchObject({ conversationKey: '41', messages: [expect.objectContaining({ text: 'An older ticket' })] });
  });
});
