// Brings one of the agent's chats to the front: the tab showing it (its window focused), else the address where it
// was last on screen in a new tab, else an answer in words saying why it cannot be opened.
import type { OpenChatResult } from '../messages.ts';
import { chatPlaces } from '../chat-places.ts';
import { tabsFor } from '../tab-registry.ts';
import { urlMatchesAny } from '../../url-patterns/index.ts';

export async function openChat(conversationKey: string, activeSites: readonly string[]): Promise<OpenChatResult> {
  for (const tabId of await tabsFor(conversationKey)) {
    const tab = await browser.tabs.update(tabId, { active: true }).catch(() => null);
    if (!tab) continue;
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
    return { ok: true, how: 'focused' };
  }
  const place = (await chatPlaces())[conversationKey];
  if (!place) return { ok: false, message: `Chat #${conversationKey} is not open in any tab, and this browser has not shown it yet: open it in your helpdesk.` };
  // Only an address of a helpdesk site Undertone runs on (what a helpdesk tab reported, still allowed).
  if (!urlMatchesAny(activeSites, place.url)) return { ok: false, message: `Chat #${conversationKey} was on a site Undertone no longer runs on: open it in your helpdesk.` };
  await browser.tabs.create({ url: place.url, active: true });
  return { ok: true, how: 'opened' };
}
