// Policy rollout on real browsers: Chromium force-installs the signed CRX from the relay's update manifest and
// Firefox ESR installs the xpi from the relay's install_url, both from real machine-wide policy files, and each
// reads the managed configuration that the same policy carries.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromeUpdateUrl, createCrx3, firefoxInstallUrl, readCrx3 } from '../../lib/rollout/index.ts';
import { CHROME_BUILD, CHROMIUM_BIN, FIREFOX_BIN, poll, ROOT, type RelayProcess } from './harness/index.ts';
import { placeMachinePolicy } from './harness/policy.ts';
import { startRelayServingExtensions } from './rollout-support/relay-serving-extensions.ts';
import { makeTestRelease, type TestRelease } from './rollout-support/test-release.ts';

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const CHROMIUM_POLICY = '/etc/chromium/policies/managed/undertone-rollout-e2e.json';
const FIREFOX_POLICY = '/usr/lib/firefox-esr/distribution/policies.json';
const FIREFOX_UUID = '7c3e2a90-4b1d-4e8f-9d2a-6a1f0b5c3e21';

let release: TestRelease;
let relay: RelayProcess;

beforeAll(async () => {
  release = makeTestRelease(VERSION);
  relay = await startRelayServingExtensions(release.dir);
});

afterAll(async () => {
  await relay?.dispose();
  release?.dispose();
});

/** Managed configuration with a value for each kind of setting; the extension must read it back unchanged. */
const managedConfig = () => ({
  relayUrl: relay.httpUrl,
  helpdeskSites: [{ match: 'https://support.example.com/*', adapter: 'zendesk' }],
  privacy: { listenInAllowed: false, redactionPatterns: ['\\bACCT-\\d+\\b'] },
  ui: { theme: 'dark', waitAlertSeconds: 300 },
});

describe('Chromium rollout from the relay', () => {
  it("signs CRX3 exactly as Chromium's own packer does", () => {
    const work = mkdtempSync(join(tmpdir(), 'undertone-pack-'));
    try {
      cpSync(CHROME_BUILD, join(work, 'ext'), { recursive: true });
      writeFileSync(join(work, 'key.pem'), release.key.export({ type: 'pkcs8', format: 'pem' }));
      execFileSync(CHROMIUM_BIN, ['--headless', '--no-sandbox', '--disable-gpu', `--pack-extension=${join(work, 'ext')}`, `--pack-extension-key=${join(work, 'key.pem')}`], {
        stdio: 'ignore',
        timeout: 60_000,
      });
      const theirs = readFileSync(join(work, 'ext.crx'));
      const parsed = readCrx3(theirs);
      expect(parsed.signatureValid).toBe(true);
      expect(parsed.extensionId).toBe(release.descriptor.chrome.crx!.extensionId);
      expect(createCrx3(Buffer.from(parsed.zip), release.key).crx.equals(theirs)).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('force-installs the CRX from updates.xml named in a policy file and reads its managed config', async () => {
    const id = release.descriptor.chrome.crx!.extensionId;
    const config = managedConfig();
    const removePolicy = placeMachinePolicy(CHROMIUM_POLICY, {
      ExtensionInstallForcelist: [`${id};${chromeUpdateUrl(relay.httpUrl)}`],
      // Test only: Chromium refuses DevTools (and so the test driver) on policy-installed extensions by default.
      DeveloperToolsAvailability: 1,
      '3rdparty': { extensions: { [id]: config } },
    });
    const profile = mkdtempSync(join(tmpdir(), 'undertone-rollout-chromium-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_BIN,
        headless: true,
        // Extensions and the extension updater must run; no unpacked extension is loaded.
        ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking', '--disable-component-extensions-with-background-pages'],
        args: ['--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic'],
      });
      const origin = `chrome-extension://${id}`;
      const worker = context.serviceWorkers().find((w) => w.url().startsWith(origin)) ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(origin), timeout: 45_000 }));
      expect(worker.url()).toBe(`${origin}/background.js`);

      const internals = await context.newPage();
      await internals.goto('chrome://extensions-internals');
      const listing = await internals.evaluate(() => document.body.innerText);
      const entry = (JSON.parse(listing.slice(listing.indexOf('['))) as Array<{ id: string; location: string; version: string }>).find((e) => e.id === id);
      expect(entry).toMatchObject({ location: 'EXTERNAL_POLICY_DOWNLOAD', version: VERSION });

      const options = await context.newPage();
      await options.goto(`${origin}/options.html`);
      const managed = await poll(
        () => options.evaluate(() => (globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<object> } } } }).chrome.storage.managed.get()),
        (value) => Object.keys(value).length > 0,
        20_000,
        'chrome.storage.managed to carry the policy',
      );
      expect(managed).toEqual(config);
      await poll(() => options.evaluate(() => document.querySelector<HTMLInputElement>('#relay-url')?.disabled ?? false), Boolean, 15_000, 'the relay URL to be locked');
      expect(await options.evaluate(() => document.querySelector<HTMLInputElement>('#relay-url')!.value)).toBe(relay.httpUrl);
    } finally {
      await context?.close().catch(() => {});
      removePolicy();
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
    }
    expect(existsSync(CHROMIUM_POLICY)).toBe(false);
  });
});

describe('Firefox rollout from the relay', () => {
  it('installs the xpi from install_url named in policies.json and reads its managed config', async () => {
    const geckoId = release.descriptor.firefox.addonId;
    const installUrl = firefoxInstallUrl(relay.httpUrl);
    const config = managedConfig();
    const removePolicy = placeMachinePolicy(FIREFOX_POLICY, {
      policies: {
        ExtensionSettings: { [geckoId]: { installation_mode: 'force_installed', install_url: installUrl } },
        '3rdparty': { Extensions: { [geckoId]: config } },
      },
    });
    let browser: Browser | undefined;
    try {
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: FIREFOX_BIN,
        headless: true,
        args: ['--remote-allow-system-access'],
        extraPrefsFirefox: {
          'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }),
          // Test only: the package is not signed by Mozilla (Firefox ESR honours this preference).
          'xpinstall.signatures.required': false,
        },
      });
      const page = await browser.newPage();
      const optionsUrl = `moz-extension://${FIREFOX_UUID}/options.html`;
      const managed = await poll(
        async () => {
          // Until the policy install finishes, the moz-extension:// address does not exist.
          await page.goto(optionsUrl, { timeout: 3_000 }).catch(() => {});
          return page.evaluate(() => (globalThis as unknown as { browser: { storage: { managed: { get(): Promise<object> } } } }).browser.storage.managed.get());
        },
        (value) => Object.keys(value).length > 0,
        45_000,
        'browser.storage.managed to carry the policy',
      );
      expect(managed).toEqual(config);

      // The add-on database of the profile records where the add-on came from.
      const profile = browser.process()!.spawnargs.join(' ').match(/--profile (\S+)/)![1]!;
      const addon = await poll(
        async () => {
          const db = JSON.parse(readFileSync(join(profile, 'extensions.json'), 'utf8')) as { addons: Array<Record<string, unknown>> };
          return db.addons.find((a) => a.id === geckoId);
        },
        (a) => a !== undefined,
        15_000,
        'the add-on in extensions.json',
      );
      expect(addon).toMatchObject({ version: VERSION, active: true, sourceURI: installUrl, installTelemetryInfo: { source: 'enterprise-policy' } });
    } finally {
      await browser?.close().catch(() => {});
      removePolicy();
    }
    expect(existsSync(FIREFOX_POLICY)).toBe(false);
  });
});
