// The agent's connection survives a relay restart and a stopped service worker: nothing lost, nothing shown twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, ChromiumWithExtension, SupervisorClient, poll, relayForFile, signIn, type ExtensionBrowser, type UiPage } from './harness/index.ts';

const { relay, people } = await relayForFile();
let supervisor: SupervisorClient;

beforeAll(async () => {
  supervisor = await SupervisorClient.connect(relay.httpUrl, await relay.issueToken(people.supervisor.id));
});

afterAll(() => {
  supervisor?.stop();
});

/** How many unread whispers in the popup carry exactly this text. */
async function shownInPopup(browser: ExtensionBrowser, text: string): Promise<number> {
  const popup = await browser.openExtensionPage('popup.html');
  try {
    await popup.waitFor(() => document.querySelector('#unread-list, #unread-empty') !== null);
    return await popup.evaluate((t) => [...document.querySelectorAll('#unread-list .text')].filter((el) => el.textContent === t).length, text);
  } finally {
    await popup.close();
  }
}

/** Signs the agent in from the options page, which stays open. */
async function signInAgent(browser: ExtensionBrowser): Promise<UiPage> {
  return signIn(browser, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
}

/** Queues an agent reply through the background, as the coaching UI does. */
function queueReply(page: UiPage, conversationKey: string, text: string): Promise<{ ok: boolean }> {
  return page.evaluate(
    (arg) => {
      const { conversationKey: key, text: body } = arg as { conversationKey: string; text: string };
      type Runtime = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
      const scope = globalThis as unknown as { browser?: Runtime; chrome: Runtime };
      return (scope.browser ?? scope.chrome).runtime.sendMessage({ type: 'queue', frame: { type: 'reply', msgId: crypto.randomUUID(), conversationKey: key, text: body } });
    },
    { conversationKey, text },
  ) as Promise<{ ok: boolean }>;
}

describe.each(BROWSERS)('relay restart in $name', ({ name, launch }) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps a reply queued while the relay is down and shows a whisper sent meanwhile exactly once', async () => {
    const conversation = `conv-restart-${name}`;
    const options = await signInAgent(browser);
    await supervisor.whisper(people.agent.id, conversation, `${name}: first whisper`);
    await poll(() => shownInPopup(browser, `${name}: first whisper`), (n) => n === 1, 15_000, 'the first whisper in the popup');

    await relay.stop();
    await options.waitForText('#connection-state', /^Offline|Connecting/);
    expect(await queueReply(options, conversation, `${name}: reply while offline`)).toEqual({ ok: true });
    await supervisor.whisper(people.agent.id, conversation, `${name}: whisper while offline`);
    await relay.restart();

    await poll(() => shownInPopup(browser, `${name}: whisper while offline`), (n) => n > 0, 30_000, 'the offline whisper in the popup');
    await poll(async () => supervisor.texts().includes(`${name}: reply while offline`), Boolean, 15_000, 'the queued reply at the supervisor');
    // Replays after further reconnects must not double anything.
    await relay.restart();
    await options.waitForText('#connection-state', /^Connected$/, 30_000);
    expect(await shownInPopup(browser, `${name}: whisper while offline`)).toBe(1);
    expect(await shownInPopup(browser, `${name}: first whisper`)).toBe(1);
    expect(supervisor.texts().filter((t) => t === `${name}: reply while offline`)).toHaveLength(1);
    await options.click('#sign-out');
    await options.close();
  });
});

describe('service worker stopped in chromium', () => {
  let browser: ChromiumWithExtension;
  beforeAll(async () => {
    browser = await ChromiumWithExtension.launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('comes back from its stored state, resumes the stream and delivers its outbox once', async () => {
    const conversation = 'conv-worker';
    const options = await signInAgent(browser);
    await supervisor.whisper(people.agent.id, conversation, 'worker: before stop');
    await poll(() => shownInPopup(browser, 'worker: before stop'), (n) => n === 1, 15_000, 'the first whisper');
    await options.close();

    await browser.stopServiceWorker();
    await supervisor.whisper(people.agent.id, conversation, 'worker: while stopped');

    // Opening the popup sends a message, which starts the worker again; it reconnects from IndexedDB and storage.
    await poll(() => shownInPopup(browser, 'worker: while stopped'), (n) => n > 0, 30_000, 'the whisper sent while the worker was stopped');
    const page = await browser.openExtensionPage('options.html');
    await page.waitForText('#connection-state', /^Connected$/, 15_000);
    expect(await queueReply(page, conversation, 'worker: reply after restart')).toEqual({ ok: true });
    await poll(async () => supervisor.texts().includes('worker: reply after restart'), Boolean, 15_000, 'the reply at the supervisor');

    await browser.stopServiceWorker();
    expect(await shownInPopup(browser, 'worker: while stopped')).toBe(1);
    expect(await shownInPopup(browser, 'worker: before stop')).toBe(1);
    expect(supervisor.texts().filter((t) => t === 'worker: reply after restart')).toHaveLength(1);
    await page.close();
  });
});
