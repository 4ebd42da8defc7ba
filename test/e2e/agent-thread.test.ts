// The agent's thread stays out of the chat's way, and the status it and the console show is true, in real Chromium
// and Firefox on the demo helpdesk: the transcript keeps at least 60% of its height at 1366x768 with five whispers,
// collapsed or expanded stays across chat switches and reloads, "Reconnecting" and "Sending…" while the relay is
// away (thread and console), and signing out takes the coaching UI off the open helpdesk page at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  SupervisorClient,
  demoAgentFor,
  launchSignedIn,
  openConsolePage,
  poll,
  relayAndDemoForFile,
  type ExtensionBrowser,
  type UiPage,
} from './harness/index.ts';

const DOCK = 'undertone-coaching';
const PANEL = 'undertone-supervisor';
const RECONNECTING = 'Reconnecting — your messages will be sent';

const { relay, people, helpdesk } = await relayAndDemoForFile();

/** Heights of the helpdesk's transcript and of Undertone's thread, and whether the transcript shows its newest message. */
function layout(desk: UiPage) {
  return desk.evaluate(() => {
    const log = document.querySelector('.hd-chat__log') as HTMLElement;
    const host = document.querySelector('undertone-coaching') as HTMLElement | null;
    return {
      transcript: log.clientHeight,
      thread: host?.getBoundingClientRect().height ?? 0,
      column: (log.parentElement as HTMLElement).clientHeight,
      atNewest: log.scrollHeight - log.clientHeight - log.scrollTop <= 4,
    };
  });
}

