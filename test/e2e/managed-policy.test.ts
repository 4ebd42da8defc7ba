// Managed configuration from a real policy file: values win and lock, invalid ones are reported in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, launchUnderPolicy, relayForFile, type BrowserUnderPolicy } from './harness/index.ts';

const { relay, people } = await relayForFile();

describe.each(BROWSERS)('managed policy in $name', ({ name }) => {
  let underPolicy: BrowserUnderPolicy | undefined;

  beforeAll(async () => {
    underPolicy = await launchUnderPolicy(name, {
      relayUrl: relay.httpUrl,
      privacy: { listenInAllowed: false, redactionPatterns: ['\\bACCT-\\d+\\b', '(unclosed'] },
      ui: { theme: 'sparkly' },
    });
  });

  afterAll(async () => {
    await underPolicy?.close();
  });

  it('locks the relay URL and listen-in, lists the invalid values, and signs in with the policy relay', async () => {
    const options = await underPolicy!.browser.openExtensionPage('options.html');
    const problems = await options.waitForText('#policy-problems', /ui\.theme/, 20_000);
    expect(problems).toMatch(/ui\.theme must be "auto", "light" or "dark", not "sparkly"/);
    expect(problems).toMatch(/redactionPatterns\[1\] "\(unclosed" is not a valid regular expression/);
    expect(problems).not.toMatch(/relayUrl/);

    const fields = await options.evaluate(() => {
      const relayUrl = document.querySelector<HTMLInputElement>('#relay-url')!;
      const listenIn = document.querySelector<HTMLInputElement>('#listen-in')!;
      return {
        relayUrl: relayUrl.value,
        relayUrlDisabled: relayUrl.disabled,
        listenInChecked: listenIn.checked,
        listenInDisabled: listenIn.disabled,
        lockNotes: [...document.querySelectorAll('[data-locked-note]')].map((el) => el.getAttribute('data-locked-note')),
        themeDisabled: document.querySelector<HTMLSelectElement>('#theme')!.disabled,
      };
    });
    expect(fields).toEqual({
      relayUrl: relay.httpUrl,
      relayUrlDisabled: true,
      listenInChecked: false,
      listenInDisabled: true,
      lockNotes: ['relayUrl', 'listenInAllowed'],
      themeDisabled: false,
    });

    await options.fill('#enroll-code', await relay.enrollmentCode(people.supervisor.id));
    await options.click('#sign-in');
    expect(await options.waitForText('#who', /Sam Supervisor/)).toBe('Sam Supervisor, supervisor in Tier 1, Acme Support');
    await options.close();
  });
});
