// Where the e2e harness finds the project, the built extension and the browsers, and the fixed extension ids.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const CHROME_BUILD = resolve(ROOT, '.output/chrome-mv3');
export const FIREFOX_BUILD = resolve(ROOT, '.output/firefox-mv2');
export const CHROMIUM_BIN = process.env.UNDERTONE_CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX_BIN = process.env.UNDERTONE_FIREFOX ?? '/usr/bin/firefox-esr';

/** Fixed by the manifest `key` (wxt.config.ts). */
export const CHROME_EXTENSION_ID = 'pgopfmhdjmndnfnnpndadlibeccoghhp';
/** `browser_specific_settings.gecko.id` (wxt.config.ts). */
export const GECKO_ID = 'undertone@undertone.app';
/** Pinned through the `extensions.webextensions.uuids` pref so extension pages have a known address. */
export const FIREFOX_EXTENSION_UUID = '3f1b6c1e-8d0a-4f5e-9a51-5b2a6f0c7d11';
