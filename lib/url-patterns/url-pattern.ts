// URL match patterns (`https://*.example.com/agent/*`) for helpdesk sites and adapters, on WebExtension match-pattern
// rules (@webext-core/match-patterns). Those carry no port (Firefox refuses one), so an optional port is split off
// here and checked separately: a pattern without a port matches any port. The fragment never matters.
import { MatchPattern } from '@webext-core/match-patterns';

/** Scheme, host (with an optional `*.` or `*`), an optional port, then the path. */
const SHAPE = /^(\*|https?|file):\/\/(\*|\*\.[^/*:]+|[^/*:]*)(?::(\d{1,5}))?(\/.*)$/;

export type UrlPattern = {
  readonly source: string;
  readonly scheme: string;
  readonly host: string;
  /** The port the pattern names, or null for any port. */
  readonly port: string | null;
  /** The pattern as the browser takes it (for host permissions and registered content scripts): without the port. */
  readonly withoutPort: string;
  includes(url: string): boolean;
};

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Parses a match pattern, or returns an explanation of what is wrong with it. */
export function parseUrlPattern(source: string): UrlPattern | string {
  const explain = (reason?: string) =>
    `"${source}" is not a URL pattern like "https://desk.example.com/*" or "https://*.example.com/agent/*"${reason ? ` (${reason})` : ''}`;
  if (source === '<all_urls>') {
    const all = new MatchPattern(source);
    return { source, scheme: '*', host: '*', port: null, withoutPort: source, includes: (url: string) => safely(() => all.includes(url)) };
  }
  const parts = SHAPE.exec(source);
  if (!parts) return explain();
  const [, scheme = '', host = '', port, path = '/'] = parts;
  if (port !== undefined && Number(port) > 65535) return explain('the port is above 65535');
  const withoutPort = `${scheme}://${host}${path}`;
  let matcher: MatchPattern;
  try {
    matcher = new MatchPattern(withoutPort);
  } catch (error) {
    return explain(error instanceof Error ? error.message : String(error));
  }
  return {
    source,
    scheme,
    host,
    port: port ?? null,
    withoutPort,
    includes(url: string) {
      const withoutHash = url.split('#')[0] ?? url;
      return safely(() => {
        if (port !== undefined) {
          const parsed = new URL(withoutHash);
          if ((parsed.port || DEFAULT_PORTS[parsed.protocol]) !== port) return false;
        }
        // A string, never a URL object: the library's `instanceof Location` check throws where Location is undefined.
        return matcher.includes(withoutHash);
      });
    },
  };
}

/** An unparsable URL matches nothing. */
function safely(test: () => boolean): boolean {
  try {
    return test();
  } catch {
    return false;
  }
}

/** True when the URL matches one of the patterns (invalid patterns match nothing). */
export function urlMatchesAny(patterns: readonly string[], url: string): boolean {
  return patterns.some((pattern) => {
    const parsed = parseUrlPattern(pattern);
    return typeof parsed !== 'string' && parsed.includes(url);
  });
}