// Undertone's roots are closed: the tests reach inside through the driver (harness/closed-shadow.ts).
const collapsed = (desk: UiPage) => desk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent--collapsed')));
/** Waits until the docked thread is on the page. */
const docked = (desk: UiPage, timeoutMs = 10_000) => poll(() => desk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent'))), Boolean, timeoutMs, 'the docked thread');

describe.each(BROWSERS)('agent thread and status in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let agentBrowser: ExtensionBrowser;
  let supervisorBrowser: ExtensionBrowser;
  let desk: UiPage;
  let sam: SupervisorClient;
  let conversation: string;
  let other: string;

  beforeAll(async () => {
    [agentBrowser, supervisorBrowser] = await Promise.all([
      launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id)),
      launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.supervisor.id)),
    ]);
    sam = await SupervisorClient.connect(relay.httpUrl, await relay.issueToken(people.supervisor.id));
    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Noor ${name}`, topic: 'delivery' })).id;
    for (let i = 1; i <= 12; i += 1) await helpdesk.customerWrites(conversation, `Message ${i}: where is my parcel?`);
    other = helpdesk.conversationsOf(demoAgent).find((c) => c.id !== conversation && c.status === 'open')!.id;
    desk = await agentBrowser.openPage(helpdesk.deskUrl(demoAgent, conversation));
    await desk.setViewport(1366, 768);
    await docked(desk, 20_000);
  });

  afterAll(async () => {
    sam?.stop();
    await Promise.all([agentBrowser?.close(), supervisorBrowser?.close()]);
  });

  it('starts as one line and keeps the transcript at 60% or more of its height, at its newest message, with five whispers', async () => {
    await poll(() => collapsed(desk), Boolean, 5_000, 'the thread as one line');
    // The transcript's height without Undertone's thread, measured by hiding it for a moment.
    const without = await desk.evaluate(async () => {
      const host = document.querySelector('undertone-coaching') as HTMLElement;
      host.style.display = 'none';
      const height = (document.querySelector('.hd-chat__log') as HTMLElement).clientHeight;
      host.style.display = '';
      return height;
    });
    // The agent reads the newest customer message; Undertone's thread must not push it out of view.
    await desk.evaluate(() => {
      const log = document.querySelector('.hd-chat__log') as HTMLElement;
      log.scrollTop = log.scrollHeight;
    });
    for (let i = 1; i <= 5; i += 1) await sam.whisper(people.agent.id, conversation, `Whisper ${i} (${name})`);
    await poll(() => desk.textIn(DOCK, '.ut-peek-text'), (text) => text === `Whisper 5 (${name})`, 15_000, 'the newest whisper in the one line');
    expect(await desk.textIn(DOCK, '.ut-more')).toBe('4 more');
    const oneLine = await poll(() => layout(desk), (l) => l.atNewest, 5_000, 'the transcript at its newest message');
    expect(oneLine.transcript / without).toBeGreaterThanOrEqual(0.6);

    await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => desk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.length === 5, 10_000, 'the five whispers expanded');
    const open = await poll(() => layout(desk), (l) => l.atNewest, 5_000, 'the transcript at its newest message');
    expect(open.transcript / without).toBeGreaterThanOrEqual(0.6);
    // Within a quarter of the chat column (plus its margins); the thread scrolls inside.
    expect(open.thread).toBeLessThanOrEqual(open.column * 0.25 + 16);
    // Shown expanded, the whispers are read: no unread mark stays.
    await poll(() => desk.textsIn(DOCK, '[data-unread="true"]'), (marks) => marks.length === 0, 10_000, 'the whispers marked read');
  });

  it('stays expanded or collapsed as chosen across chat switches and reloads', async () => {
    expect(await collapsed(desk)).toBe(false);
    const switchTo = async (id: string) => {
      await desk.click(`.hd-inbox__item[data-conv-id="${id}"]`);
      await desk.waitFor((key) => document.querySelector('.hd-chat')?.getAttribute('data-chat-id') === key, id);
      await docked(desk);
    };
    await switchTo(other);
    expect(await collapsed(desk)).toBe(false);
    await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => collapsed(desk), Boolean, 5_000, 'collapsed');
    await switchTo(conversation);
    expect(await collapsed(desk)).toBe(true);
    await desk.reload();
    await docked(desk, 20_000);
    expect(await collapsed(desk)).toBe(true);
    await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => collapsed(desk), (c) => !c, 5_000, 'expanded again');
  });

  it('says "Reconnecting" in the thread and the console while the relay is away, and shows what was sent meanwhile as sending until it is delivered', async () => {
    const console = await openConsolePage(supervisorBrowser);
    const row = `.ut-chat[data-chat-id="${people.agent.id}/${conversation}"]`;
    await poll(() => console.inShadow(PANEL, (root, r) => Boolean(root?.querySelector(r as string)), row), Boolean, 20_000, 'the chat on the board');
    await console.clickIn(PANEL, row);
    await poll(() => console.textsIn(PANEL, '.ut-msg-text'), (texts) => texts.includes(`Whisper 5 (${name})`), 15_000, 'the thread in the console');
    await relay.stop();
    try {
      await poll(() => desk.textIn(DOCK, '.ut-agent-notice'), (text) => text === RECONNECTING, 15_000, 'the thread saying it reconnects');
      await poll(() => console.textIn(PANEL, '.ut-reconnecting'), (text) => text === RECONNECTING, 15_000, 'the console saying it reconnects');
      const reply = `Sent while away (${name})`;
      await desk.fillIn(DOCK, '.ut-agent-reply textarea', reply);
      await desk.clickIn(DOCK, '.ut-agent-reply button[type="submit"]');
      const whisper = `Whisper while away (${name})`;
      await console.fillIn(PANEL, '.ut-whisper-composer textarea', whisper);
      await console.clickIn(PANEL, '.ut-whisper-composer button[type="submit"]');
      const sending = (page: UiPage, host: string) =>
        page.inShadow(host, (root) =>
          [...(root?.querySelectorAll('[data-pending="true"]') ?? [])].map((li) => [li.querySelector('.ut-msg-text')?.textContent, li.querySelector('.ut-msg-sending')?.textContent]),
        );
      expect(await poll(() => sending(desk, DOCK), (list) => list.length === 1, 5_000, 'the reply marked sending')).toEqual([[reply, 'Sending…']]);
      expect(await poll(() => sending(console, PANEL), (list) => list.length === 1, 5_000, 'the whisper marked sending')).toEqual([[whisper, 'Sending…']]);
    } finally {
      await relay.resume();
    }
    await poll(() => desk.textsIn(DOCK, '[data-pending="true"]'), (list) => list.length === 0, 30_000, 'the reply delivered');
    await poll(() => console.textsIn(PANEL, '[data-pending="true"]'), (list) => list.length === 0, 30_000, 'the whisper delivered');
    await poll(() => desk.textIn(DOCK, '.ut-agent-notice'), (text) => text === null, 15_000, 'the notice gone');
    expect(await console.textIn(PANEL, '.ut-reconnecting')).toBeNull();
    // Each once, on both sides.
    expect((await desk.textsIn(DOCK, '.ut-msg-text')).filter((t) => t === `Sent while away (${name})`)).toHaveLength(1);
    expect((await console.textsIn(PANEL, '.ut-msg-text')).filter((t) => t === `Whisper while away (${name})`)).toHaveLength(1);
    await poll(() => desk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.includes(`Whisper while away (${name})`), 15_000, 'the whisper at the agent');
    await console.close();
  });

  it('takes the coaching UI off the open helpdesk page as soon as the agent signs out', async () => {
    expect(await desk.evaluate(() => document.querySelector('undertone-coaching') !== null)).toBe(true);
    const options = await agentBrowser.openExtensionPage('options.html');
    await options.click('#sign-out');
    await options.waitFor(() => document.querySelector('#sign-in') !== null, undefined, 15_000);
    await poll(() => desk.evaluate(() => document.querySelector('undertone-coaching') === null), Boolean, 5_000, 'the thread gone from the page');
    await poll(() => desk.inShadow('undertone-status', (root) => root?.textContent ?? ''), (text) => /not signed in/i.test(text), 5_000, 'the indicator signed out');
    await options.close();
  });
});
