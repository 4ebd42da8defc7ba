// Match patterns for the pages an adapter applies to (`https://*.example.com/agent/*`), compiled to regexes.
// Same shape as WebExtension match patterns, except that a pattern without a port matches any port.

const PATTERN = /^(\*|https?|file):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d{1,5})?(\/.*)$/;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles a match pattern, or returns an explanation of what is wrong with it. */
export function compileUrlPattern(pattern: string): RegExp | string {
  if (pattern === '<all_urls>') return /^(https?|file):\/\//;
  const parts = PATTERN.exec(pattern);
  if (!parts) {
    return `"${pattern}" is not a URL pattern like "https://desk.example.com/*" or "https://*.example.com/agent/*"`;
  }
  const [, scheme = '', host = '', port, path = '/'] = parts;
  const schemeRe = scheme === '*' ? 'https?' : escapeRegex(scheme);
  let hostRe: string;
  if (host === '*') hostRe = '[^/:]*';
  else if (host.startsWith('*.')) hostRe = `(?:[^/:]+\\.)?${escapeRegex(host.slice(2))}`;
  else hostRe = escapeRegex(host);
  const portRe = port ? escapeRegex(port) : '(?::\\d+)?';
  const pathRe = path.split('*').map(escapeRegex).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}${portRe}${pathRe}$`, 'i');
}

/** True when the URL (without its fragment) matches one of the patterns. */
export function urlMatchesAny(patterns: readonly string[], url: string): boolean {
  const withoutHash = url.split('#')[0] ?? url;
  return patterns.some((pattern) => {
    const compiled = compileUrlPattern(pattern);
    return typeof compiled !== 'string' && compiled.test(withoutHash);
  });
}
