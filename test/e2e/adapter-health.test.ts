// Adapter health end to end: an agent works on the Parcelly fixture page with its hand-written adapter; the page
// ships new markup during the test (window.parcellyRelease()), the extension reports the missing transcript to the
// relay, `undertone-relay adapters health` lists it, and the supervisor's console says coaching is unavailable for
// that agent. A reload brings the old markup back: the report and the console note go away. A custom adapter with
// errors delivered by policy is listed by the command with its errors.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, FixtureHelpdesks, RelayProcess, launchSignedIn, launchUnderPolicy, openConsolePage, poll, signIn, type BrowserUnderPolicy, type ExtensionBrowser, type Provisioned, type UiPage } from './harness/index.ts';
import { launchBrowser } from './harness/browsers.ts';
import { ROOT } from './harness/paths.ts';

const SITE = 'http://127.0.0.1/*';
const ADAPTER = readFileSync(resolve(ROOT, 'test/fixtures/studio/parcelly-react.adapter.json'), 'utf8');
const PANEL = 'undertone-supervisor';
const run = promisify(execFile);

type HealthJson = {
  problems: { adapterId: string; part: string; userIds: string[]; since: number }[];
  adapterErrors: { site: string; errors: string[]; userIds: string[] }[];
};

let relay: RelayProcess;
let fixtures: FixtureHelpdesks;
let people: Provisioned;

beforeAll(async () => {
  [relay, fixtures] = await Promise.all([RelayProcess.start(), FixtureHelpdesks.start()]);
  people = await relay.provision();
});

afterAll(async () => {
  await fixtures?.close();
  await relay?.dispose();
});

/** The command's text output, as an admin reads it. */
async function healthText(): Promise<string> {
  const { stdout } = await run(process.execPath, [resolve(ROOT, 'bin/undertone-relay.mjs'), 'adapters', 'health', '--org', people.orgId, '--data', relay.dataDir], { cwd: ROOT });
  return stdout;
}

const consoleNote = (page: UiPage) => page.inShadow(PANEL, (root) => root?.querySelector('.ut-page-health summary')?.textContent ?? null);
const consoleDetails = (page: UiPage) => page.inShadow(PANEL, (root) => [...(root?.querySelectorAll('.ut-page-health li') ?? [])].map((li) => li.textContent ?? ''));

