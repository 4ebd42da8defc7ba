// Builds the extension once per test run when `.output` lacks a build (`npm run test:e2e` builds first anyway).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROME_BUILD, FIREFOX_BUILD, ROOT } from './paths.ts';

let built = false;

export function ensureExtensionBuilt(): void {
  if (built) return;
  const wxt = resolve(ROOT, 'node_modules/.bin/wxt');
  if (!existsSync(resolve(CHROME_BUILD, 'manifest.json'))) execFileSync(wxt, ['build'], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(resolve(FIREFOX_BUILD, 'manifest.json'))) {
    execFileSync(wxt, ['build', '-b', 'firefox'], { cwd: ROOT, stdio: 'ignore' });
  }
  built = true;
}
