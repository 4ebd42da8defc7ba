// The browsers every e2e test runs in, as a table for `describe.each`, and launching one of them by name.
import { ChromiumWithExtension } from './chromium.ts';
import { FirefoxWithExtension, type ExtensionBrowser } from './firefox.ts';

export type BrowserName = 'chromium' | 'firefox';

export const BROWSERS: Array<{ name: BrowserName; launch: () => Promise<ExtensionBrowser> }> = [
  { name: 'chromium', launch: () => ChromiumWithExtension.launch() },
  { name: 'firefox', launch: () => FirefoxWithExtension.launch() },
];

/**
 * Launches `name` with the extension. Chromium's profile already holds the host permissions `grantedOrigins`
 * (see ChromiumWithExtension.launch); Firefox grants them on request without a prompt.
 */
export function launchBrowser(name: BrowserName, grantedOrigins: string[] = []): Promise<ExtensionBrowser> {
  return name === 'chromium' ? ChromiumWithExtension.launch({ grantedOrigins }) : FirefoxWithExtension.launch();
}
