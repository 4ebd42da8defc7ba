// The options page refuses a plain ws:// relay that is not on this computer, before and after asking the relay,
// in both browsers; a loopback relay over plain ws:// still signs in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, relayForFile, type ExtensionBrowser } from './harness/index.ts';

const { relay, people } = await relayForFile();

describe.each(BROWSERS)('relay transport in $name', ({ launch }) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses a non-loopback ws:// relay with words, then signs in to a loopback one', async () => {
    const options = await browser.openExtensionPage('options.html');
    const code = await relay.enrollmentCode(people.agent.id);
    await options.fill('#relay-url', 'ws://relay.example.com');
    expect(await options.waitForText('#relay-url-note', /must start with wss:\/\/ or https:\/\//)).toMatch(/only for this computer/);
    await options.fill('#enroll-code', code);
    await options.click('#sign-in');
    // The background refuses it too: nothing was sent to that host.
    expect(await options.waitForText('#sign-in-message', /must start with wss:\/\//)).toMatch(/only for this computer/);

    // A LAN address is refused without the organisation's policy, and says which policy would allow it.
    await options.fill('#relay-url', 'ws://192.168.1.20:8740');
    expect(await options.waitForText('#relay-url-note', /allowPlainLanRelay/)).toMatch(/local network/);

    await options.fill('#relay-url', relay.wsUrl);
    await options.waitFor(() => document.querySelector('#relay-url-note') === null);
    await options.click('#sign-in');
    expect(await options.waitForText('#who', /Alice Agent/)).toContain('Acme Support');
    await options.click('#sign-out');
    await options.waitFor(() => document.querySelector('#enroll-code') !== null);
    await options.close();
  });
});
