// @vitest-environment happy-dom
// The adapter engine on a framework-like page: incremental events, re-render, chat switching, edit/remove,
// virtualised lists, SPA navigation, the not-recognised state, mounts and observer scope.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtinAdapters } from '../../../lib/adapters/builtin/index.ts';
import type { AdapterConfig } from '../../../lib/adapters/format/index.ts';
import {
  createAdapterEngine,
  type AdapterEngine,
  type AdapterEngineOptions,
  type EngineStatus,
  type TranscriptUpdate,
} from '../../../lib/adapters/engine/index.ts';

interface Message {
  id: string;
  author: 'customer' | 'agent' | 'event';
  text: string;
  deleted?: boolean;
}
interface Desk {
  chat: string;
  customer: string;
  chats: { id: string; name: string }[];
  messages: Message[];
}

const demo = builtinAdapters.find((adapter) => adapter.id === 'northwind-demo')!;
const plainList: AdapterConfig = { ...demo, transcript: { ...demo.transcript, virtualised: false } };

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function messageNode(message: Message): HTMLElement {
  const row = element('div', `hd-msg hd-msg--${message.author}${message.deleted ? ' hd-msg--deleted' : ''}`);
  row.dataset.msgId = message.id;
  row.append(element('div', 'hd-msg__body', message.deleted ? 'This message was deleted' : message.text));
  return row;
}

/** Renders the whole desk from state with fresh nodes, as a framework re-render that replaces nodes would. */
function render(desk: Desk): void {
  const app = element('div', 'hd-app');
  app.dataset.hdApp = 'northwind-desk';
  const user = element('div', 'hd-user');
  user.append(element('span', 'hd-user__name', 'Alice Martin'));
  const list = element('ul', 'hd-inbox__list');
  for (const chat of desk.chats) {
    const item = element('li', `hd-inbox__item${chat.id === desk.chat ? ' is-selected' : ''}`);
    item.dataset.convId = chat.id;
    item.append(element('span', 'hd-inbox__name', chat.name));
    list.append(item);
  }
  const main = element('main', 'hd-chat');
  main.dataset.chatId = desk.chat;
  main.append(element('h2', 'hd-chat__customer', desk.customer));
  const log = element('div', 'hd-chat__log');
  log.append(...desk.messages.map(messageNode));
  const composer = element('div', 'hd-composer');
  const editor = element('div', 'hd-composer__editor');
  editor.contentEditable = 'true';
  composer.append(editor);
  main.append(log, composer);
  const sidebar = element('aside', 'hd-sidebar');
  app.append(user, list, main, sidebar);
  document.body.replaceChildren(app);
}

const log = () => document.querySelector('.hd-chat__log')!;

function baseDesk(): Desk {
  return {
    chat: 'c-1',
    customer: 'Jordan Lee',
    chats: [
      { id: 'c-1', name: 'Jordan Lee' },
      { id: 'c-2', name: 'Priya Natarajan' },
    ],
    messages: [
      { id: 'm-1', author: 'event', text: 'Chat assigned to Alice Martin' },
      { id: 'm-2', author: 'customer', text: 'My order never arrived' },
      { id: 'm-3', author: 'agent', text: 'Let me check' },
    ],
  };
}

let engine: AdapterEngine | null = null;
let clock = 1_000_000;
let statuses: EngineStatus[] = [];
let updates: TranscriptUpdate[] = [];

function start(adapter: AdapterConfig = demo, extra: Partial<AdapterEngineOptions> = {}): AdapterEngine {
  engine = createAdapterEngine({
    adapters: [adapter],
    onStatus: (status) => statuses.push(status),
    onTranscript: (update) => updates.push(update),
    now: () => clock,
    batchMs: 5,
    heartbeatMs: 50,
    graceMs: 1000,
    ...extra,
  });
  return engine;
}

/** The incremental events emitted since the last call. */
function takeEvents() {
  const events = updates.flatMap((update) => (update.snapshot ? [] : update.events));
  updates = [];
  return events;
}

beforeEach(() => {
  history.replaceState(null, '', '/desk/conversations/c-1');
  clock = 1_000_000;
  statuses = [];
  updates = [];
});

