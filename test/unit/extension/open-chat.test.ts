// Opening a chat from the popup: the tab showing it comes to the front; without one, its last address opens in a
// new tab if Undertone still runs on that site; otherwise the answer says why, in words.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openChat } from '../../../lib/extension/background/open-chat.ts';
import { noteChatPlace } from '../../../lib/extension/chat-places.ts';
import { reportTab } from '../../../lib/extension/tab-registry.ts';

let update: ReturnType<typeof vi.fn>;
let create: ReturnType<typeof vi.fn>;

beforeEach(() => {
  const data: Record<string, unknown> = {};
  update = vi.fn(async (tabId: number) => ({ id: tabId, windowId: 2 }));
  create = vi.fn(async () => ({ id: 99 }));
  (globalThis as unknown as { browser: unknown }).browser = {
    storage: { session: { get: async (key: string) => ({ [key]: structuredClone(data[key]) }), set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)) } },
    tabs: { update, create },
    windows: { update: vi.fn(async () => ({})) },
  };
});
afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

const SITES = ['http://127.0.0.1:8790/*'];

describe('open chat', () => {
  it('focuses the tab showing the chat', async () => {
    await reportTab(4, { conversationKey: 'c-1', url: 'http://127.0.0.1:8790/desk/c-1' });
    expect(await openChat('c-1', SITES)).toEqual({ ok: true, how: 'focused' });
    expect(update).toHaveBeenCalledWith(4, { active: true });
    expect(create).not.toHaveBeenCalled();
  });

  it('opens the last address of a chat no tab shows, on a site Undertone runs on', async () => {
    update.mockRejectedValue(new Error('No tab with id: 4'));
    await reportTab(4, { conversationKey: 'c-2', url: 'http://127.0.0.1:8790/desk/c-2' });
    await noteChatPlace('c-2', { customer: 'Dana Smith', url: 'http://127.0.0.1:8790/desk/c-2', seenAt: 1 });
    expect(await openChat('c-2', SITES)).toEqual({ ok: true, how: 'opened' });
    expect(create).toHaveBeenCalledWith({ url: 'http://127.0.0.1:8790/desk/c-2', active: true });
  });

  it('says why when the chat has no tab and no known address, or its site is no longer used', async () => {
    expect(await openChat('c-3', SITES)).toEqual({ ok: false, message: expect.stringMatching(/not open in any tab, and this browser has not shown it yet/) as unknown });
    await noteChatPlace('c-4', { customer: 'Eli', url: 'https://old-desk.test/c-4', seenAt: 2 });
    expect(await openChat('c-4', SITES)).toEqual({ ok: false, message: expect.stringMatching(/no longer runs on/) as unknown });
    expect(create).not.toHaveBeenCalled();
  });
});
