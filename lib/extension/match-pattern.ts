// Match patterns for helpdesk sites (e.g. https://support.example.com/*): validation in words, and the origin they need.

const PATTERN = /^(https?|\*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(:\d+)?(\/.*)$/;

export type PatternCheck = { ok: true; pattern: string } | { ok: false; message: string };

/** Accepts a match pattern, or a plain site address which becomes `<origin>/*`. */
export function checkSitePattern(input: string): PatternCheck {
  let value = input.trim();
  if (!value) return { ok: false, message: 'Enter a site, e.g. https://support.example.com/*' };
  if (/^https?:\/\/[^/*]+\/?$/.test(value)) value = value.replace(/\/?$/, '/*');
  if (!PATTERN.test(value)) {
    return { ok: false, message: `"${input.trim()}" is not a site pattern. Write it like https://support.example.com/* (http or https, a host, then a path).` };
  }
  return { ok: true, pattern: value };
}

/** The host permission a pattern needs: the same scheme and host, any path (ports are not part of host permissions). */
export function originPermission(pattern: string): string {
  const match = PATTERN.exec(pattern);
  if (!match) throw new Error(`not a match pattern: ${pattern}`);
  return `${match[1]}://${match[2]}/*`;
}
