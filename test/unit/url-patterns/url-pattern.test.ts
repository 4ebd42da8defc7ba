// URL match patterns: scheme, host wildcards, paths and the any-port rule; site patterns; adapter choice by URL.
import { describe, expect, it } from 'vitest';
import { builtinAdapters } from '../../../lib/adapters/builtin/index.ts';
import { findAdapter } from '../../../lib/adapters/engine/index.ts';
import { checkSitePattern, contentScriptMatches, originPermission, parseUrlPattern, urlMatchesAny } from '../../../lib/url-patterns/index.ts';

describe('URL patterns', () => {
  it('matches subdomains with *. and paths with *', () => {
    const patterns = ['https://*.zendesk.test/agent/*'];
    expect(urlMatchesAny(patterns, 'https://acme.zendesk.test/agent/tickets/12')).toBe(true);
    expect(urlMatchesAny(patterns, 'https://zendesk.test/agent/')).toBe(true);
    expect(urlMatchesAny(patterns, 'https://acme.zendesk.test/admin')).toBe(false);
    expect(urlMatchesAny(patterns, 'https://evilzendesk.test/agent/x')).toBe(false);
    expect(urlMatchesAny(patterns, 'http://acme.zendesk.test/agent/x')).toBe(false);
  });

  it('ignores the port unless the pattern names one, and ignores the fragment', () => {
    expect(urlMatchesAny(['http://localhost/desk*'], 'http://localhost:8790/desk?agent=alice#x')).toBe(true);
    expect(urlMatchesAny(['http://localhost:9000/*'], 'http://localhost:8790/desk')).toBe(false);
    expect(urlMatchesAny(['http://localhost:8790/*'], 'http://localhost:8790/desk')).toBe(true);
    expect(urlMatchesAny(['https://desk.test:443/*'], 'https://desk.test/x')).toBe(true);
    expect(urlMatchesAny(['http://desk.test:8080/*'], 'http://desk.test/x')).toBe(false);
  });

  it('gives the browser the pattern without its port, and a site its host permission', () => {
    const parsed = parseUrlPattern('http://127.0.0.1:8790/desk/*');
    expect(typeof parsed !== 'string' && [parsed.port, parsed.withoutPort]).toEqual(['8790', 'http://127.0.0.1/desk/*']);
    expect(originPermission('http://127.0.0.1:8790/desk/*')).toBe('http://127.0.0.1/*');
    expect(checkSitePattern('http://127.0.0.1:8790')).toEqual({ ok: true, pattern: 'http://127.0.0.1:8790/*' });
    expect(checkSitePattern('ftp://desk.test/*').ok).toBe(false);
    expect(checkSitePattern('https://de*sk.test/*').ok).toBe(false);
  });

  it('registers the content script with ports where the browser takes them, without them in Firefox', () => {
    const sites = ['http://127.0.0.1:8790/*', 'http://127.0.0.1:8791/*', 'https://desk.test/agent/*'];
    expect(contentScriptMatches(sites, true)).toEqual(sites);
    expect(contentScriptMatches(sites, false)).toEqual(['http://127.0.0.1/*', 'https://desk.test/agent/*']);
    expect(() => contentScriptMatches(['desk.test'], false)).toThrow(/not a match pattern/);
  });

  it('matches nothing for an address that is not a URL', () => {
    expect(urlMatchesAny(['*://*/*'], 'not a url')).toBe(false);
  });

  it('explains a pattern without a scheme or path', () => {
    expect(parseUrlPattern('acme.test')).toMatch(/is not a URL pattern/);
    expect(parseUrlPattern('https://acme.test')).toMatch(/is not a URL pattern/);
    expect(parseUrlPattern('https://acme.*/x')).toMatch(/is not a URL pattern/);
  });

  it('picks the first matching adapter, or none', () => {
    expect(findAdapter(builtinAdapters, 'http://127.0.0.1:8790/desk/conversations/c-1')?.id).toBe('northwind-demo');
    expect(findAdapter(builtinAdapters, 'https://example.org/')).toBeNull();
  });
});
