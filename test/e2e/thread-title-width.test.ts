// The docked thread's title and width in real Chromium and Firefox on the demo helpdesk: two customers with one name
// are told apart by the helpdesk's chat id in the title; a 64 KB customer message with no place to wrap, in a bubble
// that does not wrap, neither widens the thread past the screen nor pushes its buttons off it, collapsed or expanded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoAgentFor, launchSignedIn, poll, relayAndDemoForFile, type ExtensionBrowser, type UiPage } from './harness/index.ts';

const DOCK = 'undertone-coaching';
const { relay, people, helpdesk } = await relayAndDemoForFile();

/** Where the thread and its buttons end on the right, against the width of the screen the page has. */
function rightEdges(desk: UiPage) {
  return desk.evaluate(() => {
    const host = document.querySelector('undertone-coaching') as HTMLElement;
    return { screen: document.documentElement.clientWidth, host: host.getBoundingClientRect().right, pageWidth: document.documentElement.scrollWidth };
  });
}
const buttonEdges = (desk: UiPage) =>
  desk.inShadow(DOCK, (root) => [...(root?.querySelectorAll('button') ?? [])].filter((b) => b.getClientRects().length > 0).map((b) => b.getBoundingClientRect().right));

describe.each(BROWSERS)('the thread title and width in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let browser: ExtensionBrowser;
  let desk: UiPage;
  let conversation: string;
  let twin: string;

  beforeAll(async () => {
    browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Sam Wide ${name}`, topic: 'order' })).id;
    twin = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Sam Wide ${name}`, topic: 'refund' })).id;
    desk = await browser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    await desk.setViewport(1366, 768);
    await poll(() => desk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent'))), Boolean, 20_000, 'the docked thread');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('tells two customers with one name apart by the chat id in the title', async () => {
    const title = () => desk.textIn(DOCK, '.ut-title');
    const first = await poll(title, (text) => text?.includes(`#${conversation}`) ?? false, 10_000, 'the title with the chat id');
    expect(first).toContain(`Sam Wide ${name}`);
    expect((await desk.textIn(DOCK, '.ut-chat-id'))?.trim()).toBe(`#${conversation}`);
    await desk.click(`.hd-inbox__item[data-conv-id="${twin}"]`);
    const second = await poll(title, (text) => text?.includes(`#${twin}`) ?? false, 10_000, "the twin's title");
    expect(second).toContain(`Sam Wide ${name}`);
    expect(second).not.toBe(first);
    await desk.click(`.hd-inbox__item[data-conv-id="${conversation}"]`);
    await poll(title, (text) => text?.includes(`#${conversation}`) ?? false, 10_000, 'the first chat again');
  });

  it('stays within the screen with its buttons on it, collapsed and expanded, while the page overflows', async () => {
    // The page's own content: a 64 KB customer message with no place to wrap, in a bubble that does not wrap (its
    // stylesheet, not Undertone's). Larger than the demo's own API takes, so it is put into the page directly.
    await desk.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = '.hd-msg, .hd-msg * { white-space: pre !important; overflow-wrap: normal !important; word-break: normal !important; max-width: none !important; }';
      document.head.append(style);
      const bubble = document.createElement('div');
      bubble.className = 'hd-msg hd-msg--customer';
      bubble.textContent = 'W'.repeat(64 * 1024);
      document.querySelector('.hd-chat__log')!.append(bubble);
    });
    const page = await poll(() => rightEdges(desk), (edges) => edges.pageWidth > edges.screen, 10_000, 'the page content overflowing');
    expect(page.host).toBeLessThanOrEqual(page.screen);
    const collapsed = await buttonEdges(desk);
    expect(collapsed.length).toBeGreaterThan(0);
    for (const right of collapsed) expect(right).toBeLessThanOrEqual(page.screen);

    await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => desk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent-reply textarea'))), Boolean, 5_000, 'the expanded thread');
    const open = await rightEdges(desk);
    expect(open.host).toBeLessThanOrEqual(open.screen);
    const expanded = await buttonEdges(desk);
    expect(expanded.length).toBeGreaterThan(collapsed.length);
    for (const right of expanded) expect(right).toBeLessThanOrEqual(open.screen);
  });
});
