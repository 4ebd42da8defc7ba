// @vitest-environment happy-dom
// An adapter made from clicks on three unlike helpdesk pages is valid and reads each page exactly as a hand-written
// adapter does; missing or indistinguishable parts are reported in words.
import { afterEach, describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../../../lib/adapters/builtin/index.ts';
import { inspectPage } from '../../../../lib/adapters/engine/index.ts';
import { parseAdapterConfig, type AdapterConfig } from '../../../../lib/adapters/format/index.ts';
import { draftAdapter, type StudioPicks } from '../../../../lib/adapters/studio/index.ts';
import { $, loadPage, readJson } from './fixture-pages.ts';

afterEach(() => document.body.replaceChildren());

const NOW = Date.parse('2026-11-21T12:00:00');
const options = () => ({ url: location.href, id: 'made-here', name: 'Made here', whisperPosition: 'before' as const, checkedAgainst: 'the agent chat screen', checkedOn: '2026-11-29' });

/** What a page reading says, without the adapter's id and the supervisor panel's place (the studio leaves it out). */
function reading(adapter: AdapterConfig) {
  const { adapterId: _id, mounts, ...rest } = inspectPage(adapter, document, NOW);
  return { ...rest, whisperThread: mounts.whisperThread };
}

const pages: Array<{ name: string; file: string; path: string; handWritten: () => AdapterConfig; picks: () => StudioPicks }> = [
  {
    name: 'the demo helpdesk',
    file: 'adapters/northwind-chat.html',
    path: '/desk/conversations/c-1042',
    handWritten: () => builtinAdapters.find((adapter) => adapter.id === 'northwind-demo')!,
    picks: () => ({
      chatView: $('.hd-chat'),
      customerMessage: $('.hd-msg--customer .hd-msg__body'),
      agentMessage: $('.hd-msg--agent p'),
      systemMessage: $('.hd-msg--event'),
      replyBox: $('.hd-composer__editor'),
      conversationList: $('.hd-inbox__list'),
      conversationItem: $('.hd-inbox__item .hd-inbox__name'),
      customerName: $('.hd-chat__customer'),
      agentName: $('.hd-user__name'),
      whisperThread: $('.hd-chat__log'),
    }),
  },
  {
    name: 'a React-style page with generated class names and no ids',
    file: 'studio/parcelly-react.html',
    path: '/parcelly/inbox/conv/8f3a2c91',
    handWritten: () => readJson<AdapterConfig>('studio/parcelly-react.adapter.json'),
    picks: () => ({
      chatView: $('section'),
      customerMessage: $('[data-sender=visitor] p'),
      agentMessage: $('[data-sender=operator] p'),
      replyBox: $('textarea'),
      conversationList: $('nav'),
      conversationItem: $('nav a span'),
      customerName: $('h2'),
      agentName: $('header span'),
      whisperThread: $('h2'),
    }),
  },
  {
    name: 'a page keeping the chat id in the #fragment, with an editor of its own',
    file: 'studio/tidewater-fragment.html',
    path: '/tidewater/#/chats/q7Rt2',
    handWritten: () => readJson<AdapterConfig>('studio/tidewater-fragment.adapter.json'),
    picks: () => ({
      chatView: $('.conversation'),
      customerMessage: $('.bubble--in .bubble__text'),
      agentMessage: $('.bubble--out .bubble__text'),
      systemMessage: $('.notice'),
      replyBox: $('.composer__editor'),
      conversationList: $('.thread-list'),
      conversationItem: $('.thread-list__row'),
      customerName: $('.chat-header__title'),
      agentName: $('.account-menu__name'),
      whisperThread: $('.composer'),
    }),
  },
];

describe.each(pages)('the studio on $name', ({ file, path, handWritten, picks }) => {
  it('makes a valid adapter that reads the page as the hand-written one does', () => {
    loadPage(file, path);
    const draft = draftAdapter(document, picks(), options());
    expect(draft.problems).toEqual([]);
    const parsed = parseAdapterConfig(JSON.parse(JSON.stringify(draft.adapter)));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    const made = reading(draft.adapter!);
    expect(made.missing).toEqual([]);
    expect(made.warnings).toEqual([]);
    expect(made).toEqual(reading(handWritten()));
    expect(made.messages!.length).toBeGreaterThan(2);
    expect(new Set(made.messages!.map((m) => m.author))).toEqual(new Set(['customer', 'agent', 'system']));
    expect(draft.adapter!.checked).toEqual({ against: 'the agent chat screen', on: '2026-11-29' });
  });

  it('keeps reading the page after it re-renders every message', () => {
    loadPage(file, path);
    const adapter = draftAdapter(document, picks(), options()).adapter!;
    // Every message node replaced, as frameworks do on a re-render.
    const log = document.querySelector(adapter.transcript.container)!;
    log.replaceChildren(...[...log.children].map((node) => node.cloneNode(true)));
    expect(reading(adapter)).toEqual(reading(handWritten()));
  });
});

describe('what the studio says when it cannot make an adapter', () => {
  it('lists the parts still to click', () => {
    loadPage('studio/tidewater-fragment.html', '/tidewater/#/chats/q7Rt2');
    const draft = draftAdapter(document, { chatView: $('.conversation'), customerMessage: $('.bubble--in') }, options());
    expect(draft.adapter).toBeNull();
    expect(draft.problems).toEqual(['Click an agent message.', 'Click the reply box.', "Click the customer's name.", 'Click where the coaching thread goes.']);
  });

  it('says when customer and agent messages cannot be told apart', () => {
    document.body.innerHTML = `<main class="chat" data-chat-id="c-77"><div class="log"><div class="m">a</div><div class="m">b</div><div class="m">c</div></div><textarea></textarea><h2>Jo</h2></main>`;
    const [first, second] = document.querySelectorAll('.m');
    const draft = draftAdapter(document, { chatView: $('.chat'), customerMessage: first!, agentMessage: second!, replyBox: $('textarea'), customerName: $('h2'), whisperThread: $('textarea') }, options());
    expect(draft.adapter).toBeNull();
    expect(draft.problems).toEqual(['Customer and agent messages look the same to the studio: nothing on the page tells them apart.']);
  });

  it('warns when messages are found only by position', () => {
    loadPage('studio/tidewater-fragment.html', '/tidewater/#/chats/q7Rt2');
    const draft = draftAdapter(document, pages[2]!.picks(), options());
    expect(draft.warnings).toEqual([expect.stringMatching(/^Messages: found by position on the page \(\.stream > div\)/), expect.stringMatching(/carry no id of their own/)]);
  });
});