afterEach(() => {
  engine?.stop();
  engine = null;
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('adapter engine', () => {
  it('recognises the page and reports a snapshot and the conversations', () => {
    render(baseDesk());
    const conversations: unknown[] = [];
    start(demo, { onConversations: (list) => conversations.push(list) });
    expect(engine!.status()).toEqual({ state: 'recognised', adapterId: 'northwind-demo', adapterName: demo.name, agentName: 'Alice Martin' });
    expect(updates).toEqual([
      {
        conversationKey: 'c-1',
        snapshot: true,
        messages: [
          { id: 'm-1', op: 'add', author: 'system', text: 'Chat assigned to Alice Martin', at: null },
          { id: 'm-2', op: 'add', author: 'customer', text: 'My order never arrived', at: null },
          { id: 'm-3', op: 'add', author: 'agent', text: 'Let me check', at: null },
        ],
      },
    ]);
    expect(engine!.conversations()).toEqual([
      { key: 'c-1', customer: 'Jordan Lee', startedAt: clock, lastCustomerAt: clock, waitingSince: null, active: true },
      { key: 'c-2', customer: 'Priya Natarajan', startedAt: clock, lastCustomerAt: null, waitingSince: null, active: false },
    ]);
    expect(conversations).toHaveLength(1);
  });

  it('delivers a new message incrementally through its own observer, batched', async () => {
    render(baseDesk());
    start();
    updates = [];
    clock += 10_000;
    log().append(messageNode({ id: 'm-4', author: 'customer', text: 'Hello??' }));
    log().append(messageNode({ id: 'm-5', author: 'customer', text: 'Anyone there?' }));
    await vi.waitFor(() => expect(updates).toHaveLength(1), { timeout: 2000, interval: 5 });
    expect(takeEvents()).toEqual([
      { id: 'm-4', op: 'add', author: 'customer', text: 'Hello??', at: null },
      { id: 'm-5', op: 'add', author: 'customer', text: 'Anyone there?', at: null },
    ]);
    expect(engine!.conversations()[0]).toMatchObject({ key: 'c-1', lastCustomerAt: clock, waitingSince: clock });
  });

  it('emits nothing when a framework re-render replaces every node with the same content', () => {
    const desk = baseDesk();
    render(desk);
    start();
    updates = [];
    render(desk);
    engine!.flush();
    render(desk);
    engine!.flush();
    expect(updates).toEqual([]);
    expect(engine!.status().state).toBe('recognised');
    log().append(messageNode({ id: 'm-4', author: 'agent', text: 'Found it' }));
    engine!.flush();
    expect(takeEvents()).toEqual([{ id: 'm-4', op: 'add', author: 'agent', text: 'Found it', at: null }]);
  });

  it('reports edited text, deleted markers and removed messages', () => {
    render(baseDesk());
    start(plainList);
    updates = [];
    log().querySelector('[data-msg-id="m-2"] .hd-msg__body')!.textContent = 'My order #55 never arrived';
    engine!.flush();
    expect(takeEvents()).toEqual([{ id: 'm-2', op: 'edit', author: 'customer', text: 'My order #55 never arrived', at: null }]);

    log().querySelector('[data-msg-id="m-3"]')!.replaceWith(messageNode({ id: 'm-3', author: 'agent', text: '', deleted: true }));
    engine!.flush();
    expect(takeEvents()).toEqual([{ id: 'm-3', op: 'remove', author: 'agent', text: '', at: null }]);

    log().querySelector('[data-msg-id="m-2"]')!.remove();
    engine!.flush();
    expect(takeEvents()).toEqual([{ id: 'm-2', op: 'remove', author: 'customer', text: '', at: null }]);
  });

  it('treats an emptied transcript as a transient re-render, not as removals', () => {
    render(baseDesk());
    start(plainList);
    updates = [];
    log().replaceChildren();
    engine!.flush();
    expect(updates).toEqual([]);
    log().append(...baseDesk().messages.map(messageNode));
    engine!.flush();
    expect(updates).toEqual([]);
  });

  it('keeps messages scrolled out of a virtualised list, but reports one removed from its middle', () => {
    const desk = baseDesk();
    desk.messages.push({ id: 'm-4', author: 'customer', text: 'Four' }, { id: 'm-5', author: 'customer', text: 'Five' });
    render(desk);
    start(demo);
    updates = [];
    // Scrolling down: the top two leave the DOM, a newer one appears.
    log().querySelector('[data-msg-id="m-1"]')!.remove();
    log().querySelector('[data-msg-id="m-2"]')!.remove();
    log().append(messageNode({ id: 'm-6', author: 'agent', text: 'Six' }));
    engine!.flush();
    expect(takeEvents()).toEqual([{ id: 'm-6', op: 'add', author: 'agent', text: 'Six', at: null }]);
    // Scrolling back up brings them back: already known, nothing to report.
    log().prepend(messageNode(desk.messages[0]!), messageNode(desk.messages[1]!));
    engine!.flush();
    expect(updates).toEqual([]);
    // A message vanishing between rendered neighbours was removed.
    log().querySelector('[data-msg-id="m-4"]')!.remove();
    engine!.flush();
    expect(takeEvents()).toEqual([{ id: 'm-4', op: 'remove', author: 'customer', text: '', at: null }]);
    expect(engine!.transcript()).toMatchObject({ conversationKey: 'c-1', snapshot: true });
    const snapshot = engine!.transcript();
    expect(snapshot && snapshot.snapshot ? snapshot.messages.map((message) => message.id) : []).toEqual(['m-1', 'm-2', 'm-3', 'm-5', 'm-6']);
  });

  it('follows a chat switch with a snapshot of the new chat and updates the active flags', () => {
    render(baseDesk());
    start();
    updates = [];
    history.pushState(null, '', '/desk/conversations/c-2');
    render({ ...baseDesk(), chat: 'c-2', customer: 'Priya Natarajan', messages: [{ id: 'p-1', author: 'customer', text: 'Thanks!' }] });
    engine!.flush();
    expect(updates).toEqual([
      { conversationKey: 'c-2', snapshot: true, messages: [{ id: 'p-1', op: 'add', author: 'customer', text: 'Thanks!', at: null }] },
    ]);
    expect(engine!.conversations().map((entry) => [entry.key, entry.active])).toEqual([
      ['c-1', false],
      ['c-2', true],
    ]);
  });

  it('waits after a switch while the old chat is still on screen, then reads the new one', () => {
    render(baseDesk());
    start(demo, { settleMs: 400 });
    updates = [];
    // The header says c-2 but the transcript still shows c-1's message elements.
    document.querySelector<HTMLElement>('.hd-chat')!.dataset.chatId = 'c-2';
    engine!.flush();
    expect(updates).toEqual([]);
    log().replaceChildren(messageNode({ id: 'p-1', author: 'customer', text: 'Thanks!' }));
    engine!.flush();
    expect(updates).toEqual([{ conversationKey: 'c-2', snapshot: true, messages: [expect.objectContaining({ id: 'p-1' })] }]);
  });

  it('stops waiting after the settle time even if the page keeps the same message nodes', () => {
    render(baseDesk());
    start(demo, { settleMs: 400 });
    updates = [];
    document.querySelector<HTMLElement>('.hd-chat')!.dataset.chatId = 'c-2';
    engine!.flush();
    expect(updates).toEqual([]);
    clock += 500;
    engine!.flush();
    expect(updates.map((update) => [update.conversationKey, update.snapshot])).toEqual([['c-2', true]]);
  });

  it('goes idle off the chat view on SPA navigation and snapshots again on return', () => {
    render(baseDesk());
    start({ ...demo, match: { ...demo.match, chatUrl: '/desk/conversations/' } });
    updates = [];
    history.pushState(null, '', '/desk/reports');
    engine!.flush();
    expect(engine!.status()).toEqual({ state: 'idle', adapterId: 'northwind-demo' });
    history.pushState(null, '', '/desk/conversations/c-1');
    engine!.flush();
    expect(engine!.status().state).toBe('recognised');
    expect(updates.map((update) => update.snapshot)).toEqual([true]);
  });

  it('recognises an empty inbox (no conversation open) without a transcript', () => {
    document.body.innerHTML = '<div class="hd-app" data-hd-app="northwind-desk"><ul class="hd-inbox__list"></ul><main class="hd-empty">No open chats</main></div>';
    start();
    expect(engine!.status().state).toBe('recognised');
    expect(engine!.transcript()).toBeNull();
    expect(engine!.conversations()).toEqual([]);
    render(baseDesk());
    engine!.flush();
    expect(updates.map((update) => [update.conversationKey, update.snapshot])).toEqual([['c-1', true]]);
  });

  it('reports inactive where no adapter applies', () => {
    history.replaceState(null, '', '/elsewhere');
    render(baseDesk());
    start();
    expect(engine!.status()).toEqual({ state: 'inactive' });
    expect(updates).toEqual([]);
  });

  it('reports "not recognised" when required parts stay missing past the grace time, and recovers', () => {
    render(baseDesk());
    start();
    log().className = 'chat-log-v2';
    engine!.flush();
    expect(engine!.status()).toEqual({ state: 'searching', adapterId: 'northwind-demo', missing: ['transcript container ".hd-chat__log"'] });
    clock += 1500;
    engine!.flush();
    const status = engine!.status();
    expect(status).toMatchObject({ state: 'not_recognised', missing: ['transcript container ".hd-chat__log"'] });
    expect(status.state === 'not_recognised' && status.reason).toMatch(/^This helpdesk page is not recognised/);
    document.querySelector('.chat-log-v2')!.className = 'hd-chat__log';
    engine!.flush();
    expect(engine!.status().state).toBe('recognised');
    expect(statuses.map((entry) => entry.state)).toEqual(['recognised', 'searching', 'not_recognised', 'recognised']);
  });

  it('reports "not recognised" on markup it never knew once the grace time has passed', async () => {
    document.body.innerHTML = '<div class="hd-app" data-hd-app="northwind-desk"><main class="hd-chat"><div class="log"></div></main></div>';
    start(demo, { graceMs: 30 });
    expect(engine!.status().state).toBe('searching');
    clock += 100;
    await vi.waitFor(() => expect(engine!.status().state).toBe('not_recognised'), { timeout: 2000, interval: 10 });
  });

  it('keeps working when one of its listeners throws', () => {
    render(baseDesk());
    vi.spyOn(console, 'error').mockImplementation(() => {});
    engine = createAdapterEngine({
      adapters: [demo],
      onTranscript: () => {
        throw new Error('listener bug');
      },
      batchMs: 5,
    });
    log().append(messageNode({ id: 'm-4', author: 'customer', text: 'Hi' }));
    engine.flush();
    expect(engine.status().state).toBe('recognised');
    expect(console.error).toHaveBeenCalled();
  });

  it('places mount hosts, re-places them after a re-render, and ignores their own mutations', () => {
    const desk = baseDesk();
    render(desk);
    start();
    const host = document.createElement('undertone-whispers');
    const placedChanges: [string, boolean][] = [];
    engine!.stop();
    start(demo, { onMountChange: (kind, placed) => placedChanges.push([kind, placed]) });
    expect(engine!.mount('whisperThread', host)).toBe(true);
    expect(host.previousElementSibling?.className).toBe('hd-chat__log');
    updates = [];
    render(desk);
    engine!.flush();
    expect(host.isConnected).toBe(true);
    expect(host.nextElementSibling).toBe(document.querySelector('.hd-composer'));
    host.append(document.createElement('div'));
    engine!.flush();
    expect(updates).toEqual([]);
    expect(placedChanges).toEqual([['whisperThread', true]]);
    engine!.unmount('whisperThread');
    expect(host.isConnected).toBe(false);
  });

  it('observes only the chat containers with subtree, never the whole document', () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    render(baseDesk());
    start();
    const subtreeTargets = observe.mock.calls.filter(([, init]) => init?.subtree).map(([target]) => target);
    expect(subtreeTargets.length).toBeGreaterThan(0);
    for (const target of subtreeTargets) {
      expect([document, document.documentElement, document.body]).not.toContain(target);
      expect(target).not.toBe(document.querySelector('.hd-app'));
    }
    expect(subtreeTargets).toContain(log());
  });

  it('inserts a reply into the page editor without sending and reports a missing reply box', () => {
    render(baseDesk());
    start();
    const sent = vi.fn();
    document.querySelector('.hd-composer')!.addEventListener('submit', sent);
    document.addEventListener('keydown', sent);
    expect(engine!.insertReply('We are on it.')).toMatchObject({ ok: true });
    expect(document.querySelector('.hd-composer__editor')!.textContent).toBe('We are on it.');
    expect(sent).not.toHaveBeenCalled();
    expect(takeEvents()).toEqual([]);
    document.querySelector('.hd-composer__editor')!.remove();
    expect(engine!.insertReply('x')).toEqual({ ok: false, reason: 'the reply box was not found on this page' });
    document.removeEventListener('keydown', sent);
  });

  it('stop() disconnects: later page changes produce nothing', async () => {
    render(baseDesk());
    start();
    updates = [];
    engine!.stop();
    // A second engine on the same page is the barrier: its observer and batch timer come after the stopped one's,
    // so once it reports the late message, the stopped engine would have reported it too.
    const seen: TranscriptUpdate[] = [];
    const witness = createAdapterEngine({ adapters: [demo], onTranscript: (update) => seen.push(update), now: () => clock, batchMs: 5, heartbeatMs: 50 });
    try {
      log().append(messageNode({ id: 'm-9', author: 'customer', text: 'late' }));
      await vi.waitFor(() => expect(seen.some((u) => !u.snapshot && u.events.some((e) => e.text === 'late'))).toBe(true));
    } finally {
      witness.stop();
    }
    expect(updates).toEqual([]);
  });
});
