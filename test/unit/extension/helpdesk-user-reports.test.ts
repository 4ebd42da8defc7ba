// A helpdesk tab signed in as someone else than the Undertone user: the background publishes none of its chats or
// transcripts and tells the tab who is who; the same person under an admin-given helpdesk name is published.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestRouter, type MessageSender, type RequestRouterParts } from '../../../lib/extension/background/request-router.ts';
import type { TabContext } from '../../../lib/extension/messages.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const BASE = `chrome-extension://${ID}/`;
const TAB = { id: ID, url: 'http://127.0.0.1:8790/desk?agent=alice', origin: 'http://127.0.0.1:8790', tab: { id: 7 }, frameId: 0 } as MessageSender;
const maria = { id: 'usr_maria', name: 'Maria Garcia', role: 'agent', orgId: 'org_a', orgName: 'Acme', teams: [], helpdeskNames: ['mgarcia'] };

function memoryArea(data: Record<string, unknown> = {}) {
  return {
    get: async (key?: string) => (key === undefined ? { ...data } : key in data ? { [key]: data[key] } : {}),
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    remove: async (key: string) => void delete data[key],
  };
}

const chat = { key: 'c1', customer: 'Jordan Lee', startedAt: 1, lastCustomerAt: null, waitingSince: null, active: true };
const report = (agentName: string | null) => ({
  type: 'page_report',
  url: TAB.url,
  state: 'recognised',
  conversationKey: 'c1',
  conversations: [chat],
  agentName,
  transcripts: [{ conversationKey: 'c1', snapshot: true, messages: [{ id: 'm1', op: 'add', author: 'customer', text: 'Hi', at: 1 }] }],
});

let agentChats: Record<string, ReturnType<typeof vi.fn>>;
let customerSends: Record<string, ReturnType<typeof vi.fn>>;
let router: RequestRouter;

beforeEach(() => {
  (globalThis as unknown as { browser: unknown }).browser = {
    runtime: { id: ID, getURL: (path: string) => `${BASE}${path.replace(/^\//, '')}` },
    storage: { local: memoryArea({ auth: { relayUrl: 'http://127.0.0.1:1', tokenId: 'tok_1', user: maria } }), session: memoryArea(), managed: { get: async () => ({}) } },
  };
  agentChats = { updateTab: vi.fn(), forgetTab: vi.fn(), transcript: vi.fn(), listenersOf: vi.fn(() => []) };
  customerSends = { tabCanSend: vi.fn(), offer: vi.fn(async () => undefined) };
  const sites = { activeSites: ['http://127.0.0.1:8790/*'], settings: { helpdeskSites: [], listenInAllowed: true, waitAlertSeconds: 120, theme: 'auto' }, sync: vi.fn() };
  router = new RequestRouter({
    db: new Promise(() => {}),
    link: { reconnectNow: vi.fn(), relayUser: null } as unknown as RequestRouterParts['link'],
    sites: sites as unknown as RequestRouterParts['sites'],
    agentChats: agentChats as unknown as RequestRouterParts['agentChats'],
    guests: {} as RequestRouterParts['guests'],
    customerSends: customerSends as unknown as RequestRouterParts['customerSends'],
    publish: async () => undefined,
    ready: Promise.resolve(),
    log: () => {},
  });
});

afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

describe('page reports from a helpdesk signed in as someone else', () => {
  it('publishes nothing of that tab and tells it who is who', async () => {
    const answer = (await router.receive(report('Sam Lee'), TAB)) as TabContext;
    expect(answer.otherHelpdeskUser).toEqual({ helpdeskName: 'Sam Lee', undertoneName: 'Maria Garcia' });
    expect(answer.user?.id).toBe('usr_maria');
    expect(agentChats.updateTab).not.toHaveBeenCalled();
    expect(agentChats.transcript).not.toHaveBeenCalled();
    expect(agentChats.forgetTab).toHaveBeenCalledWith(7);
    // Nothing is sent to customers through a helpdesk signed in as someone else.
    expect(customerSends.tabCanSend).toHaveBeenCalledWith(7, null);
    expect(customerSends.offer).not.toHaveBeenCalled();
  });

  it('publishes the chats of a page signed in as the user, by name or by a helpdesk name, and of adapters that read no name', async () => {
    for (const name of ['maria  GARCÍA', 'MGarcia', null]) {
      const answer = (await router.receive(report(name), TAB)) as TabContext;
      expect(answer.otherHelpdeskUser).toBeUndefined();
    }
    expect(agentChats.updateTab).toHaveBeenCalledTimes(3);
    expect(agentChats.updateTab).toHaveBeenLastCalledWith(7, [chat]);
    expect(agentChats.transcript).toHaveBeenCalledTimes(3);
    expect(agentChats.forgetTab).not.toHaveBeenCalled();
  });

  it('publishes nothing while nobody is signed in', async () => {
    await (globalThis as unknown as { browser: { storage: { local: { remove(key: string): Promise<void> } } } }).browser.storage.local.remove('auth');
    const answer = (await router.receive(report('Maria Garcia'), TAB)) as TabContext;
    expect(answer.user).toBeNull();
    expect(agentChats.updateTab).not.toHaveBeenCalled();
    expect(agentChats.transcript).not.toHaveBeenCalled();
  });
});