describe.each(BROWSERS)('adapter health in $name', ({ name }) => {
  let agentBrowser: ExtensionBrowser;
  let supervisorBrowser: ExtensionBrowser;
  let desk: UiPage;
  let board: UiPage;

  beforeAll(async () => {
    // The agent's browser: signed in, the fixture site added with its custom adapter in the options page.
    agentBrowser = await launchBrowser(name, [SITE]);
    const options = await signIn(agentBrowser, relay.httpUrl, await relay.enrollmentCode(people.agent.id));
    await options.fill('#site-pattern', SITE);
    await options.fill('#site-adapter', ADAPTER);
    await options.click('#add-site');
    await options.waitFor((p) => document.querySelector(`[data-site="${p as string}"]`)?.textContent?.includes('active') ?? false, SITE, 15_000);
    await options.close();
    supervisorBrowser = await launchSignedIn(name, relay.httpUrl, await relay.enrollmentCode(people.supervisor.id));
  });

  afterAll(async () => {
    await agentBrowser?.close();
    await supervisorBrowser?.close();
  });

  it('reports the transcript missing after the page ships new markup, lists it in the CLI and shows it in the console', async () => {
    board = await openConsolePage(supervisorBrowser);
    desk = await agentBrowser.openPage(`${fixtures.url}/parcelly/inbox/conv/8f3a2c91`);
    // The page is read with the old markup: nothing to report.
    expect(((await relay.admin('adapters', 'health', '--org', people.orgId)) as HealthJson).problems).toEqual([]);

    const shipped = Date.now();
    await desk.evaluate(() => (window as unknown as { parcellyRelease(): void }).parcellyRelease());
    const health = await poll(
      () => relay.admin<HealthJson>('adapters', 'health', '--org', people.orgId),
      (h) => h.problems.length > 0,
      30_000,
      'the missing transcript in `adapters health`',
    );
    expect(health.problems).toEqual([{ adapterId: 'parcelly', adapterName: 'Parcelly Support (written by hand)', part: 'transcript', versions: [expect.stringMatching(/^2026-11-29\.[0-9a-f]{8}$/) as string], userIds: [people.agent.id], since: expect.any(Number) as number }]);
    expect(health.problems[0]!.since).toBeGreaterThanOrEqual(shipped - 1000);
    expect(await healthText()).toMatch(/^Parcelly Support \(written by hand\): transcript not found on 1 agent's page since \d\d:\d\d$/m);
    // What the relay keeps holds no page content: no chat id, no customer, no message.
    const stored = JSON.stringify(health);
    for (const content of ['8f3a2c91', 'Kim Sato', 'parcel?', 'Dana Okafor']) expect(stored).not.toContain(content);

    const note = await poll(() => consoleNote(board), (text) => text !== null, 20_000, 'the page health note in the console');
    expect(note).toBe('Coaching unavailable for 1 agent: page not recognised');
    expect(await consoleDetails(board)).toEqual(['Alice Agent: Parcelly Support (written by hand) cannot find the transcript']);
  });

  it('clears the report and the console note once the page is recognised again', async () => {
    // A reload serves the old markup again.
    await desk.reload();
    await poll(() => relay.admin<HealthJson>('adapters', 'health', '--org', people.orgId), (h) => h.problems.length === 0, 30_000, 'an empty `adapters health`');
    expect(await healthText()).toContain('No adapter problems reported');
    await poll(() => consoleNote(board), (text) => text === null, 20_000, 'the console note to go away');
    await desk.close();
    await board.close();
  });
});

describe.each(BROWSERS)('a policy adapter with errors in health, in $name', ({ name }) => {
  const BROKEN_SITE = 'http://localhost/acme/*';
  const broken = { ...(JSON.parse(ADAPTER) as Record<string, unknown>), id: 'acme-desk', name: 'Acme Desk', selecter: '.typo', match: { urls: ['http://localhost/acme/*'], chatUrl: '/conv/(' } };
  let underPolicy: BrowserUnderPolicy | undefined;

  beforeAll(async () => {
    underPolicy = await launchUnderPolicy(name, { helpdeskSites: [{ match: BROKEN_SITE, adapter: 'custom', adapterConfig: JSON.stringify(broken) }] });
  });

  afterAll(async () => {
    await underPolicy?.close();
  });

  it('lists the errors the signed-in browser reports for that site', async () => {
    const code = await relay.enrollmentCode(people.supervisor.id);
    // With policy problems the extension may open its options page itself as it starts: that can interrupt once.
    const options = await signIn(underPolicy!.browser, relay.httpUrl, code).catch(() => signIn(underPolicy!.browser, relay.httpUrl, code));
    await options.close();
    const health = await poll(
      () => relay.admin<HealthJson>('adapters', 'health', '--org', people.orgId),
      (h) => h.adapterErrors.some((e) => e.userIds.includes(people.supervisor.id)),
      30_000,
      'the policy adapter errors in `adapters health`',
    );
    expect(health.adapterErrors).toEqual([{ site: BROKEN_SITE, errors: expect.any(Array) as string[], userIds: [people.supervisor.id], since: expect.any(Number) as number }]);
    expect([...health.adapterErrors[0]!.errors].sort()).toEqual(['(adapter): "selecter" is not part of the adapter format here', 'match.chatUrl: "/conv/(" is not a valid regular expression']);
    expect(await healthText()).toContain(
      `The custom adapter for ${BROKEN_SITE} is not usable (reported by 1 person since `,
    );
  });
});
