// Helpdesk site patterns as admins and users write them (https://support.example.com/*): a plain address becomes
// `<origin>/*`, errors are explained in words, and the host permission a site needs (ports are not part of it).
import { parseUrlPattern } from './url-pattern.ts';

export type PatternCheck = { ok: true; pattern: string } | { ok: false; message: string };

/** Accepts an http(s) match pattern, or a plain site address which becomes `<origin>/*`. */
export function checkSitePattern(input: string): PatternCheck {
  let value = input.trim();
  if (!value) return { ok: false, message: 'Enter a site, e.g. https://support.example.com/*' };
  if (/^https?:\/\/[^/*]+\/?$/.test(value)) value = value.replace(/\/?$/, '/*');
  const parsed = parseUrlPattern(value);
  if (typeof parsed === 'string' || parsed.scheme === 'file' || value === '<all_urls>' || parsed.host === '') {
    return { ok: false, message: `"${input.trim()}" is not a site pattern. Write it like https://support.example.com/* (http or https, a host, then a path).` };
  }
  return { ok: true, pattern: value };
}

/** The host permission a pattern needs: the same scheme and host, any path (ports are not part of host permissions). */
export function originPermission(pattern: string): string {
  const parsed = parseUrlPattern(pattern);
  if (typeof parsed === 'string') throw new Error(`not a match pattern: ${pattern}`);
  return `${parsed.scheme}://${parsed.host}/*`;
}

/**
 * The match patterns to register the content script with. Chromium takes a port in a match pattern; Firefox refuses
 * the whole registration when one pattern has a port, so there each pattern goes without its port (a port-less
 * pattern matches every port) and the background turns away a tab on another port (sender-check.ts).
 */
export function contentScriptMatches(patterns: readonly string[], portsInPatterns: boolean): string[] {
  const matches = patterns.map((pattern) => {
    const parsed = parseUrlPattern(pattern);
    if (typeof parsed === 'string') throw new Error(`not a match pattern: ${pattern}`);
    return portsInPatterns ? pattern : parsed.withoutPort;
  });
  return [...new Set(matches)];
}
