// The built extension loads in both browsers and its pages render.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type ExtensionBrowser } from './harness/index.ts';

describe.each(BROWSERS)('extension in $name', ({ launch }) => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders the options page', async () => {
    const page = await browser.openExtensionPage('options.html');
    expect(await page.waitForText('h1', /Undertone/)).toContain('Undertone');
    await page.close();
  });
});
