// The docked thread keeps its own width when the helpdesk page's content overflows, in real Chromium and Firefox on
// the demo helpdesk: a 64 KB customer message with no place to wrap, in a bubble that does not wrap, neither widens the
// thread past the screen nor pushes its buttons off it, collapsed or expanded.
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

describe.each(BROWSERS)('the thread width in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let browser: ExtensionBrowser;
  let desk: UiPage;

  beforeAll(async () => {
    browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    const conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Wide ${name}`, topic: 'order' })).id;
    desk = await browser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    await desk.setViewport(1366, 768);
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
    await poll(() => desk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent'))), Boolean, 20_000, 'the docked thread');
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('stays within the screen with its buttons on it, collapsed and expanded, while the page overflows', async () => {
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
