// The background's message boundary with crafted senders: each privileged request is refused from a content script
// and from another extension, malformed requests are refused, and a refusal does nothing but answer and log.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestRouter, type MessageSender, type RequestRouterParts } from '../../../lib/extension/background/request-router.ts';
import { classifySender } from '../../../lib/extension/background/sender-check.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const SITE = 'http://127.0.0.1:8790/*';
const OPTIONS_PAGE = { id: ID, url: `${BASE}options.html`, origin: `chrome-extension://${ID}` };
const POPUP = { id: ID, url: `${BASE}popup.html` };
const HELPDESK_TAB = { id: ID, url: 'http://127.0.0.1:8790/desk?agent=alice', origin: 'http://127.0.0.1:8790', tab: { id: 7 }, frameId: 0 };
const OTHER_PORT_TAB = { ...HELPDESK_TAB, url: 'http://127.0.0.1:9999/desk', origin: 'http://127.0.0.1:9999' };
const OTHER_SITE_TAB = { ...HELPDESK_TAB, url: 'https://evil.test/', origin: 'https://evil.test' };
const FOREIGN_EXTENSION = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/page.html' };

const PRIVILEGED = [
  { type: 'sign_in', relayUrl: 'https://relay.evil.test', code: 'ABCD-EFGH' },
  { type: 'sign_out' },
  { type: 'get_state' },
  { type: 'sites_changed' },
] as const;

/** A storage area kept in memory. */
function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    get: async (key?: string) => (key === undefined ? { ...data } : key in data ? { [key]: data[key] } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    remove: async (key: string) => void delete data[key],
  };
}

let link: Record<string, ReturnType<typeof vi.fn>>;
let logged: string[];
let guests: Record<string, ReturnType<typeof vi.fn>>;
let customerSends: Record<string, ReturnType<typeof vi.fn>>;
let router: RequestRouter;

beforeEach(() => {
  (globalThis as unknown as { browser: unknown }).browser = {
    runtime: { id: ID, getURL: (path: string) => `${BASE}${path.replace(/^\//, '')}` },
    storage: { local: memoryArea(), session: memoryArea(), managed: { get: async () => ({}) } },
  };
  link = {
    signIn: vi.fn(async () => ({ ok: true })),
    signOut: vi.fn(async () => undefined),
    reconnectNow: vi.fn(),
    queue: vi.fn(async () => ({ ok: true })),
    thread: vi.fn(async () => ({ messages: [], listeners: [] })),
  };
  logged = [];
  guests = { grants: vi.fn(async () => []), guestsOf: vi.fn(() => []), markOpened: vi.fn(async () => undefined), search: vi.fn(async () => ({ ok: true, users: [] })) };
  customerSends = {
    claim: vi.fn(async () => ({ act: false })),
    advance: vi.fn(async () => true),
    finishFromTab: vi.fn(async () => undefined),
    setConsent: vi.fn(async () => undefined),
    modeNotice: vi.fn(() => ({ type: 'customer_send_mode', conversationKey: 'c-1', mode: 'ask', policy: 'ask', consented: false })),
    tabCanSend: vi.fn(),
    offer: vi.fn(async () => undefined),
  };
  const sites = { activeSites: [SITE], settings: { helpdeskSites: [], listenInAllowed: true, waitAlertSeconds: 120, theme: 'auto' }, sync: vi.fn(async () => undefined) };
  router = new RequestRouter({
    db: new Promise(() => {}),
    link: link as unknown as RequestRouterParts['link'],
    sites: sites as unknown as RequestRouterParts['sites'],
    agentChats: { updateTab: vi.fn(), forgetTab: vi.fn(), transcript: vi.fn(), listenersOf: () => [] } as unknown as RequestRouterParts['agentChats'],
    guests: guests as unknown as RequestRouterParts['guests'],
    customerSends: customerSends as unknown as RequestRouterParts['customerSends'],
    publish: async () => undefined,
    ready: Promise.resolve(),
    log: (line) => logged.push(line),
  });
});

afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

/** Asks the router as a crafted sender (only the fields the browser reports that the check reads). */
const ask = (message: unknown, sender: object) => router.receive(message, sender as MessageSender);

const nothingDone = () => Object.values(link).forEach((fn) => expect(fn).not.toHaveBeenCalled());

