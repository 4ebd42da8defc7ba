// Starts the studio on a tab from the popup's click: puts the picker into the page (the click grants activeTab)
// and opens the studio window beside it, both sharing a fresh secret so no other page can drive the picker.
import { STUDIO_SECRET_GLOBAL } from './studio-messages.ts';

export type StartResult = { ok: true; studioUrl: string } | { ok: false; message: string };

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The studio window's address for a tab and secret. */
export function studioPageUrl(tabId: number, secret: string): string {
  return browser.runtime.getURL(`/studio.html?tab=${tabId}&secret=${secret}`);
}

/** Injects the picker into `tabId` and returns the studio window's address (the caller opens it). */
export async function injectPicker(tabId: number): Promise<StartResult> {
  const secret = randomSecret();
  try {
    await browser.scripting.executeScript({
      target: { tabId },
      func: (name: string, value: string) => {
        (globalThis as unknown as Record<string, string>)[name] = value;
      },
      args: [STUDIO_SECRET_GLOBAL, secret],
    });
    await browser.scripting.executeScript({ target: { tabId }, files: ['/studio-picker.js'] });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The studio cannot work on this page (${detail}). It works on http and https pages only.` };
  }
  return { ok: true, studioUrl: studioPageUrl(tabId, secret) };
}

/** Picker in the page, studio in a small window beside it. */
export async function startStudio(tabId: number): Promise<StartResult> {
  const started = await injectPicker(tabId);
  if (!started.ok) return started;
  if (browser.windows?.create) await browser.windows.create({ url: started.studioUrl, type: 'popup', width: 480, height: 820 });
  else await browser.tabs.create({ url: started.studioUrl });
  return started;
}
