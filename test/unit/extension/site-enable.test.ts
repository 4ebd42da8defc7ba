// "Use Undertone on this site": the site is listed, the content script registered, the tab reloaded, or the popup
// is told why not; and the one standing the popup states for a tab's site.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableSiteAndReload, siteStanding } from '../../../lib/extension/site-enable.ts';

let stored: Record<string, unknown>;
let granted: boolean;
let activeAfterSync: string[];
let reload: ReturnType<typeof vi.fn>;

beforeEach(() => {
  stored = {};
  granted = true;
  activeAfterSync = [];
  reload = vi.fn(async () => undefined);
  (globalThis as unknown as { browser: unknown }).browser = {
    permissions: { request: vi.fn(async () => granted) },
    storage: { local: { get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}), set: async (items: Record<string, unknown>) => void Object.assign(stored, items) } },
    runtime: { sendMessage: vi.fn(async (message: { type: string }) => (message.type === 'sites_changed' ? activeAfterSync : undefined)) },
    tabs: { reload },
  };
});
afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

const SITE = 'http://127.0.0.1:8790/*';

describe('use Undertone on this site', () => {
  it('lists the site, and reloads the tab once the content script runs there', async () => {
    activeAfterSync = [SITE];
    expect(await enableSiteAndReload(SITE, 12)).toEqual({ ok: true, reloaded: true });
    expect(stored['settings']).toEqual({ helpdeskSites: [{ match: SITE, adapter: 'auto' }] });
    expect(reload).toHaveBeenCalledWith(12);
  });

  it('says why when access is refused, and neither lists the site nor reloads', async () => {
    granted = false;
    const outcome = await enableSiteAndReload(SITE, 12);
    expect(outcome).toEqual({ ok: false, why: expect.stringMatching(/not granted/) as unknown });
    expect(stored['settings']).toBeUndefined();
    expect(reload).not.toHaveBeenCalled();
  });

  it('does not reload when the browser would not register the site', async () => {
    activeAfterSync = [];
    const outcome = await enableSiteAndReload(SITE, 12);
    expect(outcome.ok).toBe(false);
    expect(reload).not.toHaveBeenCalled();
  });

  it('says the page needs a reload when the browser refuses to reload it', async () => {
    activeAfterSync = [SITE];
    reload.mockRejectedValueOnce(new Error('No tab with id: 12'));
    expect(await enableSiteAndReload(SITE, 12)).toEqual({ ok: true, reloaded: false, why: 'the browser did not reload it (No tab with id: 12)' });
  });
});

describe('site standing', () => {
  it('runs where an active pattern covers the tab, the port included', () => {
    expect(siteStanding('http://127.0.0.1:8790/desk', [SITE], [SITE])).toBe('runs');
    expect(siteStanding('http://127.0.0.1:9999/desk', [SITE], [SITE])).toBe('not_listed');
    expect(siteStanding('http://127.0.0.1:8790/desk', [SITE], [])).toBe('no_access');
    expect(siteStanding('https://other.test/', [SITE], [SITE])).toBe('not_listed');
  });
});
