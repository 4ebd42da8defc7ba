// The console's theme from the user's setting: "auto" follows the browser's light or dark preference.
import type { Theme } from '../coaching/index.ts';

export function themeOfSetting(setting: 'auto' | 'light' | 'dark'): Theme {
  if (setting !== 'auto') return setting;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