describe('the background message boundary', () => {
  it.each(PRIVILEGED)('refuses $type from a content script and from another extension', async (request) => {
    for (const sender of [HELPDESK_TAB, FOREIGN_EXTENSION]) {
      const answer = await ask(request, sender);
      expect(answer).toMatchObject({ ok: false, refused: 'forbidden' });
    }
    nothingDone();
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(new RegExp(`${request.type} refused: only extension pages may send it`));
    expect(logged[1]).toMatch(/another extension/);
  });

  it('serves sign-out and sign-in from the extension pages', async () => {
    await ask({ type: 'sign_out' }, POPUP);
    await ask({ type: 'sign_in', relayUrl: 'https://relay.example.com', code: 'ABCD' }, OPTIONS_PAGE);
    expect(link.signOut).toHaveBeenCalledTimes(1);
    expect(link.signIn).toHaveBeenCalledWith('https://relay.example.com', 'ABCD');
    expect(logged).toEqual([]);
  });

  it('takes page reports only from a tab of an allowed helpdesk site, port included', async () => {
    const report = { type: 'page_report', url: HELPDESK_TAB.url, state: 'idle', conversationKey: null, conversations: [], panel: false, transcripts: [] };
    for (const sender of [OPTIONS_PAGE, OTHER_PORT_TAB, OTHER_SITE_TAB, { ...HELPDESK_TAB, tab: undefined }, FOREIGN_EXTENSION]) {
      expect(await ask(report, sender)).toMatchObject({ ok: false, refused: 'forbidden' });
    }
    expect(link.reconnectNow).not.toHaveBeenCalled();
    expect(logged).toHaveLength(5);
    await ask(report, HELPDESK_TAB);
    expect(link.reconnectNow).toHaveBeenCalledTimes(1);
  });

  it('refuses malformed requests with the reason, whoever sends them', async () => {
    const bad = [
      null,
      'sign_out',
      { type: 'format_disk' },
      { type: 'sign_in', relayUrl: 42, code: 'x' },
      { type: 'queue', frame: { type: 'hello', v: 1, token: 'x' } },
      { type: 'send_live', frame: { type: 'whisper', msgId: 'm-12345678', agentId: 'a', conversationKey: 'c', kind: 'whisper', text: 'hi' } },
      // Adapter health in a page report names parts and the adapter, never page text.
      { type: 'page_report', url: 'http://127.0.0.1/x', state: 'not_recognised', adapterId: 'parcelly', missingParts: ['Kim Sato'], conversationKey: null, conversations: [], transcripts: [] },
      { type: 'page_report', url: 'http://127.0.0.1/x', state: 'not_recognised', adapterId: 'Where is my parcel?', missingParts: [], conversationKey: null, conversations: [], transcripts: [] },
    ];
    for (const message of bad) expect(await ask(message, OPTIONS_PAGE)).toMatchObject({ ok: false, refused: 'invalid_request' });
    nothingDone();
    expect(logged).toHaveLength(bad.length);
    expect(logged[3]).toMatch(/sign_in is not valid: relayUrl/);
    expect(logged[6]).toMatch(/page_report is not valid: missingParts\.0/);
    expect(logged[7]).toMatch(/page_report is not valid: adapterId/);
  });

  it('lets a helpdesk tab search colleagues and read its chat\'s guests, but only extension pages read one\'s own grants', async () => {
    await ask({ type: 'directory_search', query: 'accounts' }, HELPDESK_TAB);
    expect(guests.search).toHaveBeenCalledWith('accounts', expect.any(Function));
    await ask({ type: 'chat_guests', conversationKey: 'c-1' }, HELPDESK_TAB);
    expect(guests.guestsOf).toHaveBeenCalledWith('c-1');
    for (const request of [{ type: 'guest_grants' }, { type: 'guest_opened', grantId: 'gr_1' }]) {
      expect(await ask(request, HELPDESK_TAB)).toMatchObject({ ok: false, refused: 'forbidden' });
    }
    expect(guests.grants).not.toHaveBeenCalled();
    expect(guests.markOpened).not.toHaveBeenCalled();
    await ask({ type: 'guest_grants' }, POPUP);
    expect(guests.grants).toHaveBeenCalledTimes(1);
    expect(await ask({ type: 'directory_search', query: '   ' }, HELPDESK_TAB)).toMatchObject({ ok: false, refused: 'invalid_request' });
  });

  it('takes the send-to-customer steps and consent only from a helpdesk tab, naming that tab', async () => {
    const requests = [
      { type: 'customer_send_claim', messageId: 'msg_1', conversationKey: 'c-1', canSend: true, seenIds: [] },
      { type: 'customer_send_step', messageId: 'msg_1', stage: 'pressing' },
      { type: 'customer_send_finish', messageId: 'msg_1', outcome: 'not_sent', reason: 'agent_typing' },
      { type: 'customer_send_consent', conversationKey: 'c-1', allowed: true },
      { type: 'customer_send_mode', conversationKey: 'c-1' },
    ];
    for (const request of requests) {
      for (const sender of [OPTIONS_PAGE, POPUP, OTHER_SITE_TAB, OTHER_PORT_TAB, FOREIGN_EXTENSION]) {
        expect(await ask(request, sender)).toMatchObject({ ok: false, refused: 'forbidden' });
      }
    }
    Object.values(customerSends).forEach((fn) => expect(fn).not.toHaveBeenCalled());
    for (const request of requests) await ask(request, HELPDESK_TAB);
    expect(customerSends.claim).toHaveBeenCalledWith(7, expect.objectContaining({ messageId: 'msg_1', canSend: true }));
    expect(customerSends.advance).toHaveBeenCalledWith(7, 'msg_1', 'pressing');
    expect(customerSends.finishFromTab).toHaveBeenCalledWith(7, 'msg_1', 'not_sent', 'agent_typing');
    expect(customerSends.setConsent).toHaveBeenCalledWith('c-1', true);
    expect(customerSends.modeNotice).toHaveBeenCalledTimes(2);
  });

  it('refuses malformed send-to-customer requests: unknown reasons and stages, a step back to claimed', async () => {
    const bad = [
      { type: 'customer_send_finish', messageId: 'msg_1', outcome: 'sent_twice' },
      { type: 'customer_send_finish', messageId: 'msg_1', outcome: 'not_sent', reason: 'felt_like_it' },
      { type: 'customer_send_step', messageId: 'msg_1', stage: 'claimed' },
      { type: 'customer_send_claim', messageId: 'msg 1', conversationKey: 'c-1', canSend: true, seenIds: [] },
      { type: 'customer_send_consent', conversationKey: 'c-1', allowed: 'yes' },
    ];
    for (const request of bad) expect(await ask(request, HELPDESK_TAB)).toMatchObject({ ok: false, refused: 'invalid_request' });
    Object.values(customerSends).forEach((fn) => expect(fn).not.toHaveBeenCalled());
  });

  it('opens a chat only for the extension pages, and records where a helpdesk tab shows a chat', async () => {
    const update = vi.fn(async (tabId: number) => ({ id: tabId, windowId: 3 }));
    const focus = vi.fn(async () => ({}));
    Object.assign((globalThis as unknown as { browser: object }).browser, { tabs: { update, create: vi.fn() }, windows: { update: focus } });
    // A signed-in agent: only their own page's chats are recorded.
    const user = { id: 'usr_ada', name: 'Ada Agent', role: 'agent' };
    const scope = globalThis as unknown as { browser: { storage: { local: { set(items: object): Promise<void> } } } };
    await scope.browser.storage.local.set({ auth: { relayUrl: 'https://relay.example.com', tokenId: 'tok_1', user } });
    const report = {
      type: 'page_report',
      url: HELPDESK_TAB.url,
      state: 'recognised',
      conversationKey: 'c-7',
      conversations: [{ key: 'c-7', customer: 'Dana Smith', startedAt: 1, lastCustomerAt: null, waitingSince: null, active: true }],
      transcripts: [],
    };
    await ask(report, HELPDESK_TAB);
    expect(await ask({ type: 'open_chat', conversationKey: 'c-7' }, HELPDESK_TAB)).toMatchObject({ ok: false, refused: 'forbidden' });
    expect(update).not.toHaveBeenCalled();
    expect(await ask({ type: 'open_chat', conversationKey: 'c-7' }, POPUP)).toEqual({ ok: true, how: 'focused' });
    expect(update).toHaveBeenCalledWith(7, { active: true });
    expect(focus).toHaveBeenCalledWith(3, { focused: true });
    expect(await ask({ type: 'open_chat', conversationKey: '' }, POPUP)).toMatchObject({ ok: false, refused: 'invalid_request' });
  });

  it('lets both extension pages and helpdesk tabs queue coaching messages', async () => {
    const frame = { type: 'reply', msgId: 'm-12345678', conversationKey: 'c-1', text: 'On it' };
    await ask({ type: 'queue', frame }, HELPDESK_TAB);
    await ask({ type: 'queue', frame }, OPTIONS_PAGE);
    expect(link.queue).toHaveBeenCalledTimes(2);
    expect(await ask({ type: 'queue', frame }, OTHER_SITE_TAB)).toMatchObject({ refused: 'forbidden' });
  });
});

describe('classifySender', () => {
  const context = { extensionId: ID, extensionBase: BASE, helpdeskSites: [SITE] };
  it('reads the sender from what the browser reports, and refuses a mismatched origin', () => {
    expect(classifySender(OPTIONS_PAGE, context)).toEqual({ ok: true, kind: 'extension_page' });
    expect(classifySender(HELPDESK_TAB, context)).toEqual({ ok: true, kind: 'helpdesk_tab' });
    expect(classifySender({ ...HELPDESK_TAB, origin: 'https://evil.test' }, context)).toMatchObject({ ok: false, why: expect.stringMatching(/origin/) });
    expect(classifySender({ ...OPTIONS_PAGE, origin: 'https://evil.test' }, context)).toMatchObject({ ok: false });
    expect(classifySender({ id: ID }, context)).toEqual({ ok: false, why: 'the sender has no URL' });
    expect(classifySender({ ...HELPDESK_TAB, id: undefined }, context)).toMatchObject({ ok: false, why: expect.stringMatching(/another extension/) });
  });
});
