// Machine-wide managed-policy files for Chromium and Firefox ESR; every write is undone by its restore().
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CHROME_EXTENSION_ID, GECKO_ID } from './paths.ts';

export const CHROMIUM_POLICY_FILE = '/etc/chromium/policies/managed/undertone-e2e.json';
export const FIREFOX_POLICY_FILE = '/usr/lib/firefox-esr/distribution/policies.json';

export type ManagedConfig = Record<string, unknown>;

/** Writes a file and returns a function restoring what was there before (or removing it). */
function writeRestorable(path: string, content: string): () => void {
  const before = existsSync(path) ? readFileSync(path) : null;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return () => {
    if (before === null) rmSync(path, { force: true });
    else writeFileSync(path, before);
  };
}

/** Managed storage for the extension in Chromium; takes effect for browsers launched afterwards. */
export function writeChromiumPolicy(config: ManagedConfig): () => void {
  return writeRestorable(CHROMIUM_POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: config } } }));
}

/** Managed storage for the extension in Firefox (the `3rdparty` section of policies.json). */
export function writeFirefoxPolicy(config: ManagedConfig): () => void {
  return writeRestorable(FIREFOX_POLICY_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [GECKO_ID]: config } } } }));
}
