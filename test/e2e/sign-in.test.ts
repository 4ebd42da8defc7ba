// Sign-in from the options page against a real relay: wrong code, unreachable relay, then a good code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, relayForFile, type ExtensionBrowser } from './harness/index.ts';

const { relay, people } = await relayForFile();

describe.each(BROWSERS)('sign-in in $name', ({ launch }) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('explains a wrong code and an unreachable relay, then signs in with a good code', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.fill('#relay-url', relay.httpUrl);
    await options.fill('#enroll-code', 'no-such-code');
    await options.click('#sign-in');
    expect(await options.waitForText('#sign-in-message', /enrollment code is not valid/)).toMatch(/ask your administrator/);

    const code = await relay.enrollmentCode(people.agent.id);
    await options.fill('#relay-url', 'http://127.0.0.1:9');
    await options.fill('#enroll-code', code);
    await options.click('#sign-in');
    await options.waitForText('#sign-in-message', /Cannot reach the relay at http:\/\/127\.0\.0\.1:9/);

    // The WebSocket form (ws://host:port/v1/ws) names the same relay as its http:// base.
    await options.fill('#relay-url', `${relay.httpUrl.replace(/^http/, 'ws')}/v1/ws`);
    await options.click('#sign-in');
    expect(await options.waitForText('#who', /Alice Agent/)).toBe('Alice Agent, agent in Tier 1, Acme Support');
    await options.waitForText('#connection-state', /^Connected$/);

    const popup = await browser.openExtensionPage('popup.html');
    await popup.waitForText('#status', /^Connected$/);
    expect(await popup.textOf('#unread-count')).toBe('0');
    await popup.close();

    await options.click('#sign-out');
    await options.waitFor(() => document.querySelector('#enroll-code') !== null);
    await options.close();
  });
});
