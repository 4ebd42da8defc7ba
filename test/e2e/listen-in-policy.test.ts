// Managed policy that lists the helpdesk site and turns listen-in off: the background registers the policy site on
// start (Chromium: the profile holds the site grant; Firefox: the user allows it in the options page), the agent's
// chats still reach the board with their mood, and a listening supervisor gets a notice and never the transcript.
// Policy files are machine-wide: each is restored when its browser closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  DEMO_SITE,
  demoAgentFor,
  launchUnderPolicy,
  poll,
  relayAndDemoForFile,
  watchBoard,
  type BrowserUnderPolicy,
  type SupervisorClient,
} from './harness/index.ts';
import { LISTEN_IN_OFF_NOTICE } from '../../lib/extension/agent-chats.ts';

const stage = await relayAndDemoForFile();
const { relay, people, helpdesk } = stage;

describe.each(BROWSERS)('listen-in turned off by policy in $name', ({ name }) => {
  const demoAgent = demoAgentFor(name);
  let underPolicy: BrowserUnderPolicy | undefined;
  let supervisor: SupervisorClient | undefined;

  beforeAll(async () => {
    const policy = { relayUrl: relay.httpUrl, helpdeskSites: [{ match: DEMO_SITE, adapter: 'northwind-demo' }], privacy: { listenInAllowed: false } };
    underPolicy = await launchUnderPolicy(name, policy, [DEMO_SITE]);
  });

  afterAll(async () => {
    supervisor?.stop();
    await underPolicy?.close();
  });

  it('publishes the chats but never streams the transcript, and tells the listener why', async () => {
    const browser = underPolicy!.browser;
    const options = await browser.openExtensionPage('options.html');
    await options.waitFor((site) => document.querySelector(`[data-site="${site as string}"]`) !== null, DEMO_SITE, 20_000);
    await options.fill('#enroll-code', await relay.enrollmentCode(people.agent.id));
    await options.click('#sign-in');
    await options.waitForText('#connection-state', /^Connected$/, 20_000);
    if (name === 'firefox') await options.click('.allow-access');
    // Chromium: the policy site is registered by the background on its own, since the profile holds the grant.
    await options.waitFor((site) => document.querySelector(`[data-site="${site as string}"]`)?.textContent?.includes('active') ?? false, DEMO_SITE, 15_000);
    await options.close();

    supervisor = await watchBoard(stage);
    const desk = await browser.openPage(helpdesk.deskUrl(demoAgent));
    const active = await poll(async () => supervisor!.board().find((c) => c.active), Boolean, 20_000, 'the active chat on the board');
    const key = active!.key;
    supervisor.send({ type: 'listen_start', agentId: people.agent.id, conversationKey: key });
    await poll(async () => supervisor!.transcripts(key).length, (n) => n > 0, 15_000, 'the listen-in answer');

    const before = active!.lastCustomerAt;
    await helpdesk.customerWrites(key, `Please call me back on +44 20 7946 0958 (${name})`);
    await desk.waitFor(() => [...document.querySelectorAll('.hd-msg__body')].some((el) => el.textContent?.includes('Please call me back')));
    // The agent's browser saw the message (the chat state moved on) and still sent no transcript of it.
    await poll(async () => supervisor!.board().find((c) => c.key === key)?.lastCustomerAt, (at) => at !== before && at !== undefined, 15_000, 'the chat state after the message');
    const events = supervisor.transcripts(key).flatMap((f) => f.events);
    expect(events).toEqual([expect.objectContaining({ author: 'system', text: LISTEN_IN_OFF_NOTICE })]);
    // Who turned it off, for the console: the organisation's policy (the agent cannot change a locked setting).
    expect(supervisor.transcripts(key).map((f) => f.listenInOff)).toEqual(['policy']);
    expect(supervisor.board().find((c) => c.key === key)!.mood.level).toMatch(/^(good|neutral|at_risk|angry)$/);
  });
});
