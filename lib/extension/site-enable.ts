// "Use Undertone on this site" from the popup: ask for the site, list it, register the content script, then reload
// the tab so Undertone starts on it; and what the popup says about the tab's site, one answer at a time.
import { askBackground } from './messages.ts';
import { readUserSettings, writeUserSettings } from './extension-state.ts';
import { requestSiteAccess } from './site-access.ts';
import { urlMatchesAny } from '../url-patterns/index.ts';

/** Where the tab's site stands: Undertone runs there, is listed without access, or is not set up there. */
export type SiteStanding = 'runs' | 'no_access' | 'not_listed';

export function siteStanding(tabUrl: string, listedSites: readonly string[], activeSites: readonly string[]): SiteStanding {
  if (urlMatchesAny(activeSites, tabUrl)) return 'runs';
  return urlMatchesAny(listedSites, tabUrl) ? 'no_access' : 'not_listed';
}

export type EnableOutcome =
  | { ok: true; reloaded: true }
  | { ok: true; reloaded: false; why: string }
  | { ok: false; why: string };

/** Call from the click (the browser asks for a site's access only inside a user action). */
export async function enableSiteAndReload(pattern: string, tabId: number): Promise<EnableOutcome> {
  const granted = await requestSiteAccess(pattern).catch((error: unknown) => {
    throw new Error(`The browser did not ask for access to ${pattern}: ${String(error)}`);
  });
  if (!granted) return { ok: false, why: `Access to ${pattern} was not granted, so Undertone cannot run there.` };
  const current = await readUserSettings();
  const own = (current.helpdeskSites ?? []).filter((site) => site.match !== pattern);
  await writeUserSettings({ ...current, helpdeskSites: [...own, { match: pattern, adapter: 'auto' }] });
  const active = await askBackground({ type: 'sites_changed' });
  if (!active.includes(pattern)) return { ok: false, why: `The browser would not start Undertone on ${pattern} (see the extension's console).` };
  try {
    await browser.tabs.reload(tabId);
    return { ok: true, reloaded: true };
  } catch (error) {
    return { ok: true, reloaded: false, why: `the browser did not reload it (${error instanceof Error ? error.message : String(error)})` };
  }
}
