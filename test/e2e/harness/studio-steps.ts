// Drives the adapter studio as an admin does: "Teach Undertone this page" in the popup, then a real mouse click on
// the page for each part (widening where the part is a container), skipping what a page does not have.
import type { ExtensionBrowser } from './firefox.ts';
import type { UiPage } from './ui-page.ts';

export type StudioStep = {
  part: string;
  /** What to click; absent on the page (or null): the part is skipped in the studio. */
  click: string | null;
  /** Click exactly this element (not a child), e.g. an empty editor. */
  exact?: boolean;
  /** How many times to press "Wider" after the click. */
  wider?: number;
};

/** A point where a click lands on the element (or, unless `exact`, inside it), in viewport coordinates. */
async function pointOn(page: UiPage, selector: string, exact: boolean): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    (arg) => {
      const { selector: s, exact: e } = arg as { selector: string; exact: boolean };
      const element = document.querySelector(s);
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      const rect = element.getBoundingClientRect();
      for (const fy of [0.5, 0.25, 0.75, 0.1, 0.9]) {
        for (const fx of [0.5, 0.1, 0.25, 0.75, 0.9, 0.02, 0.98]) {
          const x = rect.left + rect.width * fx;
          const y = rect.top + rect.height * fy;
          const hit = document.elementFromPoint(x, y);
          if (hit === element || (!e && hit && element.contains(hit))) return { x, y };
        }
      }
      return null;
    },
    { selector, exact },
  );
}

/** Opens the studio on the tab from the popup; returns the studio window. */
export async function openStudio(browser: ExtensionBrowser, tabId: number): Promise<UiPage> {
  const popup = await browser.openExtensionPage(`popup.html?tab=${tabId}`);
  await popup.click('#teach-page');
  // Chromium: the window the popup opened. Firefox: puppeteer over BiDi does not see windows an extension opens
  // (Firefox 153), so the popup's own "open the studio here" link is followed instead.
  const studio =
    browser.name === 'chromium'
      ? await browser.pageOpened('studio.html')
      : await browser.openPage((await popup.waitFor(() => document.querySelector('#studio-link')?.getAttribute('href'))) as string);
  await popup.close();
  await studio.waitFor(() => document.querySelector('[data-part="chatView"].active') !== null);
  return studio;
}

/** Clicks every part on the page in the studio's order. */
export async function teach(studio: UiPage, page: UiPage, steps: readonly StudioStep[]): Promise<void> {
  for (const step of steps) {
    await studio.waitFor((part) => document.querySelector(`[data-part="${part as string}"].active`) !== null, step.part);
    const present = step.click ? await page.evaluate((s) => document.querySelector(s as string) !== null, step.click) : false;
    if (!step.click || !present) {
      await studio.click(`[data-part="${step.part}"] .skip`);
      continue;
    }
    const point = await pointOn(page, step.click, step.exact ?? false);
    if (!point) throw new Error(`no point of ${step.click} to click on`);
    await page.clickAt(point.x, point.y);
    await studio.waitFor((part) => document.querySelector(`[data-part="${part as string}"].picked`) !== null, step.part);
    for (let i = 0; i < (step.wider ?? 0); i++) {
      const before = await studio.textOf(`[data-part="${step.part}"] .finding`);
      await studio.click(`[data-part="${step.part}"] .wider`);
      await studio.waitFor((arg) => {
        const { part, text } = arg as { part: string; text: string | null };
        return document.querySelector(`[data-part="${part}"] .finding`)?.textContent !== text;
      }, { part: step.part, text: before });
    }
  }
}
