// Machine-wide managed-policy files for Chromium and Firefox ESR. A test places one only where none exists, and it
// is removed by the returned function, at process exit and on SIGINT/SIGTERM, whatever the test's outcome.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHROME_EXTENSION_ID, GECKO_ID } from './paths.ts';

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';
export const CHROMIUM_POLICY_FILE = join(CHROMIUM_POLICY_DIR, 'undertone-e2e.json');
export const FIREFOX_POLICY_FILE = '/usr/lib/firefox-esr/distribution/policies.json';

export type ManagedConfig = Record<string, unknown>;

/** Machine-wide policy files present now: any of them changes every browser this suite launches. */
export function machinePolicyFiles(): string[] {
  const chromium = existsSync(CHROMIUM_POLICY_DIR)
    ? readdirSync(CHROMIUM_POLICY_DIR)
        .filter((name) => name.endsWith('.json'))
        .map((name) => join(CHROMIUM_POLICY_DIR, name))
    : [];
  return [...chromium, ...(existsSync(FIREFOX_POLICY_FILE) ? [FIREFOX_POLICY_FILE] : [])];
}

/** The refusal in words when policy files were left behind by something else. */
export function leftoverPolicyMessage(files: readonly string[]): string {
  return (
    `machine-wide browser policy files are present: ${files.join(', ')}. They change every browser the e2e tests ` +
    'launch (a locked relay URL, policy problems shown). Remove them (or wait for whatever placed them) and run again.'
  );
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Writes `content` to `path` (which must not exist) and returns the function that removes it. */
export function placeMachinePolicy(path: string, content: unknown): () => void {
  if (existsSync(path)) throw new Error(leftoverPolicyMessage([path]));
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(content, null, 2));
  renameSync(temp, path);
  let removed = false;
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(path, { force: true });
    process.off('exit', remove);
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
  process.on('exit', remove);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  return remove;
}

/** Managed storage for the extension in Chromium; takes effect for browsers launched afterwards. */
export function writeChromiumPolicy(config: ManagedConfig): () => void {
  return placeMachinePolicy(CHROMIUM_POLICY_FILE, { '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: config } } });
}

/** Managed storage for the extension in Firefox (the `3rdparty` section of policies.json). */
export function writeFirefoxPolicy(config: ManagedConfig): () => void {
  return placeMachinePolicy(FIREFOX_POLICY_FILE, { policies: { '3rdparty': { Extensions: { [GECKO_ID]: config } } } });
}
