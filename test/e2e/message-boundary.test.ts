// The extension's trust boundary in Chromium: code in the content script's world on an allowed helpdesk page
// cannot sign the extension out or point it at another relay, and cannot read the device token.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSite, poll, relayAndDemoForFile, signIn, type UiPage } from './harness/index.ts';
import { ChromiumWithExtension } from './harness/chromium.ts';

const SITE = 'http://127.0.0.1/*';

const { relay, people, helpdesk } = await relayAndDemoForFile();
let browser: ChromiumWithExtension;
let options: UiPage;

beforeAll(async () => {
  browser = await ChromiumWithExtension.launch({ grantedOrigins: [SITE] });
  options = await signIn(browser, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
  await addSite(options, SITE);
});

afterAll(async () => {
  await browser?.close();
});

/** Evaluates `expression` in the extension's isolated world (its content script) of a page, awaiting a promise. */
async function inContentScript(cdp: CDPSession, contextId: number, expression: string): Promise<unknown> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, awaitPromise: true, returnByValue: true });
  if (exceptionDetails) throw new Error(`content-script evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value;
}

/** The content script's execution context on `page`, once the extension has injected it. */
async function contentScriptContext(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; origin: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const context = await poll(
    async () => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === browser.extensionOrigin),
    (found) => found !== undefined,
    20_000,
    "the extension's content script to run in the helpdesk page",
  );
  return { cdp, contextId: context!.id };
}

describe('the message boundary in chromium', () => {
  it('refuses sign-out and sign-in from a content script, and the token is nowhere a content script can read', async () => {
    const page = await browser.context.newPage();
    await page.goto(helpdesk.deskUrl('alice'));
    const { cdp, contextId } = await contentScriptContext(page);

    const signOut = await inContentScript(cdp, contextId, `chrome.runtime.sendMessage({ type: 'sign_out' })`);
    expect(signOut).toMatchObject({ ok: false, refused: 'forbidden' });
    const signIn = await inContentScript(cdp, contextId, `chrome.runtime.sendMessage({ type: 'sign_in', relayUrl: 'http://127.0.0.1:1', code: 'stolen' })`);
    expect(signIn).toMatchObject({ ok: false, refused: 'forbidden' });
    const state = await inContentScript(cdp, contextId, `chrome.runtime.sendMessage({ type: 'get_state' })`);
    expect(state).toMatchObject({ ok: false, refused: 'forbidden' });

    // The refusals were answered before this question is asked: had the sign-out acted, the state would show it.
    const after = await options.evaluate(async () => {
      type Runtime = { runtime: { sendMessage(message: unknown): Promise<{ user: { id: string } | null; status: { signedIn: boolean } }> } };
      const state = await (globalThis as unknown as { chrome: Runtime }).chrome.runtime.sendMessage({ type: 'get_state' });
      return { user: state.user?.id ?? null, signedIn: state.status.signedIn };
    });
    expect(after).toEqual({ user: people.agent.id, signedIn: true });

    const worker = await browser.serviceWorker();
    const token = await worker.evaluate(
      () =>
        new Promise<string | null>((resolve, reject) => {
          const open = indexedDB.open('undertone-credentials');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction('secrets').objectStore('secrets').get('device-token');
            read.onsuccess = () => resolve((read.result as string | undefined) ?? null);
            read.onerror = () => reject(read.error);
          };
        }),
    );
    expect(token).toMatch(/.{16,}/);
    const storage = (await inContentScript(cdp, contextId, `chrome.storage.local.get(null).then((all) => JSON.stringify(all))`)) as string;
    expect(storage).toContain(people.agent.id);
    expect(storage).not.toContain(token!);
    const pageDb = await inContentScript(
      cdp,
      contextId,
      `new Promise((resolve) => { const o = indexedDB.open('undertone-credentials'); o.onsuccess = () => resolve([...o.result.objectStoreNames]); o.onerror = () => resolve('error'); })`,
    );
    expect(pageDb).toEqual([]);
    await page.close();
  });
});
