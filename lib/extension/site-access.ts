// Site access: helpdesk sites become optional host permissions and a runtime-registered content script.
import type { HelpdeskSite } from './policy.ts';
import { contentScriptMatches, originPermission } from '../url-patterns/index.ts';

export const CONTENT_SCRIPT_ID = 'undertone-helpdesk';
const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/** Asks for access to a site; call from a click handler (browsers require a user gesture). */
export function requestSiteAccess(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPermission(pattern)] });
}

export async function hasSiteAccess(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPermission(pattern)] });
}

/** Gives up access to a site (unless another listed site still needs the same origin). */
export async function releaseSiteAccess(pattern: string, stillListed: HelpdeskSite[]): Promise<void> {
  const origin = originPermission(pattern);
  if (stillListed.some((site) => originPermission(site.match) === origin)) return;
  await browser.permissions.remove({ origins: [origin] });
}

/** Chromium's match patterns may name a port; Firefox's may not (it refuses the registration). */
const portsInMatchPatterns = () => !browser.runtime.getURL('/').startsWith('moz-extension:');

/**
 * Makes the registered content script match exactly the listed sites the extension has access to.
 * Returns the patterns it now runs on (as listed, ports included: the background checks a tab's port).
 */
export async function syncContentScript(sites: HelpdeskSite[]): Promise<string[]> {
  const allowed: string[] = [];
  for (const site of sites) if (await hasSiteAccess(site.match)) allowed.push(site.match);
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (allowed.length) {
    await browser.scripting.registerContentScripts([
      { id: CONTENT_SCRIPT_ID, matches: contentScriptMatches(allowed, portsInMatchPatterns()), js: [CONTENT_SCRIPT_FILE], runAt: 'document_idle', allFrames: false },
    ]);
  }
  return allowed;
}
