// The helpdesk user is the Undertone user, in real Chromium and Firefox on the demo helpdesk: one person signs out and
// another signs in on the same browser while the first person's helpdesk tab stays open. That tab says who is who
// and pauses coaching, and its chats never reach the board under the second person's name; the second person's own
// desk (signed in under a helpdesk name an admin gave them) is coached and on the board.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoAgentFor, launchSignedIn, poll, relayAndDemoForFile, watchBoard, type ExtensionBrowser, type SupervisorClient, type UiPage } from './harness/index.ts';

const DOCK = 'undertone-coaching';

const stage = await relayAndDemoForFile();
const { relay, people, helpdesk } = stage;
let maria: { id: string; name: string };
let sam: SupervisorClient;

beforeAll(async () => {
  maria = await relay.admin<{ id: string; name: string }>('user', 'add', '--org', people.orgId, '--name', 'María García', '--role', 'agent', '--team', people.teamId);
  // On the demo desk Maria is signed in as "Chen Wei" (accents and case differ on purpose elsewhere).
  await relay.admin('user', 'set-helpdesk-names', '--user', maria.id, '--helpdesk-name', 'chen  WEI');
  sam = await watchBoard(stage);
});

afterAll(() => {
  sam?.stop();
});

describe.each(BROWSERS)('the helpdesk user is the Undertone user in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  const demoName = name === 'chromium' ? 'Alice Martin' : 'Bruno Costa';
  let browser: ExtensionBrowser;
  let firstDesk: UiPage;
  let conversation: string;
  let chenConversation: string;

  beforeAll(async () => {
    browser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    conversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: demoAgent, customer: `Robin ${name}`, topic: 'refund' })).id;
    chenConversation = (await helpdesk.control<{ id: string }>({ action: 'start_conversation', agent: 'chen', customer: `Kai ${name}`, topic: 'order' })).id;
    firstDesk = await browser.openPage(helpdesk.deskUrl(demoAgent, conversation));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("shows the first person's chats on the board under their name while they are signed in", async () => {
    await poll(() => firstDesk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent:not(.ut-agent--paused)'))), Boolean, 20_000, 'the coached thread');
    await poll(async () => sam.board().find((c) => c.key === conversation)?.agentId, (id) => id === people.agent.id, 20_000, 'the chat on the board');
  });

  it("pauses the first person's tab after another person signs in, and never shows its chats under the second name", async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.click('#sign-out');
    await options.waitFor(() => document.querySelector('#sign-in') !== null, undefined, 15_000);
    await poll(() => firstDesk.evaluate(() => document.querySelector('undertone-coaching') === null), Boolean, 10_000, 'the thread gone on sign-out');
    await options.fill('#relay-url', relay.httpUrl);
    await options.fill('#enroll-code', await relay.enrollmentCode(maria.id));
    await options.click('#sign-in');
    await options.waitForText('#connection-state', /^Connected$/, 20_000);
    await options.close();

    // The open tab is still signed in to the helpdesk as the first person: it says so, with no composer.
    const paused = `This helpdesk is signed in as ${demoName}; Undertone as María García: coaching is paused on this page`;
    await poll(() => firstDesk.textIn(DOCK, '.ut-paused'), (text) => text === paused, 20_000, 'the paused notice');
    expect(await firstDesk.inShadow(DOCK, (root) => root?.querySelectorAll('textarea, button').length ?? -1)).toBe(0);

    // Maria's own desk (the helpdesk knows her as Chen Wei) is coached, and its chats reach the board under her name.
    const ownDesk = await browser.openPage(helpdesk.deskUrl('chen', chenConversation));
    await poll(() => ownDesk.inShadow(DOCK, (root) => Boolean(root?.querySelector('.ut-agent:not(.ut-agent--paused)'))), Boolean, 20_000, "Maria's coached thread");
    await poll(async () => sam.board().find((c) => c.key === chenConversation)?.agentId, (id) => id === maria.id, 20_000, "Maria's chat on the board");
    // Barrier passed: the chat state that put Maria's chat there is her whole list; none of the first desk's chats are in it.
    const firstDeskKeys = new Set(helpdesk.conversationsOf(demoAgent).map((c) => c.id));
    expect(firstDeskKeys.has(conversation)).toBe(true);
    const underMaria = sam.board().filter((c) => c.agentId === maria.id);
    expect(underMaria.length).toBeGreaterThan(0);
    expect(underMaria.filter((c) => firstDeskKeys.has(c.key))).toEqual([]);
    expect(underMaria.every((c) => helpdesk.conversationsOf('chen').some((own) => own.id === c.key))).toBe(true);
    await ownDesk.close();
  });
});
