// What a helpdesk page's own scripts can see of Undertone, in both browsers: every host Undertone puts in the page
// has a closed shadow root (`host.shadowRoot === null` for the page), and no whisper or transcript text is in the
// page's DOM, its attributes or its key events, while the agent does see the whisper (read here by the driver).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoAgentFor, openWatchedDesk, poll, relayAndDemoForFile, type ExtensionBrowser, type SupervisorClient, type UiPage } from './harness/index.ts';

const DOCK = 'undertone-coaching';

const stage = await relayAndDemoForFile();
const { people } = stage;

describe.each(BROWSERS)('closed shadow roots in $name', ({ name }) => {
  let browser: ExtensionBrowser;
  let supervisor: SupervisorClient;
  let desk: UiPage;

  beforeAll(async () => {
    ({ browser, supervisor, desk } = await openWatchedDesk(name, stage, demoAgentFor(name)));
    // The page's own script records every key event that bubbles to the document.
    await desk.evaluate(() => {
      const keys: string[] = [];
      (window as unknown as { pageSawKeys: string[] }).pageSawKeys = keys;
      for (const type of ['keydown', 'keyup', 'keypress', 'input', 'beforeinput']) document.addEventListener(type, (e) => keys.push(`${type}:${(e as KeyboardEvent).key ?? ''}`));
    });
  });

  afterAll(async () => {
    supervisor?.stop();
    await browser?.close();
  });

  it('shows the whisper to the agent, but the page sees only closed hosts and none of its text', async () => {
    const active = await poll(async () => supervisor.board().find((c) => c.active), Boolean, 20_000, 'the active chat on the board');
    const whisper = `Offer the quiet refund zq${name}`;
    await supervisor.whisper(people.agent.id, active!.key, whisper);
    // The thread starts as one line with the newest whisper; expanded, the whole thread shows.
    await poll(() => desk.textsIn(DOCK, '.ut-peek-text'), (texts) => texts.includes(whisper), 20_000, 'the whisper in the agent pane (through the driver)');
    await desk.clickIn(DOCK, '.ut-toggle');
    await poll(() => desk.textsIn(DOCK, '.ut-msg-text'), (texts) => texts.includes(whisper), 10_000, 'the whisper in the expanded thread');

    const seen = await desk.evaluate((text) => {
      const hosts = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('undertone-'));
      const attributes = [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value));
      return {
        hosts: hosts.map((el) => el.localName),
        open: hosts.filter((el) => el.shadowRoot !== null).map((el) => el.localName),
        inDom: document.documentElement.outerHTML.includes(text as string) || (document.body.innerText ?? '').includes(text as string),
        inAttributes: attributes.some((value) => value.includes(text as string)),
      };
    }, whisper);
    expect(seen.hosts).toContain(DOCK);
    expect(seen.open).toEqual([]);
    expect(seen.inDom).toBe(false);
    expect(seen.inAttributes).toBe(false);
  });

  it("keeps the agent's typing in Undertone's composer away from the page's key listeners", async () => {
    await desk.fillIn(DOCK, '.ut-agent .ut-composer textarea', 'kx');
    expect(await desk.inShadow(DOCK, (root) => (root?.querySelector('.ut-agent .ut-composer textarea') as HTMLTextAreaElement | null)?.value ?? null)).toBe('kx');
    const keys = await desk.evaluate(() => (window as unknown as { pageSawKeys: string[] }).pageSawKeys);
    expect(keys.filter((k) => /:(k|x)$/.test(k))).toEqual([]);
  });
});
