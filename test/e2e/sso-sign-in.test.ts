// Single sign-on in Chromium: the options page offers "Sign in with <company>" for a relay with single sign-on; the
// browser's web-auth window shows the real provider's own login and consent pages (driven here as a person would),
// and the extension ends signed in with the team and role its groups map to. A person in no mapped group is told why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumWithExtension, RelayProcess } from './harness/index.ts';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.ts';

let relay: RelayProcess;
let idp: OidcTestProvider;
let browser: ChromiumWithExtension;

beforeAll(async () => {
  relay = await RelayProcess.start();
  const { orgId } = await relay.provision();
  idp = await startOidcTestProvider({
    redirectUris: [`${relay.httpUrl}/v1/sso/callback`],
    accounts: {
      alice: { name: 'Alice Example', email: 'alice@example.com', groups: ['support-billing'] },
      sam: { name: 'Sam Lead', email: 'sam@example.com', groups: ['support-billing', 'support-leads'] },
      mo: { name: 'Mo Marketing', email: 'mo@example.com', groups: ['marketing'] },
      ada: { name: 'Ada Admin', email: 'ada@example.com', groups: ['support-admins'] },
    },
  });
  const secretFile = join(relay.dataDir, 'idp-secret');
  writeFileSync(secretFile, idp.clientSecret);
  await relay.admin(
    'sso', 'set', '--org', orgId, '--issuer', idp.issuer, '--client-id', idp.clientId, '--client-secret-file', secretFile,
    '--scopes', 'openid profile email groups', '--map', 'support-billing=team:Billing', '--map', 'support-leads=role:supervisor',
    '--map', 'support-admins=role:admin',
  );
  browser = await ChromiumWithExtension.launch();
});

afterAll(async () => {
  await browser?.close();
  await idp?.close();
  await relay?.dispose();
});

/**
 * Clicks "Sign in with Acme Support" and signs in as `login` in the web-auth window Chromium opens (playwright sees
 * it as a page of the browser context). The provider's cookies are cleared first: another person at the same desk.
 */
async function signInThroughProviderWindow(options: Page, login: string): Promise<void> {
  await browser.context.clearCookies();
  const button = options.getByRole('button', { name: 'Sign in with Acme Support' });
  const [window] = await Promise.all([browser.context.waitForEvent('page', { timeout: 15_000 }), button.click()]);
  const closed = window.waitForEvent('close', { timeout: 20_000 });
  await window.waitForURL(/\/interaction\//);
  await window.fill('input[name="login"]', login);
  await window.fill('input[name="password"]', 'any password');
  await window.click('button[type="submit"]');
  // The provider's consent page ("Authorize"); the window closes itself when the relay sends it to the extension.
  await window.waitForSelector('input[name="prompt"][value="consent"]', { state: 'attached' });
  await window.click('button[type="submit"]');
  await closed.catch((error: unknown) => {
    throw new Error(`the web-auth window stayed open on ${window.url()}\n${relay.recentLogs()}`, { cause: error });
  });
}

describe('single sign-on in chromium', () => {
  it('signs in through the provider\'s own pages with the mapped team and role', async () => {
    const ui = await browser.openExtensionPage('options.html');
    const options = browser.rawPage(`${browser.extensionOrigin}/options.html`)!;
    await options.fill('#relay-url', relay.httpUrl);

    await signInThroughProviderWindow(options, 'mo');
    expect(await ui.waitForText('#sso-message', /Sign-in refused/)).toContain('in none of the groups your administrator gave access to Undertone');

    await signInThroughProviderWindow(options, 'sam');
    expect(await ui.waitForText('#who', /Sam Lead/)).toBe('Sam Lead, supervisor in Billing, Acme Support');
    await ui.waitForText('#connection-state', /^Connected$/, 20_000);
    await ui.click('#sign-out');
    await ui.waitFor(() => document.querySelector('#enroll-code') !== null);

    await options.fill('#relay-url', relay.httpUrl);
    await signInThroughProviderWindow(options, 'alice');
    expect(await ui.waitForText('#who', /Alice Example/)).toBe('Alice Example, agent in Billing, Acme Support');
    await ui.waitForText('#connection-state', /^Connected$/, 20_000);
    expect(await ui.textOf('#org-overview')).toBeNull();
    await ui.click('#sign-out');
    await ui.waitFor(() => document.querySelector('#relay-url') !== null);
    await ui.close();
  });

  it("shows an admin the organisation read-only: sign-in, teams, people by role, devices", async () => {
    const ui = await browser.openExtensionPage('options.html');
    const options = browser.rawPage(`${browser.extensionOrigin}/options.html`)!;
    await ui.waitFor(() => document.querySelector('#relay-url') !== null);
    await options.fill('#relay-url', relay.httpUrl);
    await signInThroughProviderWindow(options, 'ada');
    expect(await ui.waitForText('#who', /Ada Admin/)).toBe('Ada Admin, admin in no team, Acme Support');
    expect(await ui.waitForText('#org-title', /Acme Support/)).toBe('Your organisation: Acme Support');
    expect(await ui.textOf('#org-sso-issuer')).toBe(idp.issuer);
    expect(await ui.textOf('#org-sso')).toContain('support-leads → role:supervisor');
    expect(await ui.textOf('#org-teams')).toContain('Billing (2 people)');
    expect(await ui.textOf('[data-role="supervisor"]')).toContain('Sam Lead, Billing (single sign-on)');
    expect(await ui.textOf('[data-role="supervisor"]')).toContain('Sam Supervisor, Tier 1 (enrollment code)');
    expect(await ui.textOf('[data-role="admin"]')).toContain('Ada Admin (single sign-on)');
    expect(await ui.textOf('#org-devices')).toContain('Alice Example: Chrome');
    await ui.close();
  });
});
