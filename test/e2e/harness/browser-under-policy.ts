// A browser launched under a machine-wide managed policy for the extension: the policy file is placed just before
// the launch and removed when the browser closes, or at once when the launch fails.
import { launchBrowser, type BrowserName } from './browsers.ts';
import type { ExtensionBrowser } from './firefox.ts';
import { writeChromiumPolicy, writeFirefoxPolicy, type ManagedConfig } from './policy.ts';

export interface BrowserUnderPolicy {
  readonly browser: ExtensionBrowser;
  /** Closes the browser, then removes the policy file (also when closing fails). */
  close(): Promise<void>;
}

export async function launchUnderPolicy(name: BrowserName, config: ManagedConfig, grantedOrigins: string[] = []): Promise<BrowserUnderPolicy> {
  const removePolicy = name === 'chromium' ? writeChromiumPolicy(config) : writeFirefoxPolicy(config);
  let browser: ExtensionBrowser;
  try {
    browser = await launchBrowser(name, grantedOrigins);
  } catch (error) {
    removePolicy();
    throw error;
  }
  return {
    browser,
    async close() {
      try {
        await browser.close();
      } finally {
        removePolicy();
      }
    },
  };
}
