// Loads a helpdesk fixture page's body into the happy-dom document at a given address (its scripts stay inert).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export function loadPage(file: string, path: string): void {
  const html = readFileSync(resolve('test/fixtures', file), 'utf8');
  history.replaceState(null, '', path);
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? html;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(resolve('test/fixtures', file), 'utf8')) as T;
}

export const $ = (selector: string): Element => {
  const found = document.querySelector(selector);
  if (!found) throw new Error(`fixture has no ${selector}`);
  return found;
};
