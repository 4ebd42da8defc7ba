// The browsers every e2e test runs in, as a table for `describe.each`.
import { ChromiumWithExtension } from './chromium.ts';
import { FirefoxWithExtension, type ExtensionBrowser } from './firefox.ts';

export const BROWSERS: Array<{ name: 'chromium' | 'firefox'; launch: () => Promise<ExtensionBrowser> }> = [
  { name: 'chromium', launch: () => ChromiumWithExtension.launch() },
  { name: 'firefox', launch: () => FirefoxWithExtension.launch() },
];
