// The stable URL paths under which the relay serves the extension packages and their update manifests.

export const EXTENSIONS_PREFIX = '/extensions/';
export const CHROME_UPDATE_MANIFEST_PATH = '/extensions/chrome/updates.xml';
export const CHROME_LATEST_CRX_PATH = '/extensions/chrome/undertone.crx';
export const FIREFOX_UPDATE_MANIFEST_PATH = '/extensions/firefox/updates.json';
export const FIREFOX_LATEST_XPI_PATH = '/extensions/firefox/undertone.xpi';

/** Strips trailing slashes so paths can be appended. */
export function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

export const chromeUpdateUrl = (base: string) => trimBase(base) + CHROME_UPDATE_MANIFEST_PATH;
export const firefoxUpdateUrl = (base: string) => trimBase(base) + FIREFOX_UPDATE_MANIFEST_PATH;
export const firefoxInstallUrl = (base: string) => trimBase(base) + FIREFOX_LATEST_XPI_PATH;
