// The demo helpdesk's reply box behaves like a real rich editor: it sends its own state, which takes input events
// only after a pause, and it undoes text written into its DOM without an input event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, Helpdesk, demoAgentFor, poll, type ExtensionBrowser, type UiPage } from './harness/index.ts';

let helpdesk: Helpdesk;
beforeAll(async () => {
  helpdesk = await Helpdesk.start();
});
afterAll(async () => {
  await helpdesk?.close();
});

const EDITOR = '.hd-composer__editor';

describe.each(BROWSERS)('the demo reply editor in $name', ({ name, launch }) => {
  const agent = demoAgentFor(name);
  let browser: ExtensionBrowser;
  let desk: UiPage;
  let conversation: string;

  beforeAll(async () => {
    browser = await launch();
    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent, customer: `Editor ${name}`, topic: 'delivery' })).id;
    desk = await browser.openPage(helpdesk.deskUrl(agent, conversation));
    await desk.waitFor(() => document.querySelector('.hd-composer__editor') !== null);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const agentTexts = () => helpdesk.conversationsOf(agent).find((c) => c.id === conversation)!.messages.filter((m) => m.author === 'agent').map((m) => m.text);

  it('undoes text written into its DOM without an input event, and never sends it', async () => {
    await desk.evaluate((selector) => {
      document.querySelector(selector as string)!.textContent = 'Written behind the editor';
    }, EDITOR);
    await desk.waitFor((selector) => document.querySelector(selector as string)!.textContent === '', EDITOR, 5_000);
    expect(await desk.evaluate(() => (document.querySelector('.hd-composer__send') as HTMLButtonElement).disabled)).toBe(true);
    expect(agentTexts()).not.toContain('Written behind the editor');
  });

  it('takes inserted text into its state only after a pause, then sends exactly that', async () => {
    // One synchronous step: insert, look at the send button, press Enter. The editor's state cannot hold the text yet.
    const atOnce = await desk.evaluate((selector) => {
      const editor = document.querySelector(selector as string) as HTMLElement;
      editor.focus();
      document.execCommand('insertText', false, 'Your parcel left our depot today.');
      const enabled = !(document.querySelector('.hd-composer__send') as HTMLButtonElement).disabled;
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      return { enabled, text: editor.textContent };
    }, EDITOR);
    expect(atOnce).toEqual({ enabled: false, text: 'Your parcel left our depot today.' });
    await desk.waitFor(() => !(document.querySelector('.hd-composer__send') as HTMLButtonElement).disabled, undefined, 5_000);
    await desk.click('.hd-composer__send');
    await poll(async () => agentTexts(), (texts) => texts.includes('Your parcel left our depot today.'), 10_000, 'the reply to reach the customer');
    await desk.waitFor((selector) => document.querySelector(selector as string)!.textContent === '', EDITOR, 5_000);
    // The early Enter sent nothing: the text reached the customer once, by the click.
    expect(agentTexts().filter((t) => t === 'Your parcel left our depot today.')).toHaveLength(1);
  });
});
